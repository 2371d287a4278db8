import { GraphError } from './graph-error';
import type { Mailbox, MasterCategory } from './model';
import { newUserId } from './ids';

export type ChangeType = 'created' | 'updated' | 'deleted';

export interface ChangeRecord {
  mailboxId: string;
  eventId: string;
  changeType: ChangeType;
  changeKey: string | null;
}

export interface MailboxInput {
  id?: string;
  userPrincipalName: string;
  displayName: string;
  givenName?: string;
  surname?: string;
  jobTitle?: string | null;
  timeZone?: string;
  isResource?: boolean;
  masterCategories?: Array<Omit<MasterCategory, 'id'> & { id?: string }>;
}

/** The tenant: mailboxes by id and UPN, a sandbox-wide change sequence, and change listeners. */
export class SandboxStore {
  readonly tenantId: string;
  private readonly byId = new Map<string, Mailbox>();
  private readonly byUpn = new Map<string, Mailbox>();
  private sequence = 0;
  private readonly listeners: Array<(change: ChangeRecord) => void> = [];
  /** Monotonic clock for created/modified stamps; tests can replace it. */
  now: () => number = () => Date.now();

  constructor(tenantId: string) {
    this.tenantId = tenantId;
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
    const mailbox: Mailbox = {
      id: input.id ?? newUserId(),
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

  mailboxes(): Mailbox[] {
    return [...this.byId.values()];
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

  onChange(listener: (change: ChangeRecord) => void): void {
    this.listeners.push(listener);
  }

  emit(change: ChangeRecord): void {
    const mailbox = this.byId.get(change.mailboxId);
    if (mailbox) mailbox.version++;
    for (const l of this.listeners) l(change);
  }
}
