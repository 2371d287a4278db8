import { signInThroughDialog } from '../../addin/account/dialog-sign-in';
import { installOutlookMock, removeOutlookMock, type DialogScript, type OutlookMockState } from './support/outlook-mock';

const page = 'https://calsync.contoso.com/auth/sign-in-dialog.html';
const sets = [['api://calsync/Rules.ReadWrite'], ['Calendars.Read']];
const success = JSON.stringify({ status: 'success', tokens: [{ scopes: sets[0], accessToken: 'from-dialog', expiresOn: 1 }] });

function outlook(dialog: DialogScript): OutlookMockState {
  return installOutlookMock({ mode: 'read', client: 'classicWindows', dialog });
}

describe('sign-in through the Office dialog', () => {
  afterEach(removeOutlookMock);

  it('opens the sign-in page with the scope sets, takes its tokens and closes it', async () => {
    const state = outlook({ reply: () => success });
    await expect(signInThroughDialog(page, sets)).resolves.toEqual([{ scopes: sets[0], accessToken: 'from-dialog', expiresOn: 1 }]);
    expect(state.dialogs).toEqual([{ url: `${page}?scopes=${encodeURIComponent(JSON.stringify(sets))}`, closed: true }]);
  });

  it("passes on the page's own failure", async () => {
    outlook({ reply: () => JSON.stringify({ status: 'failure', errorCode: 'access_denied', message: 'consent was refused' }) });
    await expect(signInThroughDialog(page, sets)).rejects.toMatchObject({ code: 'sign_in_failed', message: 'consent was refused' });
  });

  it('says the window was closed when the person closes it (12006)', async () => {
    const state = outlook({ closedByUser: true });
    await expect(signInThroughDialog(page, sets)).rejects.toMatchObject({
      code: 'sign_in_failed',
      message: expect.stringContaining('closed before you finished'),
    });
    expect(state.dialogs.every((d) => d.closed)).toBe(true);
  });

  it.each([
    [12009, 'not allowed to open'],
    [12011, 'browser blocked the sign-in window'],
    [12004, "not on the add-in's own domain"],
  ])('explains why Office would not open it (%i)', async (code, words) => {
    outlook({ openError: code });
    await expect(signInThroughDialog(page, sets)).rejects.toMatchObject({ code: 'sign_in_failed', message: expect.stringContaining(words) });
  });

  it('says a sign-in window is already open (12007) while one is', async () => {
    const state = outlook({});
    void signInThroughDialog(page, sets); // stays open: the script neither replies nor closes
    await expect(signInThroughDialog(page, sets)).rejects.toMatchObject({ message: expect.stringContaining('already open') });
    expect(state.dialogs).toHaveLength(1);
  });

  it('takes tokens only from its own origin', async () => {
    jest.useFakeTimers();
    try {
      const state = outlook({ reply: () => success, origin: 'https://evil.example' });
      let settled = false;
      void signInThroughDialog(page, sets).then(
        () => (settled = true),
        () => (settled = true),
      );
      await jest.runAllTimersAsync();
      expect(state.dialogs).toHaveLength(1);
      expect(settled).toBe(false);
      expect(state.dialogs[0]!.closed).toBe(false);
    } finally {
      jest.useRealTimers();
    }
  });
});
