/**
 * Preview: runs Graph events through the engine exactly as the sync will, against the caller's effective
 * rules or against unsaved rule documents (merged over the effective set by id, or alone).
 */
import { z } from 'zod';
import { BODY_LIMITS, byScope, compileRuleSet, effectiveRules, fromGraphEvent, ianaZoneFor, parseRuleList, type Rule } from '../../shared';
import type { Event as GraphEvent } from '@microsoft/microsoft-graph-types';
import type { ApiPreviewResult } from '../../shared/api-types';
import type { Principal } from '../domain/principal';
import { DomainError, badRequest } from '../domain/errors';
import { issuesToDetails, parseBody } from './request-bodies';
import { toDocument } from './rule-documents';
import type { RuleService } from './rules';
import type { SettingsService } from './settings';

export const PREVIEW_MAX_EVENTS = 500;
export const PREVIEW_MAX_RULES = 600;

/**
 * What a preview may cost, in characters of event text the rules read (subjects, bodies, locations): per request
 * (more is 413 `preview_too_costly`), and per user per minute (more is 429, server/routes/preview.ts). Normalising
 * is linear, but evaluating is text × conditions, so the text is what is budgeted (docs/API.md).
 */
export const PREVIEW_BUDGET = { requestChars: 131_072, userCharsPerMinute: 1_048_576 } as const;

function textLength(value: unknown): number {
  return typeof value === 'string' ? value.length : 0;
}

function member(value: unknown, key: string): unknown {
  return value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
}

/** Characters of text the rules would read in a preview body; 0 for anything that is not one (zod refuses it later). */
export function previewTextCost(body: unknown): number {
  const events = member(body, 'events');
  if (!Array.isArray(events)) return 0;
  let chars = 0;
  for (const ev of events.slice(0, PREVIEW_MAX_EVENTS)) {
    const content = member(member(ev, 'body'), 'content');
    chars += Math.min(BODY_LIMITS.htmlChars, typeof content === 'string' ? content.length : textLength(member(ev, 'bodyPreview')));
    chars += textLength(member(ev, 'subject')) + textLength(member(member(ev, 'location'), 'displayName'));
    const locations = member(ev, 'locations');
    if (Array.isArray(locations)) for (const l of locations.slice(0, 500)) chars += textLength(member(l, 'displayName'));
  }
  return chars;
}

const str = z.string().max(100_000);
const DateTimeTz = z.looseObject({ dateTime: z.string().max(64), timeZone: z.string().max(128).nullish() });
const EmailAddress = z.looseObject({ address: z.string().max(320).nullish(), name: z.string().max(512).nullish() });
const GraphEventSchema = z.looseObject({
  id: z.string().max(1024).nullish(),
  subject: str.nullish(),
  body: z.looseObject({ contentType: z.string().nullish(), content: str.nullish() }).nullish(),
  bodyPreview: str.nullish(),
  location: z.looseObject({ displayName: z.string().max(1024).nullish() }).nullish(),
  locations: z
    .array(z.looseObject({ displayName: z.string().max(1024).nullish() }))
    .max(500)
    .nullish(),
  organizer: z.looseObject({ emailAddress: EmailAddress.nullish() }).nullish(),
  attendees: z
    .array(z.looseObject({ type: z.string().nullish(), emailAddress: EmailAddress.nullish() }))
    .max(1000)
    .nullish(),
  start: DateTimeTz.nullish(),
  end: DateTimeTz.nullish(),
  isAllDay: z.boolean().nullish(),
  isOnlineMeeting: z.boolean().nullish(),
  isOrganizer: z.boolean().nullish(),
  categories: z.array(z.string().max(255)).max(100).nullish(),
  type: z.string().nullish(),
  seriesMasterId: z.string().nullish(),
  responseStatus: z.looseObject({ response: z.string().nullish() }).nullish(),
});

const PreviewSchema = z.strictObject({
  events: z.array(GraphEventSchema).min(1).max(PREVIEW_MAX_EVENTS),
  rules: z.array(z.unknown()).max(PREVIEW_MAX_RULES).optional(),
  /** merge (default): the given rules replace saved ones with the same id and add to the rest; only: just the given rules. */
  rulesMode: z.enum(['merge', 'only']).default('merge'),
  timeZone: z.string().max(64).optional(),
});

/** IANA names, and the Windows names Graph and Outlook report (zones/windows-zones.ts). */
function validTimeZone(tz: string): boolean {
  return ianaZoneFor(tz) !== null;
}

export class PreviewService {
  constructor(
    private readonly rules: RuleService,
    private readonly settings: SettingsService,
  ) {}

  async preview(p: Principal, body: unknown): Promise<{ results: ApiPreviewResult[] }> {
    const req = parseBody(PreviewSchema, body, 'preview request');
    const cost = previewTextCost(req);
    if (cost > PREVIEW_BUDGET.requestChars) {
      throw new DomainError('preview_too_costly', `the events carry ${cost} characters of text; one preview evaluates at most ${PREVIEW_BUDGET.requestChars}`, [
        { path: 'events', message: 'send fewer events or shorter bodies (the add-in sends bodyPreview, not body)' },
      ]);
    }
    if (req.timeZone !== undefined && !validTimeZone(req.timeZone))
      throw badRequest('unknown time zone', [{ path: 'timeZone', message: 'expected an IANA or Windows time zone name' }]);
    let rules: Rule[];
    const saved = async () => (await this.rules.effective(p)).map(toDocument);
    if (req.rules) {
      const parsed = parseRuleList(req.rules.map(stripEtag));
      if (!parsed.ok) throw badRequest('a previewed rule is invalid', issuesToDetails(parsed.issues, 'rules'));
      const drafts: Rule[] = parsed.value.map((d, i) => ({ ...d, id: d.id ?? `r_preview_${i}` }));
      let merged = drafts;
      if (req.rulesMode === 'merge') {
        const ids = new Set(drafts.map((d) => d.id));
        merged = [...(await saved()).filter((r) => !ids.has(r.id)), ...drafts];
      }
      // Drafts are chosen and ordered for this user as saved rules are: what the sync would evaluate once saved.
      rules = effectiveRules({ ...byScope(merged), memberOf: await this.rules.memberOfFor(p, merged) });
    } else {
      rules = await saved();
    }
    const settings = await this.settings.effective(p);
    const set = compileRuleSet(rules, { internalDomains: settings.internalDomains, mailbox: p.username?.toLowerCase() });
    const results = req.events.map((raw) => {
      const event = fromGraphEvent(raw as GraphEvent, { mailbox: p.username, timeZone: req.timeZone });
      const { categories, matches } = set.evaluate(event);
      return {
        eventId: event.id,
        categories,
        matches: matches.map((m) => ({ ruleId: m.ruleId, ruleName: m.ruleName, scope: m.scope, category: m.category, color: m.color, why: m.why })),
      };
    });
    return { results };
  }
}

function stripEtag(r: unknown): unknown {
  if (r && typeof r === 'object' && !Array.isArray(r) && 'etag' in r) {
    const { etag, ...rest } = r as Record<string, unknown>;
    void etag;
    return rest;
  }
  return r;
}
