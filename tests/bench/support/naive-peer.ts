/**
 * The naive peer `bench:sync` measures CalSync against: what a Power Automate flow or a short script does to
 * colour a calendar by rules. Every round it lists the whole window with calendarView paging (no delta), and
 * PATCHes each item whose categories differ from what the rules give, one request per event (no `$batch`), four at
 * a time per mailbox (Graph's MailboxConcurrency limit), without If-Match and reading each full answer. It judges
 * with the same compiled rules as the sync, writes an occurrence on its series master (once, as the sync does, or
 * it would turn every occurrence into an exception), and keeps categories the rules never give.
 */
import type { Client } from '@microsoft/microsoft-graph-client';
import { categoryKey, compileRuleSet, fromGraphEvent, sortRules, type Rule } from '../../../shared';
import type { DeltaEvent } from '../../../server/sync/delta-reader';

export interface NaivePeerRules {
  rules: Rule[];
  internalDomains: string[];
}

export interface NaivePeerResult {
  /** Requests sent: calendarView pages and PATCHes, retries included. */
  requests: number;
  listed: number;
  patched: number;
}

/** The categories an item should carry: its own minus the rules' categories it no longer matches, plus its matches. */
export function desiredCategories(current: readonly string[], matched: readonly string[], ruleCategoryKeys: ReadonlySet<string>): string[] {
  const matchedKeys = new Set(matched.map(categoryKey));
  const kept = current.filter((c) => !ruleCategoryKeys.has(categoryKey(c)) || matchedKeys.has(categoryKey(c)));
  const keptKeys = new Set(kept.map(categoryKey));
  return [...kept, ...matched.filter((m) => !keptKeys.has(categoryKey(m)))];
}

const sameSet = (a: readonly string[], b: readonly string[]): boolean => {
  const keys = new Set(a.map(categoryKey));
  return keys.size === new Set(b.map(categoryKey)).size && b.every((c) => keys.has(categoryKey(c)));
};

/**
 * A flow's default retry policy: a failed connection is tried again, up to 4 times with growing waits (429 and
 * 503 are retried by the Graph client's own RetryHandler). Each attempt is a request.
 */
async function withRetries<T>(result: NaivePeerResult, send: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    result.requests++;
    try {
      return await send();
    } catch (error) {
      const network = (error as { statusCode?: number }).statusCode === -1;
      if (!network || attempt >= 4) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250 * 2 ** attempt));
    }
  }
}

/** One round for one mailbox over [start, end). */
export async function naivePeerRound(
  client: Client,
  upn: string,
  rules: NaivePeerRules,
  window: { start: Date; end: Date },
  pageSize = 1000,
): Promise<NaivePeerResult> {
  const enabled = sortRules(rules.rules.filter((r) => r.enabled));
  const ruleSet = compileRuleSet(enabled, { internalDomains: rules.internalDomains, mailbox: upn });
  const ruleCategoryKeys = new Set(enabled.map((r) => categoryKey(r.then.category)));
  // Item to write → its categories now and the rules' match; a series once, on its master, judged on the first
  // occurrence listed (calendarView lists instances, never the master itself).
  const targets = new Map<string, { categories: string[]; matched: string[] }>();
  const collect = (items: readonly DeltaEvent[]): void => {
    for (const item of items) {
      const id = item.type === 'occurrence' && item.seriesMasterId ? item.seriesMasterId : item.id;
      if (!id || targets.has(id)) continue;
      targets.set(id, { categories: [...(item.categories ?? [])], matched: ruleSet.categoriesFor(fromGraphEvent(item, { mailbox: upn, timeZone: 'UTC' })) });
    }
  };
  const result: NaivePeerResult = { requests: 0, listed: 0, patched: 0 };
  const path = `/users/${encodeURIComponent(upn)}`;
  let url: string | undefined = `${path}/calendarView?startDateTime=${window.start.toISOString()}&endDateTime=${window.end.toISOString()}`;
  while (url) {
    const pageUrl: string = url;
    const page = (await withRetries(result, () => client.api(pageUrl).header('Prefer', `odata.maxpagesize=${pageSize}`).get())) as {
      value: DeltaEvent[];
      '@odata.nextLink'?: string;
    };
    result.listed += page.value.length;
    collect(page.value);
    url = page['@odata.nextLink'];
  }
  const writes = [...targets]
    .map(([id, t]) => ({ id, categories: desiredCategories(t.categories, t.matched, ruleCategoryKeys), current: t.categories }))
    .filter((w) => !sameSet(w.current, w.categories));
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < writes.length) {
      const w = writes[next++]!;
      await withRetries(result, () => client.api(`${path}/events/${encodeURIComponent(w.id)}`).patch({ categories: w.categories }));
      result.patched++;
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
  return result;
}
