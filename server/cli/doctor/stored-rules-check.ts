/**
 * Stored rules the rule validation would now refuse (issue #12: names with invisible, control or bidi code
 * points were accepted before). They are listed — tenant, rule id, the offending name with what hides in it
 * written out — and never changed: an admin decides what each should be called.
 */
import { parseRule, showInvisible } from '../../../shared';
import { toDocument } from '../../services/rule-documents';
import type { Stores } from '../../store/types';
import { fail, pass, shortError, skip, type CheckResult } from './check';

const NAME = 'stored rules';
/** Listed in full up to here; beyond, a count (the detail is one line per rule). */
const SHOWN = 20;

export async function checkStoredRules(stores: Stores | undefined, tenantId: string | undefined): Promise<CheckResult> {
  if (!stores) return skip(NAME, 'needs the store');
  if (!tenantId) return skip(NAME, 'needs the tenant (CALSYNC_TENANT_ID)');
  let rules;
  try {
    rules = await stores.rules.listTenant(tenantId);
  } catch (err) {
    return fail(NAME, shortError(err), 'check the store');
  }
  const refused: string[] = [];
  for (const rule of rules) {
    const result = parseRule(toDocument(rule));
    if (result.ok) continue;
    const codes = [...new Set(result.issues.map((i) => i.code))].join(', ');
    const owner = rule.scope === 'personal' ? ` (personal, owner ${rule.ownerId ?? '?'})` : '';
    refused.push(`tenant ${tenantId} rule ${rule.id}${owner} name "${showInvisible(rule.name)}" category "${showInvisible(rule.then.category)}": ${codes}`);
  }
  if (refused.length === 0) return pass(NAME, `${rules.length} rule${rules.length === 1 ? '' : 's'} of tenant ${tenantId} valid`);
  const listed = refused
    .slice(0, SHOWN)
    .map((line) => `\n      ${line}`)
    .join('');
  const more = refused.length > SHOWN ? `\n      … and ${refused.length - SHOWN} more` : '';
  return fail(
    NAME,
    `${refused.length} of ${rules.length} rules would now be refused (left unchanged):${listed}${more}`,
    'edit or re-import each listed rule with a name and category of visible characters only (docs/RULES.md, "Names")',
  );
}
