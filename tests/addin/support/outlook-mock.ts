/**
 * An Outlook host for tests, built with office-addin-mock: an appointment in read or compose mode, the
 * mailbox's master categories and roaming settings. Every getAsync/addAsync answers through its callback
 * on a later tick, as Office does; `state` shows what the code under test wrote.
 */
import { OfficeMockObject } from 'office-addin-mock';
import { dialogApi, nestedAppAuthSupported, type DialogScript, type MailboxAccountType, type WindowsChannel } from './outlook-mock-sign-in';

export { nestedAppAuthSupported, OUTLOOK_2021_LTSC, type DialogScript, type MailboxAccountType, type WindowsChannel } from './outlook-mock-sign-in';

// office-addin-mock uses only the OfficeApp enum of office-addin-manifest, whose full entry point pulls an
// ESM-only package jest cannot load untransformed; the enum's own module is plain CommonJS.
jest.mock('office-addin-manifest', () => jest.requireActual('office-addin-manifest/lib/officeApp'));

export interface SampleAppointment {
  subject: string;
  location: string;
  body: string;
  start: Date;
  end: Date;
  organizer: { emailAddress: string; displayName: string };
  requiredAttendees: Array<{ emailAddress: string; displayName: string }>;
  optionalAttendees: Array<{ emailAddress: string; displayName: string }>;
  categories: string[];
  isAllDayEvent: boolean;
  recurring: boolean;
}

export function sampleAppointment(overrides: Partial<SampleAppointment> = {}): SampleAppointment {
  return {
    subject: 'Quarterly review with Fabrikam',
    location: 'Room 4',
    body: 'Agenda: numbers',
    start: new Date('2026-03-02T09:00:00Z'),
    end: new Date('2026-03-02T10:00:00Z'),
    organizer: { emailAddress: 'ana@contoso.com', displayName: 'Ana' },
    requiredAttendees: [{ emailAddress: 'bo@fabrikam.com', displayName: 'Bo' }],
    optionalAttendees: [],
    categories: [],
    isAllDayEvent: false,
    recurring: false,
    ...overrides,
  };
}

/** Which Outlook the mock is; the host shim (addin/host-shim/outlook-host-shim.js) documents each one's sources. */
export type OutlookClient = 'web' | 'newOutlook' | 'classicWindows' | 'mac';

/** What each client reports as Office.context.platform and mailbox.diagnostics (as in the host shim). */
export const OUTLOOK_CLIENT_PROFILES: Record<OutlookClient, { platform: string; hostName: string; hostVersion: string }> = {
  web: { platform: 'OfficeOnline', hostName: 'OutlookWebApp', hostVersion: '20261101003.05' },
  newOutlook: { platform: 'OfficeOnline', hostName: 'newOutlookWindows', hostVersion: '20261101003.05' },
  classicWindows: { platform: 'PC', hostName: 'Outlook', hostVersion: '16.0.19127.20000' },
  mac: { platform: 'Mac', hostName: 'Outlook', hostVersion: '16.103.1' },
};

