import { GraphError } from './graph-error';
import type { Mailbox, MasterCategory } from './model';
import { newUserId } from './ids';
import { GroupDirectory } from './groups';
import { SandboxDirectory } from './tenants';

export type ChangeType = 'created' | 'updated' | 'deleted';

export interface ChangeRecord {
  mailboxId: string;
  eventId: string;
  changeType: ChangeType;
  changeKey: string | null;
}

export interface MailboxInput {
  id?: string;
  /** Default: the tenant that verified the UPN's domain, else the home tenant. */
  tenantId?: string;
  userPrincipalName: string;
  displayName: string;
  givenName?: string;
  surname?: string;
  jobTitle?: string | null;
  timeZone?: string;
  isResource?: boolean;
  masterCategories?: Array<Omit<MasterCategory, 'id'> & { id?: string }>;
}

/**
 * Every tenant's mailboxes by id and UPN (UPNs are unique across tenants, as verified domains are), a sandbox-wide
 * change sequence, and change listeners. `tenantId` is the home tenant; `directory` knows the others.
 */
export class SandboxStore {
  readonly tenantId: string;
  readonly directory: SandboxDirectory;
  /** Entra groups and the users without a mailbox (groups.ts). */
  readonly groups: GroupDirectory;
  private readonly byId = new Map<string, Mailbox>();
  private readonly byUpn = new Map<string, Mailbox>();
  private sequence = 0;
  private readonly listeners: Array<(change: ChangeRecord) => void> = [];
  /** Monotonic clock for created/modified stamps; tests can replace it. */
  now: () => number = () => Date.now();

  constructor(tenantId: string) {
    this.tenantId = tenantId;
    this.directory = new SandboxDirectory(tenantId);
    this.groups = new GroupDirectory(this);
  }

  nextSeq(): number {
    return ++this.sequence;
  }

  get currentSeq(): number {
    return this.sequence;
  }

  addMailbox(input: MailboxInput): Mailbox {
    const upn = input.userPrincipalName.toLowerCase();
    if (this.byUpn.has(upn)) throw new Error(`mailbox ${upn} already exists`);
    const [given, ...rest] = input.displayName.split(' ');
    const tenantId = (input.tenantId ?? this.directory.tenantOfUpn(upn)?.id ?? this.tenantId).toLowerCase();
    if (!this.directory.find(tenantId)) throw new Error(`no sandbox tenant ${tenantId}`);
    const mailbox: Mailbox = {
      id: input.id ?? newUserId(),
      tenantId,
      userPrincipalName: input.userPrincipalName,
      mail: input.userPrincipalName,
      displayName: input.displayName,
      givenName: input.givenName ?? given ?? input.displayName,
      surname: input.surname ?? rest.join(' '),
      jobTitle: input.jobTitle ?? null,
      timeZone: input.timeZone ?? 'UTC',
      isResource: input.isResource ?? false,
      events: new Map(),
      eventsByICalUId: new Map(),
      tombstones: new Map(),
      masterCategories: new Map(),
      version: 0,
    };
    for (const c of input.masterCategories ?? []) {
      const id = c.id ?? newUserId();
      mailbox.masterCategories.set(id, { id, displayName: c.displayName, color: c.color });
    }
    this.byId.set(mailbox.id, mailbox);
    this.byUpn.set(upn, mailbox);
    return mailbox;
  }

  /** Every mailbox, or one tenant's. */
  mailboxes(tenantId?: string): Mailbox[] {
    const all = [...this.byId.values()];
    return tenantId === undefined ? all : all.filter((m) => m.tenantId === tenantId.toLowerCase());
  }

  /** Finds a mailbox by object id or UPN (case-insensitive), as `/users/{id | userPrincipalName}` does. */
  findMailbox(idOrUpn: string): Mailbox | undefined {
    return this.byId.get(idOrUpn) ?? this.byUpn.get(idOrUpn.toLowerCase());
  }

  mailbox(idOrUpn: string): Mailbox {
    const found = this.findMailbox(idOrUpn);
    if (!found) {
      throw new GraphError(404, 'ErrorInvalidUser', `The requested user '${idOrUpn}' is invalid.`);
    }
    return found;
  }

  /**
   * A mailbox as a token of `tenantId` may see it: another tenant's mailbox is answered exactly like one that does
   * not exist. Graph resolves `/users/{id}` in the token's directory only: a user of another tenant is "not found"
   * there (microsoft/o365-moodle#1863: the second tenant's user id looked up with the first tenant's token), and
   * Exchange answers 404 ErrorInvalidUser "The requested user '…' is invalid." (microsoft-graph-docs#4097).
   */
  mailboxOfTenant(idOrUpn: string, tenantId: string): Mailbox {
    const found = this.findMailbox(idOrUpn);
    if (!found || found.tenantId !== tenantId.toLowerCase()) {
      throw new GraphError(404, 'ErrorInvalidUser', `The requested user '${idOrUpn}' is invalid.`);
    }
    return found;
  }

  onChange(listener: (change: ChangeRecord) => void): void {
    this.listeners.push(listener);
  }

  emit(change: ChangeRecord): void {
    const mailbox = this.byId.get(change.mailboxId);
    if (mailbox) mailbox.version++;
    for (const l of this.listeners) l(change);
  }
}
