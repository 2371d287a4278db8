/**
 * The fields a rule condition can test, each with its value type. The type decides which operators
 * fit and what shape `value` takes; the engine, the validator and the add-in's condition builder all
 * read this one table.
 */
export type FieldType = 'text' | 'list' | 'number' | 'boolean' | 'enum' | 'time';

export const SHOW_AS = ['free', 'tentative', 'busy', 'oof', 'workingElsewhere', 'unknown'] as const;
export const RESPONSE_STATUS = ['none', 'organizer', 'tentativelyAccepted', 'accepted', 'declined', 'notResponded'] as const;
export const SENSITIVITY = ['normal', 'personal', 'private', 'confidential'] as const;
export const IMPORTANCE = ['low', 'normal', 'high'] as const;
export const ONLINE_MEETING_PROVIDER = ['unknown', 'teamsForBusiness', 'skypeForBusiness', 'skypeForConsumer'] as const;
export const DAYS_OF_WEEK = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;

export type ShowAs = (typeof SHOW_AS)[number];
export type ResponseStatus = (typeof RESPONSE_STATUS)[number];
export type Sensitivity = (typeof SENSITIVITY)[number];
export type Importance = (typeof IMPORTANCE)[number];
export type OnlineMeetingProvider = (typeof ONLINE_MEETING_PROVIDER)[number];
export type DayOfWeek = (typeof DAYS_OF_WEEK)[number];

export interface FieldSpec {
  type: FieldType;
  label: string;
  /** Allowed values, for enum fields. */
  values?: readonly string[];
}

export const FIELDS = {
  subject: { type: 'text', label: 'Subject' },
  body: { type: 'text', label: 'Body' },
  location: { type: 'text', label: 'Location' },
  organizer: { type: 'text', label: 'Organizer address' },
  organizerDomain: { type: 'text', label: 'Organizer domain' },
  attendees: { type: 'list', label: 'Attendee addresses' },
  attendeeDomains: { type: 'list', label: 'Attendee domains' },
  categories: { type: 'list', label: 'Current categories' },
  attendeeCount: { type: 'number', label: 'Number of other people' },
  durationMinutes: { type: 'number', label: 'Duration (minutes)' },
  isOneOnOne: { type: 'boolean', label: 'Is a 1:1' },
  hasExternalAttendees: { type: 'boolean', label: 'Has external people' },
  isOnlineMeeting: { type: 'boolean', label: 'Is an online meeting' },
  isRecurring: { type: 'boolean', label: 'Is recurring' },
  isAllDay: { type: 'boolean', label: 'Is all-day' },
  isOrganizer: { type: 'boolean', label: 'I am the organizer' },
  onlineMeetingProvider: { type: 'enum', label: 'Online meeting provider', values: ONLINE_MEETING_PROVIDER },
  showAs: { type: 'enum', label: 'Show as', values: SHOW_AS },
  responseStatus: { type: 'enum', label: 'My response', values: RESPONSE_STATUS },
  sensitivity: { type: 'enum', label: 'Sensitivity', values: SENSITIVITY },
  importance: { type: 'enum', label: 'Importance', values: IMPORTANCE },
  dayOfWeek: { type: 'enum', label: 'Day of week', values: DAYS_OF_WEEK },
  startTime: { type: 'time', label: 'Start time' },
} as const satisfies Record<string, FieldSpec>;

export type FieldName = keyof typeof FIELDS;
export const FIELD_NAMES = Object.keys(FIELDS) as [FieldName, ...FieldName[]];

export const TEXT_OPS = ['equals', 'notEquals', 'contains', 'notContains', 'startsWith', 'endsWith', 'matches', 'in', 'notIn'] as const;
export const NUMBER_OPS = ['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'between'] as const;
export const BOOLEAN_OPS = ['is'] as const;
export const ENUM_OPS = ['equals', 'in'] as const;
export const TIME_OPS = ['before', 'after', 'between'] as const;

export type TextOp = (typeof TEXT_OPS)[number];
export type NumberOp = (typeof NUMBER_OPS)[number];
export type EnumOp = (typeof ENUM_OPS)[number];
export type TimeOp = (typeof TIME_OPS)[number];

/** The negated text operators and their positive twins: each is exactly `not` of its twin, on text and on lists. */
export const POSITIVE_TWIN: Readonly<Record<string, string>> = { notEquals: 'equals', notContains: 'contains', notIn: 'in' };

/** Lists take the text operators, meaning "some element …". */
export const OPS_BY_TYPE: Record<FieldType, readonly string[]> = {
  text: TEXT_OPS,
  list: TEXT_OPS,
  number: NUMBER_OPS,
  boolean: BOOLEAN_OPS,
  enum: ENUM_OPS,
  time: TIME_OPS,
};

// ES2016 built-ins only (Object.keys, concat): the compose handler's runtime loads this module (see shared/compile.ts).
export const ALL_OPS = [...new Set(([] as string[]).concat(...Object.keys(OPS_BY_TYPE).map((t) => OPS_BY_TYPE[t as FieldType])))] as [string, ...string[]];

export function isFieldName(name: unknown): name is FieldName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(FIELDS, name);
}

export function fieldSpec(name: FieldName): FieldSpec {
  return FIELDS[name];
}

export function opsForField(name: FieldName): readonly string[] {
  return OPS_BY_TYPE[FIELDS[name].type];
}
