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
  /** Make these operations fail, e.g. { 'masterCategories.addAsync': { code: 9041, name: 'PermissionDenied' } }. */
  failures?: Record<string, { code: number; name: string; message?: string }>;
  theme?: { isDarkTheme?: boolean; bodyBackgroundColor?: string };
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
  roaming: Map<string, unknown>;
  roamingSaves: number;
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

export function installOutlookMock(options: OutlookMockOptions): OutlookMockState {
  const appt = options.appointment ?? sampleAppointment();
  const state: OutlookMockState = {
    itemCategories: [...appt.categories],
    masterCategories: [...(options.masterCategories ?? [])],
    roaming: new Map(Object.entries(options.roaming ?? {})),
    roamingSaves: 0,
    calls: [],
    handlers: new Map(),
    itemHandlers: new Map(),
    appointment: appt,
    dialogs: [],
  };

  /** Answers through the callback (the last argument) on a later tick, or fails as configured or as the client does. */
  const answer = (operation: string, value: () => unknown) =>
    function (...args: unknown[]) {
      state.calls.push(operation);
      const callback = args[args.length - 1] as Callback;
      const failure = options.failures?.[operation] ?? categoryRefusal(options, state, operation);
      setTimeout(() => {
        if (failure) callback({ status: 'failed', value: undefined, error: { code: failure.code, name: failure.name, message: failure.message ?? failure.name } });
        else callback({ status: 'succeeded', value: value() });
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
  const master = {
    getAsync: answer('masterCategories.getAsync', () => state.masterCategories.map((c) => ({ ...c }))),
    addAsync: function (list: Array<{ displayName: string; color: string }>, cb: Callback) {
      return answer('masterCategories.addAsync', () => {
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

  const client = options.client ?? 'web';
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
      officeTheme: options.theme ?? { bodyBackgroundColor: '#ffffff' },
      requirements: { isSetSupported: (name: string, version?: string) => (name === 'NestedAppAuth' ? naa && parseFloat(version ?? '1.1') <= 1.1 : true) },
      ui: { displayDialogAsync: dialogApi(state, options.dialog ?? {}) },
      roamingSettings: {
        get: (key: string) => state.roaming.get(key),
        set: (key: string, value: unknown) => void state.roaming.set(key, value),
        remove: (key: string) => void state.roaming.delete(key),
        saveAsync: function (cb: Callback) {
          state.roamingSaves += 1;
          return answer('roamingSettings.saveAsync', () => undefined)(cb);
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
  if (options.mode === 'read' && client === 'web' && options.refusesOthersMeetings && othersMeeting && operation === 'item.categories.addAsync') return OPERATION_NOT_SUPPORTED;
  return undefined;
}

/** The person edits the item being composed: the appointment changes and Outlook raises the event (if anyone listens). */
export function changeComposeItem(state: OutlookMockState, eventType: 'olkAppointmentTimeChanged' | 'olkRecipientsChanged' | 'olkRecurrenceChanged', patch: Partial<SampleAppointment>): void {
  Object.assign(state.appointment, patch);
  state.itemHandlers.get(eventType)?.({ type: eventType });
}

export function removeOutlookMock(): void {
  delete (globalThis as { Office?: unknown }).Office;
}