export interface OutlookMockOptions {
  mode: 'read' | 'compose';
  /** Which Outlook; 'web' unless a test says otherwise. What each refuses is keyed on it. */
  client?: OutlookClient;
  appointment?: SampleAppointment;
  me?: string;
  masterCategories?: Array<{ displayName: string; color: string }>;
  roaming?: Record<string, unknown>;
  /** Leave out item.categories and mailbox.masterCategories, as hosts before Mailbox 1.8 do. */
  withoutCategoriesApi?: boolean;
  /** Make these operations fail, e.g. { 'masterCategories.addAsync': { code: 9016, name: 'PermissionDenied' } }. */
  failures?: Record<string, { code?: number; name: string; message?: string }>;
  /** Office.context.officeTheme's colours (Outlook gives no isDarkTheme: see LIGHT_OFFICE_THEME). */
  theme?: { bodyBackgroundColor?: string; bodyForegroundColor?: string; controlBackgroundColor?: string; controlForegroundColor?: string };
  /** Master categories created in another client: in new Outlook, missing from getAsync yet there (office-js 6484). */
  categoriesCreatedElsewhere?: Array<{ displayName: string; color: string }>;
  /** Leave out item.addHandlerAsync in compose mode, as hosts before Mailbox 1.7 do. */
  withoutItemEvents?: boolean;
  /**
   * Outlook on the web refusing addAsync on a meeting someone else organised, in read mode (office-js 4909);
   * off unless a test says so, as the report says it "may". See `categoryRefusal`.
   */
  refusesOthersMeetings?: boolean;
  /** Office.context.displayLanguage; en-US unless a test says otherwise. */
  displayLanguage?: string;
  /** The mailbox's time zone (userProfile.timeZone), IANA or Windows name; UTC unless a test says otherwise. */
  timeZone?: string;
  /** The client's version (mailbox.diagnostics.hostVersion); the profile's recent one unless a test says otherwise. */
  hostVersion?: string;
  /** Classic Windows's channel, for NestedAppAuth; subscription unless a test says otherwise. */
  windowsChannel?: WindowsChannel;
  /** userProfile.accountType; 'enterprise' unless a test says otherwise. */
  accountType?: MailboxAccountType;
  /** The Office dialog's behaviour (Office.context.ui.displayDialogAsync); absent, the dialog opens and stays open. */
  dialog?: DialogScript;
}

export interface OutlookMockState {
  itemCategories: string[];
  masterCategories: Array<{ displayName: string; color: string }>;
  /** The roaming settings as this runtime sees them (set/remove change it at once). */
  roaming: Map<string, unknown>;
  /** What the mailbox stores: changed only by a saveAsync Outlook accepts; what a new runtime (the compose handler) reads. */
  savedRoaming: Map<string, unknown>;
  roamingSaves: number;
  /** The most of the limited calls (ASYNC_LIMITED_OPERATION) in flight at once. */
  maxLimitedInFlight: number;
  calls: string[];
  /** Handlers registered with mailbox.addHandlerAsync, by event type. */
  handlers: Map<string, (args: unknown) => void>;
  /** Handlers registered with item.addHandlerAsync (compose mode), by event type; removeHandlerAsync deletes. */
  itemHandlers: Map<string, (args: unknown) => void>;
  /** The appointment the item reads from: change it, then raise the event with `raiseItemEvent`. */
  appointment: SampleAppointment;
  /** Each dialog the pane opened: its URL, and whether it is closed (by the code or the person). */
  dialogs: Array<{ url: string; closed: boolean }>;
}

export type Callback = (result: unknown) => void;

/** An error as an AsyncResult carries it (Microsoft's error-code table names the code, message and name). */
interface OfficeErrorShape {
  code?: number;
  name: string;
  message?: string;
}

class OfficeFailure extends Error {
  constructor(readonly error: OfficeErrorShape) {
    super(error.name);
  }
}

function failed(failure: OfficeErrorShape | OfficeFailure) {
  const e = failure instanceof OfficeFailure ? failure.error : failure;
  return { status: 'failed', value: undefined, error: { code: e.code, name: e.name, message: e.message ?? e.name } };
}

/*
 * Limits Outlook enforces, per client. Sources:
 * - Roaming settings: "32 KB number of characters" for all of an add-in's settings, on every client; over it,
 *   saveAsync fails with 9057 "Size Limit Exceeded" and the mailbox keeps what it had. The settings are stored
 *   serialized to JSON, so a JSON string value counts with its quotes escaped (office-js 258 found the limit counts
 *   characters of all settings together).
 *   https://learn.microsoft.com/office/dev/add-ins/outlook/limits-for-activation-and-javascript-api-for-outlook-add-ins
 *   https://learn.microsoft.com/office/dev/add-ins/reference/javascript-api-for-office-error-codes
 *   https://github.com/OfficeDev/office-js/issues/3060, https://github.com/OfficeDev/office-js/issues/258
 * - Asynchronous calls: on the web, mobile and new Outlook, at most 3 of the listed calls (subject, location,
 *   time and recipients getAsync/setAsync, roamingSettings.saveAsync, ...) in flight at once (same limits page);
 *   office.js refuses another with 5100 "Wait until the previous call completes" (ooeTooManyIncompleteRequests,
 *   https://github.com/OfficeDev/office-js/issues/3274). Classic Windows and Mac have no such limit.
 */
