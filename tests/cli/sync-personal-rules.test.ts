/**
 * Personal rules belong to the user's object id (the API's token `oid`); `sync --mailbox <upn>` resolves the
 * UPN through Graph so the owner's personal rules apply after the org rules, and nobody else's do.
 */
import type { Rule } from '../../shared';
import { ADA, BO, categoriesOf } from '../sync/support/team';
import { startCliStack, type CliStack } from './support/cli-stack';

const dentistRule: Rule = {
  id: 'r_health',
  name: 'Health',
  scope: 'personal',
  enabled: true,
  order: 0,
  when: { field: 'subject', op: 'contains', value: 'dentist' },
  then: { category: 'Health', color: 'preset4', stop: false },
};

describe('calsync sync with personal rules', () => {
  let stack: CliStack;
  beforeAll(async () => {
    stack = await startCliStack();
    const adaObjectId = stack.sandbox.store.mailbox(ADA).id;
    const stores = stack.openStores();
    try {
      const at = new Date().toISOString();
      const meta = { tenantId: stack.sandbox.tenantId, createdAt: at, createdBy: 'test', updatedAt: at, updatedBy: 'test' };
      await stores.rules.create({ ...dentistRule, ...meta, ownerId: adaObjectId.toLowerCase() });
      // Bo owns a rule that would match Ada's dentist appointment: it must not touch Ada's mailbox.
      await stores.rules.create({
        ...dentistRule,
        id: 'r_bo',
        then: { ...dentistRule.then, category: 'Bo only' },
        ...meta,
        ownerId: stack.sandbox.store.mailbox(BO).id.toLowerCase(),
      });
    } finally {
      await stores.close();
    }
  });
  afterAll(() => stack.close());

  it("applies the mailbox owner's personal rules, found by the owner's object id", async () => {
    const result = await stack.run(['sync', '--mailbox', ADA]);
    expect(result.code).toBe(0);
    expect(categoriesOf(stack.sandbox, ADA, 'Dentist')).toEqual(['Personal', 'Health']);
  });
});
