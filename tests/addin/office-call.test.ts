import { officeCall, optionalGet } from '../../addin/office/office-call';
import { OfficeAdapterError } from '../../addin/office/office-errors';

describe('officeCall', () => {
  it('resolves with the AsyncResult value', async () => {
    await expect(officeCall<number>('op', (cb) => setTimeout(() => cb({ status: 'succeeded', value: 42 })))).resolves.toBe(42);
  });

  it('turns a failed AsyncResult into a typed rejection, permission errors apart', async () => {
    const failed = officeCall('x.addAsync', (cb) => cb({ status: 'failed', value: undefined, error: { code: 9041, name: 'PermissionDenied', message: 'nope' } }));
    await expect(failed).rejects.toMatchObject({ name: 'OfficeAdapterError', code: 'permission_denied', operation: 'x.addAsync', hostCode: 9041 });
    const other = officeCall('y', (cb) => cb({ status: 'failed', value: undefined, error: { code: 5001, name: 'GenericResponseError' } }));
    await expect(other).rejects.toMatchObject({ code: 'call_failed', hostCode: 5001 });
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
});
