import { OFFICE_CALLS_AT_ONCE, officeCall, optionalGet } from '../../addin/office/office-call';
import { OFFICE_ERROR_CODES, OfficeAdapterError, type OfficeErrorCode } from '../../addin/office/office-errors';
import { describeError, isRetryable } from '../../addin/taskpane/components/describe-error';

function failWith(error: { code?: number; name?: string; message?: string }) {
  return officeCall('x.addAsync', (cb) => cb({ status: 'failed', value: undefined, error }));
}

describe('officeCall', () => {
  it('resolves with the AsyncResult value', async () => {
    await expect(officeCall<number>('op', (cb) => setTimeout(() => cb({ status: 'succeeded', value: 42 })))).resolves.toBe(42);
  });

  it('turns a failed AsyncResult into a typed rejection carrying the operation and Office code', async () => {
    await expect(failWith({ code: 9016, name: 'Permission denied', message: 'nope' })).rejects.toMatchObject({
      name: 'OfficeAdapterError',
      code: 'permission_denied',
      operation: 'x.addAsync',
      hostCode: 9016,
      message: 'nope',
    });
  });

  it('turns a synchronous throw from the host into a typed rejection', async () => {
    const err = await officeCall('z', () => {
      throw new Error('host exploded');
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OfficeAdapterError);
    expect((err as OfficeAdapterError).message).toBe('host exploded');
  });

  it('optionalGet gives undefined when the host lacks the API', async () => {
    await expect(optionalGet('item.isAllDayEvent.getAsync', undefined)).resolves.toBeUndefined();
    await expect(optionalGet('item.x.getAsync', {})).resolves.toBeUndefined();
  });

  it(`never has more than ${OFFICE_CALLS_AT_ONCE} calls in flight (Outlook on the web refuses a 4th), and runs them all`, async () => {
    let inFlight = 0;
    let most = 0;
    const pending: Array<() => void> = [];
    const calls = Array.from({ length: 10 }, (_, i) =>
      officeCall<number>(`op${i}`, (cb) => {
        most = Math.max(most, ++inFlight);
        pending.push(() => {
          inFlight -= 1;
          cb({ status: 'succeeded', value: i });
        });
      }),
    );
    // Answer the calls one at a time, as the host would, until every one has been made and answered.
    for (let answered = 0; answered < 10; answered += 1) {
      await new Promise((r) => setTimeout(r, 0));
      pending.shift()!();
    }
    await expect(Promise.all(calls)).resolves.toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(most).toBe(OFFICE_CALLS_AT_ONCE);
  });
});

/** Microsoft's error-code table (javascript-api-for-office-error-codes): each code the add-in maps, and what the pane says. */
describe('Office error codes', () => {
  const cases: Array<[number, string, OfficeErrorCode]> = [
    [5000, 'Host Error', 'operation_refused'], // "The operation is not supported." (for this item or mode)
    [5009, 'Permission Denied', 'permission_denied'], // "Access Denied"
    [9016, 'Permission denied', 'permission_denied'],
    [9041, 'Network error', 'network'],
    [9057, 'Size Limit Exceeded', 'too_large'],
    [5100, 'API Call Failed', 'busy'], // "Wait until the previous call completes."
  ];

  it.each(cases)('%i (%s) is %s', async (code, name, expected) => {
    await expect(failWith({ code, name })).rejects.toMatchObject({ code: expected, hostCode: code });
  });

  it('covers every code in the map', () => {
    expect(Object.keys(OFFICE_ERROR_CODES).map(Number).sort()).toEqual(cases.map(([code]) => code).sort());
  });

  it('maps Outlook named errors without a table code, and anything else to call_failed', async () => {
    await expect(failWith({ name: 'PermissionDenied' })).rejects.toMatchObject({ code: 'permission_denied' });
    await expect(failWith({ name: 'DuplicateCategory' })).rejects.toMatchObject({ code: 'duplicate_category' });
    await expect(failWith({ code: 5001, name: 'Internal Error' })).rejects.toMatchObject({ code: 'call_failed', hostCode: 5001 });
    await expect(failWith({ name: 'toString' })).rejects.toMatchObject({ code: 'call_failed' });
  });

  it('9041 is a network error: the pane offers Retry and does not send the person to their admin', async () => {
    const err = await failWith({ code: 9041, name: 'Network error', message: 'The user is no longer connected to the network.' }).catch((e: unknown) => e);
    expect(isRetryable(err)).toBe(true);
    expect(describeError(err)).toMatch(/connection/);
    expect(describeError(err)).not.toMatch(/admin|redeploy/i);
  });

  it('5100 (too many calls at once) offers Retry; a permission refusal does not', async () => {
    expect(isRetryable(await failWith({ code: 5100, name: 'API Call Failed' }).catch((e: unknown) => e))).toBe(true);
    expect(isRetryable(await failWith({ code: 9016, name: 'Permission denied' }).catch((e: unknown) => e))).toBe(false);
  });
});
