/**
 * Item categories per Outlook client: what the office-addin-mock host refuses (as the real clients and the
 * host shim do), and the one decision the compose handler and the pane share.
 */
import { canUseCategoriesWhileComposing, outlookClient } from '../../addin/office/compose-categories';
import {
  installOutlookMock,
  OPERATION_NOT_SUPPORTED,
  OUTLOOK_CLIENT_PROFILES,
  removeOutlookMock,
  sampleAppointment,
  type OutlookClient,
  type OutlookMockOptions,
} from './support/outlook-mock';

afterEach(removeOutlookMock);

type Result = { status: string; error?: { code: number; name: string; message: string } };

/** Calls item.categories.<method> on the installed mock and hands back its AsyncResult. */
function categoryCall(method: 'getAsync' | 'addAsync' | 'removeAsync'): Promise<Result> {
  const categories = (Office.context.mailbox.item as unknown as Record<string, Record<string, (...a: unknown[]) => void>>).categories!;
  return new Promise((done) => (method === 'getAsync' ? categories[method]!(done) : categories[method]!(['External'], done)));
}

const CLIENTS: OutlookClient[] = ['web', 'newOutlook', 'classicWindows', 'mac'];

describe('the mock host refuses compose-mode item categories where Outlook does', () => {
  it.each(['web', 'newOutlook'] as const)('%s: get, add and remove fail with 5000 "The operation is not supported."', async (client) => {
    const outlook = installOutlookMock({ mode: 'compose', client, appointment: sampleAppointment({ categories: ['External'] }) });
    for (const method of ['getAsync', 'addAsync', 'removeAsync'] as const) {
      const result = await categoryCall(method);
      expect(result.status).toBe('failed');
      expect(result.error).toEqual({ code: 5000, name: 'Host Error', message: 'The operation is not supported.' });
    }
    expect(outlook.itemCategories).toEqual(['External']);
  });

  it.each(['classicWindows', 'mac'] as const)('%s: get, add and remove work while composing', async (client) => {
    const outlook = installOutlookMock({ mode: 'compose', client });
    expect((await categoryCall('addAsync')).status).toBe('succeeded');
    expect(outlook.itemCategories).toEqual(['External']);
    expect((await categoryCall('getAsync')).status).toBe('succeeded');
    expect((await categoryCall('removeAsync')).status).toBe('succeeded');
    expect(outlook.itemCategories).toEqual([]);
  });
});

describe('read mode on the web with refusesOthersMeetings (office-js 4909)', () => {
  const options = (organizer: string): OutlookMockOptions => ({
    mode: 'read',
    client: 'web',
    refusesOthersMeetings: true,
    me: 'ana@contoso.com',
    appointment: sampleAppointment({ organizer: { emailAddress: organizer, displayName: organizer } }),
  });

  it("refuses addAsync on someone else's meeting", async () => {
    const outlook = installOutlookMock(options('bo@fabrikam.com'));
    expect((await categoryCall('addAsync')).error).toEqual(OPERATION_NOT_SUPPORTED);
    expect(outlook.itemCategories).toEqual([]);
    expect((await categoryCall('getAsync')).status).toBe('succeeded');
  });

  it("allows it on one's own meeting, and off the web", async () => {
    installOutlookMock(options('ana@contoso.com'));
    expect((await categoryCall('addAsync')).status).toBe('succeeded');
    removeOutlookMock();
    installOutlookMock({ ...options('bo@fabrikam.com'), client: 'classicWindows' });
    expect((await categoryCall('addAsync')).status).toBe('succeeded');
  });
});

describe('canUseCategoriesWhileComposing', () => {
  it.each(CLIENTS)('tells %s apart from what it reports', (client) => {
    installOutlookMock({ mode: 'compose', client });
    expect(outlookClient()).toBe(client);
  });

  it('is false on the web and in new Outlook, true in classic Windows and on Mac', () => {
    expect(CLIENTS.map((c) => [c, canUseCategoriesWhileComposing(c)])).toEqual([
      ['web', false],
      ['newOutlook', false],
      ['classicWindows', true],
      ['mac', true],
    ]);
  });

  it("knows new Outlook's early host name, and leaves an unrecognised host to try", () => {
    const office = (hostName: string, platform: string) => ({ context: { platform, mailbox: { diagnostics: { hostName } } } });
    expect(outlookClient(office('OneOutlook', 'OfficeOnline'))).toBe('newOutlook');
    expect(outlookClient(office('OutlookIOS', 'iOS'))).toBe('unknown');
    expect(canUseCategoriesWhileComposing('unknown')).toBe(true);
    expect(OUTLOOK_CLIENT_PROFILES.newOutlook.platform).toBe(OUTLOOK_CLIENT_PROFILES.web.platform);
  });
});
