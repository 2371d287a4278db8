/**
 * Response structures from the Microsoft Graph v1.0 documentation (field names and nesting only;
 * values are placeholders). `null` means the documented value may be null, so only presence is checked.
 */

const dateTimeTimeZone = { dateTime: '2026-03-29T16:00:00.0000000', timeZone: 'UTC' };
const emailAddress = { name: 'name', address: 'a@contoso.com' };

// https://learn.microsoft.com/graph/api/event-get (response example) and resources/event
export const eventSample = {
  '@odata.etag': 'W/"…"',
  id: 'AAMk…',
  createdDateTime: '2026-03-29T10:00:00.0000000Z',
  lastModifiedDateTime: '2026-03-29T10:00:00.0000000Z',
  changeKey: '…',
  categories: ['Red category'],
  transactionId: null,
  originalStartTimeZone: 'Pacific Standard Time',
  originalEndTimeZone: 'Pacific Standard Time',
  iCalUId: '0400…',
  uid: '0400…',
  reminderMinutesBeforeStart: 15,
  isReminderOn: true,
  hasAttachments: false,
  subject: 'subject',
  bodyPreview: 'preview',
  importance: 'normal',
  sensitivity: 'normal',
  isAllDay: false,
  isCancelled: false,
  isOrganizer: true,
  responseRequested: true,
  seriesMasterId: null,
  showAs: 'busy',
  type: 'singleInstance',
  webLink: 'https://outlook.office365.com/owa/?itemid=…',
  onlineMeetingUrl: null,
  isOnlineMeeting: false,
  onlineMeetingProvider: 'unknown',
  allowNewTimeProposals: true,
  occurrenceId: null,
  isDraft: false,
  hideAttendees: false,
  responseStatus: { response: 'organizer', time: '0001-01-01T00:00:00Z' },
  body: { contentType: 'html', content: '<html>…</html>' },
  start: dateTimeTimeZone,
  end: dateTimeTimeZone,
  location: { displayName: '', locationType: 'default', uniqueIdType: 'unknown', address: {}, coordinates: {} },
  locations: [],
  recurrence: null,
  attendees: [{ type: 'required', status: { response: 'none', time: '0001-01-01T00:00:00Z' }, emailAddress }],
  organizer: { emailAddress },
  onlineMeeting: null,
};

// https://learn.microsoft.com/graph/api/user-list-calendarview
export const calendarViewPageSample = { '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#users(…)/calendarView', value: [eventSample], '@odata.nextLink': 'https://…&$skip=10' };

// https://learn.microsoft.com/graph/delta-query-events and api/event-delta
export const deltaNextPageSample = { '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#Collection(event)', '@odata.nextLink': 'https://…/calendarView/delta?$skiptoken=…', value: [{ '@odata.type': '#microsoft.graph.event', ...eventSample }] };
export const deltaLastPageSample = { '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#Collection(event)', '@odata.deltaLink': 'https://…/calendarView/delta?$deltatoken=…', value: [] };
export const deltaRemovedSample = { '@odata.type': '#microsoft.graph.event', id: 'AAMk…', '@removed': { reason: 'deleted' } };

// https://learn.microsoft.com/graph/json-batching (response format)
export const batchResponseSample = { responses: [{ id: '1', status: 200, headers: { 'Content-Type': 'application/json' }, body: {} }] };

// https://learn.microsoft.com/graph/api/subscription-post-subscriptions and resources/subscription
export const subscriptionSample = {
  '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#subscriptions/$entity',
  id: '7f105c7d-…',
  resource: 'me/events',
  applicationId: '24d3b144-…',
  changeType: 'created,updated',
  clientState: 'secretClientValue',
  notificationUrl: 'https://webhook.example/api/notify',
  notificationQueryOptions: null,
  lifecycleNotificationUrl: null,
  expirationDateTime: '2016-11-20T18:23:45.9356913Z',
  creatorId: '8ee44408-…',
  includeResourceData: null,
  latestSupportedTlsVersion: 'v1_2',
  encryptionCertificate: null,
  encryptionCertificateId: null,
  notificationUrlAppId: null,
};

// https://learn.microsoft.com/graph/api/outlookuser-list-mastercategories
export const masterCategoriesSample = { '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#users(…)/outlook/masterCategories', value: [{ id: '5a9a6aa8-…', displayName: 'Red category', color: 'preset0' }] };

// https://learn.microsoft.com/graph/errors
export const errorSample = { error: { code: 'InvalidAuthenticationToken', message: '…', innerError: { date: '2026-01-01T00:00:00', 'request-id': '…', 'client-request-id': '…' } } };

// https://learn.microsoft.com/graph/change-notifications-delivery-webhooks (change notification collection)
export const changeNotificationSample = {
  value: [
    {
      subscriptionId: '…',
      subscriptionExpirationDateTime: '2026-01-01T00:00:00Z',
      changeType: 'created',
      resource: 'Users/{id}/Events/{id}',
      resourceData: { '@odata.type': '#Microsoft.Graph.Event', '@odata.id': 'Users/{id}/Events/{id}', '@odata.etag': 'W/"…"', id: '…' },
      clientState: 'secretClientValue',
      tenantId: '…',
    },
  ],
};

// https://learn.microsoft.com/graph/change-notifications-lifecycle-events
export const lifecycleNotificationSample = {
  value: [{ subscriptionId: '…', subscriptionExpirationDateTime: '2026-01-01T00:00:00Z', tenantId: '…', clientState: '…', lifecycleEvent: 'reauthorizationRequired' }],
};

// https://learn.microsoft.com/graph/api/user-get-mailboxsettings
export const mailboxSettingsSample = {
  '@odata.context': '…',
  archiveFolder: 'AAMk…',
  timeZone: 'UTC',
  delegateMeetingMessageDeliveryOptions: 'sendToDelegateOnly',
  dateFormat: 'MM/dd/yyyy',
  timeFormat: 'hh:mm tt',
  userPurpose: 'user',
  automaticRepliesSetting: { status: 'disabled', externalAudience: 'all', internalReplyMessage: '', externalReplyMessage: '' },
  language: { locale: 'en-US', displayName: 'English (United States)' },
  workingHours: { daysOfWeek: ['monday'], startTime: '08:00:00.0000000', endTime: '17:00:00.0000000', timeZone: { name: 'Pacific Standard Time' } },
};

// https://learn.microsoft.com/entra/identity-platform/v2-oauth2-client-creds-grant-flow (successful response)
export const tokenResponseSample = { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: '…' };

/** Paths where `actual` lacks a field of `sample` or has another JSON type. */
export function shapeDifferences(sample: unknown, actual: unknown, path = '$'): string[] {
  if (sample === null) return actual === undefined ? [`${path}: missing`] : [];
  if (actual === undefined) return [`${path}: missing`];
  if (Array.isArray(sample)) {
    if (!Array.isArray(actual)) return [`${path}: expected array`];
    return sample.length > 0 && actual.length > 0 ? shapeDifferences(sample[0], actual[0], `${path}[0]`) : [];
  }
  if (typeof sample === 'object') {
    if (typeof actual !== 'object' || actual === null || Array.isArray(actual)) return [`${path}: expected object`];
    return Object.entries(sample as Record<string, unknown>).flatMap(([k, v]) => shapeDifferences(v, (actual as Record<string, unknown>)[k], `${path}.${k}`));
  }
  return typeof actual === typeof sample ? [] : [`${path}: expected ${typeof sample}, got ${typeof actual}`];
}
