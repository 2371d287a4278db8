/**
 * The Microsoft Graph application permissions CalSync asks an organisation's admin to consent to, and why: one list
 * for the onboarding page, `calsync doctor` and the README. Least privilege per call, from the Graph reference pages'
 * permission tables (events: Calendars.ReadWrite; mailboxSettings and outlook masterCategories:
 * MailboxSettings.ReadWrite; list users: User.Read.All; list organization: Organization.Read.All; a user's transitive groups: GroupMember.Read.All).
 */
export interface GraphPermission {
  name: string;
  /** What CalSync does with it, in the words the onboarding page shows an admin. */
  why: string;
}

export const GRAPH_PERMISSIONS: readonly GraphPermission[] = [
  { name: 'Calendars.ReadWrite', why: 'reads the events of enrolled mailboxes and sets their categories; nothing else about an event is changed' },
  { name: 'MailboxSettings.ReadWrite', why: "reads each mailbox's time zone and adds the rule categories, with their colours, to its category list" },
  { name: 'User.Read.All', why: 'lists the people of your organisation when an admin enrols everyone' },
  { name: 'GroupMember.Read.All', why: 'reads which of your groups a person belongs to, when an admin writes a rule for a team' },
  { name: 'Organization.Read.All', why: "reads your organisation's name and verified domains once, when you sign up (they become its internal domains)" },
];

/** The permissions `calsync doctor` checks in a token's roles: without them no mailbox can be coloured. */
export const REQUIRED_GRAPH_ROLES = ['Calendars.ReadWrite', 'MailboxSettings.ReadWrite'];