const ROAMING_SETTINGS_MAX_CHARS = 32 * 1024;
const ROAMING_SIZE_LIMIT_EXCEEDED: OfficeErrorShape = {
  code: 9057,
  name: 'Size Limit Exceeded',
  message: 'A maximum of 32KB is available for the settings of each add-in.',
};
function serializedRoamingSize(settings: Map<string, unknown>): number {
  return JSON.stringify(Object.fromEntries(settings)).length;
}
const ASYNC_CALL_LIMIT: Partial<Record<OutlookClient, number>> = { web: 3, newOutlook: 3 };
const ASYNC_LIMITED_OPERATION = /^item\.(subject|location|start|end|requiredAttendees|optionalAttendees)\.(get|set|add)Async$|^roamingSettings\.saveAsync$/;
const TOO_MANY_INCOMPLETE_REQUESTS: OfficeErrorShape = { code: 5100, name: 'API Call Failed', message: 'Wait until the previous call completes.' };

/**
 * Outlook's officeTheme: colours only. Its reference says isDarkTheme (and themeId) "isn't supported in Outlook", and
 * the theme API is not available to event-based activation. https://learn.microsoft.com/javascript/api/office/office.officetheme
 */
const LIGHT_OFFICE_THEME = {
  bodyBackgroundColor: '#ffffff',
  bodyForegroundColor: '#242424',
  controlBackgroundColor: '#ffffff',
  controlForegroundColor: '#242424',
};

