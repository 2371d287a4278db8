import { collectionOf, type DocShape, type TypeRef } from './shape-check';

/**
 * Sample responses from the Microsoft Graph v1.0 documentation, written out again with our own values: the
 * field names, nesting and JSON types are the documentation's (each sample names its page), the values are
 * not. Where two pages disagree the comment says which one is followed and why.
 */

const learn = 'https://learn.microsoft.com/graph';
const dateTimeTimeZone = { dateTime: '2026-03-30T12:00:00.0000000', timeZone: 'UTC' };
const emailAddress = { name: 'Dana Swope', address: 'dana@contoso.com' };

// Response 1 of "Create event" (the full single-instance event); transactionId and isDraft as in the
// "event: delta" response, hideAttendees as in "Get event" response 1.
const eventFields = {
  '@odata.etag': 'W/"ZlnW4RIAV06KYYwlrfNZvQAALfZeRQ=="',
  id: 'AAMkAGI1AAAt9AHjAAA=',
  createdDateTime: '2026-03-29T03:00:50.7579581Z',
  lastModifiedDateTime: '2026-03-29T03:00:51.2453720Z',
  changeKey: 'ZlnW4RIAV06KYYwlrfNZvQAALfZeRQ==',
  categories: ['Red category'],
  transactionId: null,
  originalStartTimeZone: 'Pacific Standard Time',
  originalEndTimeZone: 'Pacific Standard Time',
  iCalUId: '040000008200E00074C5B7101A82E008',
  reminderMinutesBeforeStart: 15,
  isReminderOn: true,
  hasAttachments: false,
  subject: 'Lunch',
  bodyPreview: 'Does noon work for you?',
  importance: 'normal',
  sensitivity: 'normal',
  isAllDay: false,
  isCancelled: false,
  isDraft: false,
  isOrganizer: true,
  hideAttendees: false,
  responseRequested: true,
  seriesMasterId: null,
  showAs: 'busy',
  type: 'singleInstance',
  webLink: 'https://outlook.office365.com/owa/?itemid=AAMkAGI1AAAt9AHjAAA%3D&exvsurl=1&path=/calendar/item',
  onlineMeetingUrl: null,
  responseStatus: { response: 'organizer', time: '0001-01-01T00:00:00Z' },
  body: { contentType: 'html', content: '<html><body>Does noon work for you?</body></html>' },
  start: dateTimeTimeZone,
  end: dateTimeTimeZone,
  location: { displayName: 'Cafe', locationType: 'default', uniqueId: 'Cafe', uniqueIdType: 'private' },
  locations: [{ displayName: 'Cafe', locationType: 'default', uniqueIdType: 'unknown' }],
  recurrence: null,
  attendees: [{ type: 'required', status: { response: 'none', time: '0001-01-01T00:00:00Z' }, emailAddress }],
  organizer: { emailAddress },
};

export const eventShape: DocShape = {
  source: `${learn}/api/user-post-events (response 1), ${learn}/api/event-get, ${learn}/api/event-delta`,
  sample: { '@odata.context': "https://graph.microsoft.com/v1.0/$metadata#users('id')/events/$entity", ...eventFields },
  type: 'Event',
};

// Response 3 of "Create event": a weekly series; Graph fills in every pattern and range field.
export const seriesMasterShape: DocShape = {
  source: `${learn}/api/user-post-events (response 3)`,
  sample: {
    ...eventShape.sample,
    type: 'seriesMaster',
    recurrence: {
      pattern: { type: 'weekly', interval: 1, month: 0, dayOfMonth: 0, daysOfWeek: ['monday'], firstDayOfWeek: 'sunday', index: 'first' },
      range: { type: 'endDate', startDate: '2026-03-30', endDate: '2026-06-29', recurrenceTimeZone: 'UTC', numberOfOccurrences: 0 },
    },
  },
  type: 'Event',
};

// Collection items carry @odata.etag but no @odata.context ("List events"); pages link on with
// @odata.nextLink (paging).
export const calendarViewPageShape: DocShape = {
  source: `${learn}/api/user-list-calendarview, ${learn}/api/user-list-events, ${learn}/paging`,
  sample: {
    '@odata.context': "https://graph.microsoft.com/v1.0/$metadata#users('id')/calendarView",
    '@odata.nextLink': 'https://graph.microsoft.com/v1.0/users/id/calendarView?startDateTime=…&endDateTime=…&$skip=10',
    value: [eventFields],
  },
  type: collectionOf('Event'),
};

