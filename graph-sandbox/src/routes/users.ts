import type { MailboxSettings, User } from '@microsoft/microsoft-graph-types';
import { json, odataContext, type Route, type SandboxContext } from '../context';
import type { DirectoryUser, Mailbox } from '../model';
import { queryUsers } from '../directory-query';
import { select } from '../query-options';
import { formatLocal, graphDateTime } from '../time-zones';

/** A user with a mailbox as `/users` renders it (also inside directory collections: groups' members). */
export function renderUser(m: Mailbox): User {
  return {
    id: m.id,
    businessPhones: [],
    displayName: m.displayName,
    givenName: m.givenName,
    jobTitle: m.jobTitle,
    mail: m.mail,
    mobilePhone: null,
    officeLocation: null,
    preferredLanguage: 'en-US',
    surname: m.surname,
    userPrincipalName: m.userPrincipalName,
  };
}

/** A directory user without a mailbox: Graph's user with `mail: null`. */
export function renderDirectoryUser(u: DirectoryUser): User {
  const [given, ...rest] = u.displayName.split(' ');
  return {
    id: u.id,
    businessPhones: [],
    displayName: u.displayName,
    givenName: given ?? null,
    jobTitle: null,
    mail: null,
    mobilePhone: null,
    officeLocation: null,
    preferredLanguage: null,
    surname: rest.length > 0 ? rest.join(' ') : null,
    userPrincipalName: u.userPrincipalName,
  };
}

function mailboxSettings(ctx: SandboxContext, m: Mailbox): MailboxSettings & { '@odata.context': string } {
  // Graph shows a schedule even while replies are off ("Get mailboxSettings", example 1). None was ever set here:
  // the sandbox shows the current hour to a day later, in UTC (only the shape is documented, not these values).
  const hourMs = 3_600_000;
  const from = Math.floor(ctx.store.now() / hourMs) * hourMs;
  return {
    '@odata.context': odataContext(ctx, `users('${m.id}')/mailboxSettings`),
    archiveFolder: 'AAMkAGI2AAA=',
    timeZone: m.timeZone,
    delegateMeetingMessageDeliveryOptions: 'sendToDelegateOnly',
    dateFormat: 'dd/MM/yyyy',
    timeFormat: 'HH:mm',
    userPurpose: m.isResource ? 'room' : 'user',
    automaticRepliesSetting: {
      status: 'disabled',
      externalAudience: 'all',
      scheduledStartDateTime: { dateTime: graphDateTime(formatLocal(from)), timeZone: 'UTC' },
      scheduledEndDateTime: { dateTime: graphDateTime(formatLocal(from + 24 * hourMs)), timeZone: 'UTC' },
      internalReplyMessage: '',
      externalReplyMessage: '',
    },
    language: { locale: 'en-US', displayName: 'English (United States)' },
    workingHours: {
      daysOfWeek: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'],
      startTime: '08:00:00.0000000',
      endTime: '17:00:00.0000000',
      timeZone: { name: m.timeZone },
    },
  };
}

export const userRoutes: Route[] = [
  {
    method: 'GET',
    pattern: /^\/users$/i,
    mailboxScoped: false,
    identityCost: 2,
    handler: (ctx, req) => {
      // Every user of the tenant, those without a mailbox too (`mail: null`), as Entra lists them.
      const users = [...ctx.store.mailboxes(req.tenantId).map(renderUser), ...ctx.store.groups.directoryUsers(req.tenantId).map(renderDirectoryUser)];
      const { page, next } = queryUsers(users, req.query, req.headers);
      const nextQuery = new URLSearchParams(req.query);
      nextQuery.set('$skiptoken', String(next));
      return json(200, {
        '@odata.context': odataContext(ctx, 'users'),
        value: page.map((user) => select(user, req.query.get('$select'))),
        ...(next !== null ? { '@odata.nextLink': `${ctx.baseUrl}/v1.0/users?${nextQuery.toString()}` } : {}),
      });
    },
  },
  {
    method: 'GET',
    pattern: /^\/users\/([^/]+)$/i,
    mailboxScoped: true,
    identityCost: 1,
    servesUsersWithoutMailbox: true,
    handler: (ctx, req, [user]) => {
      const unboxed = ctx.store.groups.findInTenant(user as string, req.tenantId);
      if (unboxed && 'directoryUser' in unboxed) {
        return json(200, {
          '@odata.context': odataContext(ctx, 'users/$entity'),
          ...select(renderDirectoryUser(unboxed.directoryUser), req.query.get('$select')),
        });
      }
      const m = ctx.store.mailbox(user as string);
      return json(200, { '@odata.context': odataContext(ctx, 'users/$entity'), ...select(renderUser(m), req.query.get('$select')) });
    },
  },
  {
    method: 'GET',
    pattern: /^\/users\/([^/]+)\/mailboxSettings$/i,
    mailboxScoped: true,
    handler: (ctx, _req, [user]) => json(200, mailboxSettings(ctx, ctx.store.mailbox(user as string))),
  },
  {
    method: 'GET',
    pattern: /^\/users\/([^/]+)\/mailboxSettings\/timeZone$/i,
    mailboxScoped: true,
    handler: (ctx, _req, [user]) => {
      const m = ctx.store.mailbox(user as string);
      return json(200, { '@odata.context': odataContext(ctx, `users('${m.id}')/mailboxSettings/timeZone`), value: m.timeZone });
    },
  },
];
