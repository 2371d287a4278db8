/**
 * The Exchange Online PowerShell that limits CalSync's app to the enrolled groups' mailboxes with RBAC for
 * Applications (Microsoft's advice for new apps over application access policies). Facts it rests on, from
 * Microsoft's "Role Based Access Control for Applications in Exchange Online" and the cmdlet reference:
 * - the app is registered in Exchange with New-ServicePrincipal (its AppId and its enterprise-app object id);
 * - a management scope selects mailboxes with a recipient filter; `MemberOfGroup -eq '<distinguished name>'`
 *   matches direct members only (nested groups are not followed, field reports agree), so each nested group's
 *   members need a scope of their own;
 * - each Graph permission CalSync uses on mailboxes has an Exchange application role ("Application
 *   Calendars.ReadWrite", "Application MailboxSettings.ReadWrite"), assigned with New-ManagementRoleAssignment
 *   -App -Role -CustomResourceScope;
 * - grants in Entra ID add to RBAC ones: while the tenant-wide Entra consent for those two permissions stands, the
 *   scopes limit nothing, so the script says to remove it, and Test-ServicePrincipalAuthorization checks the result.
 * Directory permissions (User.Read.All, GroupMember.Read.All, Organization.Read.All) are not Exchange's and stay.
 */
import { GRAPH_PERMISSIONS } from '../../domain/graph-permissions';

/** The Graph application permissions that act on mailboxes, each with its Exchange application role. */
export const MAILBOX_ROLES: readonly string[] = GRAPH_PERMISSIONS.map((p) => p.name).filter(
  (n) => n.startsWith('Calendars.') || n.startsWith('MailboxSettings.'),
);

export interface RbacGroup {
  id: string;
  /** The group's display name, for the scope's name and the comments; the id stands in when unknown. */
  displayName?: string;
  /** Direct members that are groups: their members are not covered by MemberOfGroup. 0: read, and scoped too. */
  nestedGroups?: number;
  /** The enrolled group this one is nested in (it is scoped because MemberOfGroup does not follow nesting). */
  nestedIn?: string;
}

export interface RbacScriptInput {
  /** CalSync's app (client) id. */
  appId: string;
  /** Its enterprise application's object id in the tenant, when known. */
  servicePrincipalObjectId?: string;
  groups: readonly RbacGroup[];
  /** A mailbox to test afterwards. */
  testMailbox?: string;
}

/** A PowerShell single-quoted literal: a quote inside is written twice. */
export const psQuote = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** Exchange object names: at most 64 characters; letters, digits, space, dot, dash and underscore keep it simple. */
function scopeName(group: RbacGroup): string {
  const label = (group.displayName ?? group.id).replace(/[^A-Za-z0-9 ._-]/g, '').trim() || group.id;
  return `CalSync - ${label}`.slice(0, 64);
}

export function renderRbacScript(input: RbacScriptInput): string {
  const lines: string[] = [
    '# CalSync: limit the app to the enrolled groups with RBAC for Applications in Exchange Online.',
    '# Run in PowerShell 7 with the ExchangeOnlineManagement module, signed in as an Exchange administrator:',
    '#   Connect-ExchangeOnline',
    '',
    `$AppId = ${psQuote(input.appId)}`,
    "# The object id of CalSync in Entra ID > Enterprise applications (not the app registration's):",
    `$ServicePrincipalObjectId = ${psQuote(input.servicePrincipalObjectId ?? '<object id>')}`,
    'if (-not (Get-ServicePrincipal -Identity $AppId -ErrorAction SilentlyContinue)) {',
    "  New-ServicePrincipal -AppId $AppId -ObjectId $ServicePrincipalObjectId -DisplayName 'CalSync'",
    '}',
  ];
  for (const group of input.groups) {
    const name = scopeName(group);
    lines.push(
      '',
      `# ${group.displayName ?? group.id} (${group.id})${group.nestedIn ? `, nested in ${group.nestedIn}: MemberOfGroup does not follow nesting` : ''}`,
      ...(group.nestedGroups
        ? [
            `# Warning: this group has ${group.nestedGroups} nested group(s). MemberOfGroup matches direct members only; run this script for each nested group too, or CalSync cannot reach their mailboxes.`,
          ]
        : group.nestedGroups === undefined
          ? ['# Groups nested in it were not read (no Graph credential configured): MemberOfGroup matches direct members only, so scope each nested group too.']
          : []),
      `$Group = Get-Recipient -Filter "ExternalDirectoryObjectId -eq '${group.id}'"`,
      // Exchange sees mail-enabled groups only (a mail-enabled security group or a Microsoft 365 group).
      `if (-not $Group) { throw ${psQuote(`group ${group.id} is not a recipient in Exchange: scope a mail-enabled security group or a Microsoft 365 group`)} }`,
      // A quote in the name is doubled inside the filter's quotes (OPATH).
      `New-ManagementScope -Name ${psQuote(name)} -RecipientRestrictionFilter "MemberOfGroup -eq '$($Group.DistinguishedName -replace "'", "''")'"`,
      ...MAILBOX_ROLES.map((role) => `New-ManagementRoleAssignment -App $AppId -Role ${psQuote(`Application ${role}`)} -CustomResourceScope ${psQuote(name)}`),
    );
  }
  lines.push(
    '',
    `# Then remove the tenant-wide grants of ${MAILBOX_ROLES.join(' and ')} from the app in Entra ID (Enterprise applications >`,
    '# CalSync > Permissions): Entra grants add to RBAC ones, so while they stand the scopes above limit nothing.',
    '',
    '# Check: a member of an enrolled group shows InScope True for each role; anyone else shows none.',
    `Test-ServicePrincipalAuthorization -Identity $AppId -Resource ${psQuote(input.testMailbox ?? '<a member of an enrolled group>')} | Format-Table`,
    '',
  );
  return lines.join('\n');
}