// "Get incremental changes to events in a calendar view": pages of the first round, the last page, and the
// first page of the next round with an @removed entry beside a changed event.
const deltaEvent = { '@odata.type': '#microsoft.graph.event', ...eventFields };
const deltaContext = 'https://graph.microsoft.com/v1.0/$metadata#Collection(event)';
const deltaSource = `${learn}/delta-query-events, ${learn}/api/event-delta`;
export const deltaRemovedEntry = { '@odata.type': '#microsoft.graph.event', id: 'AAMkADk0MGFkODE3AAA=', '@removed': { reason: 'deleted' } };

export const deltaNextPageShape: DocShape = {
  source: deltaSource,
  sample: {
    '@odata.context': deltaContext,
    '@odata.nextLink': 'https://graph.microsoft.com/v1.0/me/calendarView/delta?$skiptoken=R0usmc',
    value: [deltaEvent],
  },
  type: collectionOf('Event'),
};
export const deltaLastPageShape: DocShape = {
  source: deltaSource,
  sample: {
    '@odata.context': deltaContext,
    '@odata.deltaLink': 'https://graph.microsoft.com/v1.0/me/calendarView/delta?$deltatoken=R0usmc',
    value: [deltaEvent],
  },
  type: collectionOf('Event'),
};
export const deltaNextRoundShape: DocShape = {
  source: deltaSource,
  sample: { ...deltaLastPageShape.sample, value: [deltaRemovedEntry, deltaEvent] },
  type: collectionOf('Event'),
};

export const usersShape: DocShape = {
  source: `${learn}/api/user-list (example 1)`,
  sample: {
    '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#users',
    value: [
      {
        businessPhones: ['425-555-0100'],
        displayName: 'Megan Bowen',
        givenName: 'Megan',
        jobTitle: null,
        mail: 'megan@contoso.com',
        mobilePhone: null,
        officeLocation: null,
        preferredLanguage: 'en-US',
        surname: 'Bowen',
        userPrincipalName: 'megan@contoso.com',
        id: '48d31887-5fad-4d73-a9f5-3c356e68a038',
      },
    ],
  },
  type: collectionOf('User'),
};

// Example 1 of "Get mailboxSettings". Its userPurpose reads { "value": "user" }, but example 4 of the same page
// (GET …/mailboxSettings/userPurpose answers { "value": "user" }) and microsoft-graph-types (UserPurpose, an
// enumeration) make the property itself a string; the string is followed.
export const mailboxSettingsShape: DocShape = {
  source: `${learn}/api/user-get-mailboxsettings (examples 1 and 4)`,
  sample: {
    '@odata.context': "https://graph.microsoft.com/v1.0/$metadata#users('id')/mailboxSettings",
    automaticRepliesSetting: {
      status: 'disabled',
      externalAudience: 'all',
      scheduledStartDateTime: dateTimeTimeZone,
      scheduledEndDateTime: dateTimeTimeZone,
      internalReplyMessage: '',
      externalReplyMessage: '',
    },
    timeZone: 'UTC',
    language: { locale: 'en-US', displayName: 'English (United States)' },
    workingHours: { daysOfWeek: ['monday'], startTime: '08:00:00.0000000', endTime: '17:00:00.0000000', timeZone: { name: 'Pacific Standard Time' } },
    userPurpose: 'user',
    dateFormat: 'MM/dd/yyyy',
    timeFormat: 'hh:mm tt',
    delegateMeetingMessageDeliveryOptions: 'sendToDelegateOnly',
  },
  type: 'MailboxSettings',
};

const category = { id: '5a9a6aa8-b65f-4357-b1f9-60c6bf6330d8', displayName: 'Red category', color: 'preset0' };
export const masterCategoriesShape: DocShape = {
  source: `${learn}/api/outlookuser-list-mastercategories`,
  sample: { '@odata.context': "https://graph.microsoft.com/v1.0/$metadata#users('id')/outlook/masterCategories", value: [category] },
  type: collectionOf('OutlookCategory'),
};
export const categoryCreatedShape: DocShape = {
  source: `${learn}/api/outlookuser-post-mastercategories`,
  sample: { '@odata.context': "https://graph.microsoft.com/v1.0/$metadata#users('id')/outlook/masterCategories/$entity", ...category },
  type: 'OutlookCategory',
};

