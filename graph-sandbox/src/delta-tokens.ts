import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { GraphError } from './graph-error';

/** What a `$deltatoken` or delta `$skiptoken` remembers; opaque and signed for clients. */
export interface DeltaState {
  /** Mailbox id. */
  m: string;
  /** Window bounds, epoch ms. */
  a: number;
  b: number;
  /** Sequence seen (deltatoken) or the round's final sequence (skiptoken). */
  q: number;
  /** Issued at, epoch ms. */
  t: number;
  /** Generation; bumped by expireAll. */
  g?: number;
  /** Skip tokens: snapshot id and offset into it. */
  s?: string;
  o?: number;
  /** Times the same page was served again (the deltaLoopAfterPages fault); keeps each repeated link new. */
  r?: number;
  /** `/groups/delta` (m is `groups:{tenant}`): the ids of `$filter`, `$select`, the round's starting sequence
   * (absent in a first round), the member offset into the entry `o`, and the initial-removed option. */
  gf?: string[] | null;
  gs?: string | null;
  gq?: number;
  gm?: number;
  gr?: boolean;
}

/** Signs delta state so a tampered, foreign or expired token fails the way Graph fails: 410 SyncStateNotFound. */
export class DeltaTokens {
  private readonly key = randomBytes(32);
  /** Tokens from an earlier generation are rejected (test hook). */
  private generation = 0;
  /**
   * How a token that is no longer valid is refused. Graph mostly answers 410, but the delta query overview allows
   * "a 40X-series error with error codes such as syncStateNotFound"
   * (https://learn.microsoft.com/graph/delta-query-overview#synchronization-reset); tests switch to one of those.
   */
  expiredAnswer: { status: number; code: string } = { status: 410, code: 'SyncStateNotFound' };

  constructor(
    public ttlMs: number,
    private readonly now: () => number = () => Date.now(),
  ) {}

  encode(state: DeltaState): string {
    const payload = Buffer.from(JSON.stringify({ ...state, g: this.generation })).toString('base64url');
    const sig = createHmac('sha256', this.key).update(payload).digest('base64url');
    return `${payload}.${sig}`;
  }

  decode(token: string, mailboxId: string): DeltaState {
    const [payload, sig] = token.split('.');
    if (!payload || !sig) throw this.syncStateNotFound();
    const expected = createHmac('sha256', this.key).update(payload).digest();
    const given = Buffer.from(sig, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw this.syncStateNotFound();
    const state = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as DeltaState;
    if (state.m !== mailboxId) throw this.syncStateNotFound();
    if (state.g !== this.generation || this.now() - state.t > this.ttlMs) throw this.syncStateNotFound();
    return state;
  }

  syncStateNotFound(): GraphError {
    return new GraphError(this.expiredAnswer.status, this.expiredAnswer.code, 'The sync state generation is not found; a full resynchronization is required.');
  }

  /** Test hook: every token issued so far becomes invalid, as when Exchange drops sync state. */
  expireAll(): void {
    this.generation++;
  }
}