export function installOutlookMock(options: OutlookMockOptions): OutlookMockState {
  const appt = options.appointment ?? sampleAppointment();
  const state: OutlookMockState = {
    itemCategories: [...appt.categories],
    masterCategories: [...(options.masterCategories ?? [])],
    roaming: new Map(Object.entries(options.roaming ?? {})),
    savedRoaming: new Map(Object.entries(options.roaming ?? {})),
    roamingSaves: 0,
    maxLimitedInFlight: 0,
    calls: [],
    handlers: new Map(),
    itemHandlers: new Map(),
    appointment: appt,
    dialogs: [],
  };

  const client = options.client ?? 'web';
  let limitedInFlight = 0;
  /**
   * Answers through the callback (the last argument) on a later tick, or fails as configured or as the client does.
   * `value` may throw an OfficeFailure to fail as Outlook would. With the 3-call limit, a 4th limited call in flight fails.
   */
  const answer = (operation: string, value: () => unknown) =>
    function (...args: unknown[]) {
      state.calls.push(operation);
      const callback = args[args.length - 1] as Callback;
      const limited = ASYNC_CALL_LIMIT[client] !== undefined && ASYNC_LIMITED_OPERATION.test(operation);
      const refused = limited && limitedInFlight >= ASYNC_CALL_LIMIT[client]!;
      if (limited && !refused) state.maxLimitedInFlight = Math.max(state.maxLimitedInFlight, ++limitedInFlight);
      const failure = refused ? TOO_MANY_INCOMPLETE_REQUESTS : (options.failures?.[operation] ?? categoryRefusal(options, state, operation));
      setTimeout(() => {
        if (limited && !refused) limitedInFlight -= 1;
        if (failure) return callback(failed(failure));
        try {
          callback({ status: 'succeeded', value: value() });
        } catch (err) {
          if (!(err instanceof OfficeFailure)) throw err;
          callback(failed(err));
        }
      }, 0);
    };

  const details = () => state.itemCategories.map((displayName) => ({ displayName, color: 'Preset0' }));
  const categories = {
    getAsync: answer('item.categories.getAsync', details),
    addAsync: function (names: string[], cb: Callback) {
      return answer('item.categories.addAsync', () => {
        state.itemCategories.push(...names);
        return undefined;
      })(names, cb);
    },
    removeAsync: function (names: string[], cb: Callback) {
      return answer('item.categories.removeAsync', () => {
        const gone = new Set(names.map((n) => n.toLowerCase()));
        state.itemCategories = state.itemCategories.filter((n) => !gone.has(n.toLowerCase()));
        return undefined;
      })(names, cb);
    },
  };
  // Categories created in another client: on the mailbox's list, but new Outlook's getAsync can miss them (office-js 6484).
  const elsewhere = options.categoriesCreatedElsewhere ?? [];
  if (client !== 'newOutlook') state.masterCategories.push(...elsewhere);
  const onMailbox = () => [...state.masterCategories, ...(client === 'newOutlook' ? elsewhere : [])];
  const master = {
    getAsync: answer('masterCategories.getAsync', () => state.masterCategories.map((c) => ({ ...c }))),
    addAsync: function (list: Array<{ displayName: string; color: string }>, cb: Callback) {
      return answer('masterCategories.addAsync', () => {
        // "DuplicateCategory: One of the categories provided is already in the master category list" (office.mastercategories).
        const taken = new Set(onMailbox().map((c) => c.displayName.toLowerCase()));
        if (list.some((c) => taken.has(c.displayName.toLowerCase()))) throw new OfficeFailure({ name: 'DuplicateCategory' });
        if (!options.failures?.['masterCategories.addAsync']) state.masterCategories.push(...list);
        return undefined;
      })(list, cb);
    },
  };

  const people = (list: SampleAppointment['requiredAttendees']) => list.map((p) => ({ ...p, recipientType: 'user' }));
  const getter = (name: string, value: () => unknown) => ({ getAsync: answer(`item.${name}.getAsync`, value) });
  const item: Record<string, unknown> =
    options.mode === 'read'
      ? {
          itemType: 'appointment',
          itemId: 'AAMkSample',
          subject: appt.subject,
          location: appt.location,
          start: appt.start,
          end: appt.end,
          organizer: { ...appt.organizer },
          requiredAttendees: people(appt.requiredAttendees),
          optionalAttendees: people(appt.optionalAttendees),
          isAllDayEvent: appt.isAllDayEvent,
          seriesId: appt.recurring ? 'series-1' : '',
          body: getter('body', () => appt.body),
        }
      : {
          itemType: 'appointment',
          subject: getter('subject', () => appt.subject),
          location: getter('location', () => appt.location),
          start: getter('start', () => appt.start),
          end: getter('end', () => appt.end),
          organizer: getter('organizer', () => ({ ...appt.organizer })),
          requiredAttendees: getter('requiredAttendees', () => people(appt.requiredAttendees)),
          optionalAttendees: getter('optionalAttendees', () => people(appt.optionalAttendees)),
          body: getter('body', () => appt.body),
          isAllDayEvent: getter('isAllDayEvent', () => appt.isAllDayEvent),
          recurrence: getter('recurrence', () => (appt.recurring ? { recurrenceType: 'weekly' } : undefined)),
        };
  if (!options.withoutCategoriesApi) item.categories = categories;
  if (options.mode === 'compose' && !options.withoutItemEvents) {
    item.addHandlerAsync = function (type: string, handler: (args: unknown) => void, cb: Callback) {
      state.itemHandlers.set(type, handler);
      return answer('item.addHandlerAsync', () => undefined)(cb);
    };
    item.removeHandlerAsync = function (type: string, cb: Callback) {
      state.itemHandlers.delete(type);
      return answer('item.removeHandlerAsync', () => undefined)(cb);
    };
  }

  const profile = { ...OUTLOOK_CLIENT_PROFILES[client], ...(options.hostVersion ? { hostVersion: options.hostVersion } : {}) };
  const accountType = options.accountType ?? 'enterprise';
  const naa = nestedAppAuthSupported(client, profile.hostVersion, accountType, options.windowsChannel);
  const mailbox: Record<string, unknown> = {
    diagnostics: { hostName: profile.hostName, hostVersion: profile.hostVersion },
    item,
    userProfile: { emailAddress: options.me ?? 'ana@contoso.com', displayName: 'Ana', timeZone: options.timeZone ?? 'UTC', accountType },
  };
  if (!options.withoutCategoriesApi) mailbox.masterCategories = master;
  mailbox.addHandlerAsync = function (type: string, handler: (args: unknown) => void, cb: Callback) {
    state.handlers.set(type, handler);
    return answer('mailbox.addHandlerAsync', () => undefined)(cb);
  };

  const data = {
    host: 'outlook',
    context: {
      platform: profile.platform,
      diagnostics: { host: 'Outlook', platform: profile.platform, version: profile.hostVersion },
      mailbox,
      displayLanguage: options.displayLanguage ?? 'en-US',
      // No isDarkTheme: Outlook does not support it (LIGHT_OFFICE_THEME); the pane reads the colours.
      officeTheme: { ...LIGHT_OFFICE_THEME, ...options.theme },
      requirements: { isSetSupported: (name: string, version?: string) => (name === 'NestedAppAuth' ? naa && parseFloat(version ?? '1.1') <= 1.1 : true) },
      ui: { displayDialogAsync: dialogApi(state, options.dialog ?? {}) },
      roamingSettings: {
        get: (key: string) => state.roaming.get(key),
        set: (key: string, value: unknown) => void state.roaming.set(key, value),
        remove: (key: string) => void state.roaming.delete(key),
        saveAsync: function (cb: Callback) {
          state.roamingSaves += 1;
          return answer('roamingSettings.saveAsync', () => {
            if (serializedRoamingSize(state.roaming) > ROAMING_SETTINGS_MAX_CHARS) throw new OfficeFailure(ROAMING_SIZE_LIMIT_EXCEEDED);
            state.savedRoaming = new Map(state.roaming);
            return undefined;
          })(cb);
        },
      },
    },
  };
  (globalThis as { Office?: unknown }).Office = new OfficeMockObject(data);
  return state;
}