// The envelope of a $batch response; each body is checked against the sample of the request it answers.
const batchItem: TypeRef = { object: { id: 'string', status: 'number', headers: { mapOf: 'string' }, body: 'any' } };
export const batchResponseShape: DocShape = {
  source: `${learn}/json-batching (example JSON batch response)`,
  sample: { responses: [{ id: '1', status: 200, headers: { 'Content-Type': 'application/json' } }] },
  type: { object: { responses: { arrayOf: batchItem } } },
};

// The current v1.0 "Create subscription" response lists the nullable fields too.
export const subscriptionShape: DocShape = {
  source: `${learn}/api/subscription-post-subscriptions`,
  sample: {
    '@odata.context': 'https://graph.microsoft.com/v1.0/$metadata#subscriptions/$entity',
    id: '7f105c7d-2dc5-4530-97cd-4e7ae6534c07',
    resource: 'me/events',
    applicationId: '24d3b144-21ae-4080-943f-7067b395b913',
    changeType: 'created,updated',
    clientState: 'secretClientValue',
    notificationUrl: 'https://webhook.example/api/notify',
    notificationQueryOptions: null,
    lifecycleNotificationUrl: null,
    expirationDateTime: '2026-03-30T18:23:45.9356913Z',
    creatorId: '8ee44408-0679-472c-bc2a-692812af3437',
    includeResourceData: null,
    latestSupportedTlsVersion: 'v1_2',
    encryptionCertificate: null,
    encryptionCertificateId: null,
    notificationUrlAppId: null,
  },
  type: 'Subscription',
};

// The changeNotificationCollection POSTed to notificationUrl.
export const changeNotificationShape: DocShape = {
  source: `${learn}/change-notifications-delivery-webhooks (change notification example)`,
  sample: {
    value: [
      {
        id: 'lsgTZMr9KwAAA',
        subscriptionId: '7f105c7d-2dc5-4530-97cd-4e7ae6534c07',
        subscriptionExpirationDateTime: '2026-03-30T22:11:09.952Z',
        clientState: 'secretClientValue',
        changeType: 'created',
        resource: 'Users/{user-id}/Events/{event-id}',
        tenantId: '84bd8158-6d4d-4958-8b9f-9d6445542f95',
        resourceData: {
          '@odata.type': '#Microsoft.Graph.Event',
          '@odata.id': 'Users/{user-id}/Events/{event-id}',
          '@odata.etag': 'W/"CQAAABYAAAD"',
          id: '{event-id}',
        },
      },
    ],
  },
  type: 'ChangeNotificationCollection',
};

export const lifecycleNotificationShape: DocShape = {
  source: `${learn}/change-notifications-lifecycle-events (reauthorizationRequired example)`,
  sample: {
    value: [
      {
        lifecycleEvent: 'reauthorizationRequired',
        subscriptionId: 'e3898f08-5cd0-4a6a-80fc-6addbfb73b7b',
        subscriptionExpirationDateTime: '2026-03-30T00:52:45.9696658+00:00',
        clientState: 'secretClientValue',
        tenantId: '84bd8158-6d4d-4958-8b9f-9d6445542f95',
      },
    ],
  },
  type: 'ChangeNotificationCollection',
};

// The error resource; client-request-id as in the error bodies of the json-batching example.
export const errorShape: DocShape = {
  source: `${learn}/errors, ${learn}/json-batching`,
  sample: {
    error: {
      code: 'itemNotFound',
      message: 'The resource could not be found.',
      innerError: { date: '2026-03-30T10:17:05', 'request-id': 'b0a2c3d4', 'client-request-id': 'e70c5c1b' },
    },
  },
  type: 'PublicErrorResponse',
};

// The throttling sample; client-request-id as in every error body of the json-batching example.
export const throttledErrorShape: DocShape = {
  source: `${learn}/throttling (sample response), ${learn}/json-batching`,
  sample: {
    error: {
      code: 'TooManyRequests',
      innerError: {
        code: '429',
        date: '2026-03-30T12:51:51',
        message: 'Please retry after',
        'request-id': '94fb3b52',
        'client-request-id': 'e70c5c1b',
        status: '429',
      },
      message: 'Please retry again later.',
    },
  },
  type: 'PublicErrorResponse',
};

// Not a Graph response: the Entra ID token endpoint the credential code calls.
export const tokenResponseShape: DocShape = {
  source: 'https://learn.microsoft.com/entra/identity-platform/v2-oauth2-client-creds-grant-flow (successful response)',
  sample: { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: 'eyJ0eXAi…' },
  type: { object: {} },
};