/** Office's failed AsyncResult for a call the client does not support (office-js 4150, 4588, 4909). */
export const OPERATION_NOT_SUPPORTED = { code: 5000, name: 'Host Error', message: 'The operation is not supported.' } as const;

/**
 * The item-category calls a client refuses, as the host shim (addin/host-shim/outlook-host-shim.js) models
 * them with their sources: in compose mode, Outlook on the web and new Outlook refuse get, add and remove
 * (Office.Categories reference); on the web, read mode may refuse addAsync on someone else's meeting (4909).
 */
function categoryRefusal(options: OutlookMockOptions, state: OutlookMockState, operation: string): typeof OPERATION_NOT_SUPPORTED | undefined {
  if (!operation.startsWith('item.categories.')) return undefined;
  const client = options.client ?? 'web';
  const webLike = client === 'web' || client === 'newOutlook';
  if (options.mode === 'compose' && webLike) return OPERATION_NOT_SUPPORTED;
  const othersMeeting = state.appointment.organizer.emailAddress.toLowerCase() !== (options.me ?? 'ana@contoso.com').toLowerCase();
  if (options.mode === 'read' && client === 'web' && options.refusesOthersMeetings && othersMeeting && operation === 'item.categories.addAsync')
    return OPERATION_NOT_SUPPORTED;
  return undefined;
}

/** The person edits the item being composed: the appointment changes and Outlook raises the event (if anyone listens). */
export function changeComposeItem(
  state: OutlookMockState,
  eventType: 'olkAppointmentTimeChanged' | 'olkRecipientsChanged' | 'olkRecurrenceChanged',
  patch: Partial<SampleAppointment>,
): void {
  Object.assign(state.appointment, patch);
  state.itemHandlers.get(eventType)?.({ type: eventType });
}

export function removeOutlookMock(): void {
  delete (globalThis as { Office?: unknown }).Office;
}
