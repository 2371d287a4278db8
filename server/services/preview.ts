/**
 * Preview: runs Graph events through the engine exactly as the sync will, against the caller's effective
 * rules or against unsaved rule documents (merged over the effective set by id, or alone).
 */
import { z } from 'zod';
import { compileRuleSet, fromGraphEvent, ianaZoneFor, parseRuleList, type Rule } from '../../shared';
import type { Event as GraphEvent } from '@microsoft/microsoft-graph-types';
import type { ApiPreviewResult } from '../../shared/api-types';
import type { Principal } from '../auth/verifier';
import { badRequest } from '../http/errors';
import { issuesToDetails, parseBody } from './request-bodies';
import { toDocument } from './rule-documents';
import type { RuleService } from './rules';
import type { SettingsService } from './settings';

export const PREVIEW_MAX_EVENTS = 500;
export const PREVIEW_MAX_RULES = 600;

const str = z.string().max(100_000);
const DateTimeTz = z.looseObject({ dateTime: z.string().max(64), timeZone: z.string().max(128).nullish() });
const EmailAddress = z.looseObject({ address: z.string().max(320).nullish(), name: z.string().max(512).nullish() });
const GraphEventSchema = z.looseObject({
  id: z.string().max(1024).nullish(),
  subject: str.nullish(),
  body: z.looseObject({ contentType: z.string().nullish(), content: str.nullish() }).nullish(),
  bodyPreview: str.nullish(),
  location: z.looseObject({ displayName: z.string().max(1024).nullish() }).nullish(),
  locations: z.array(z.looseObject({ displayName: z.string().max(1024).nullish() })).max(500).nullish(),
  organizer: z.looseObject({ emailAddress: EmailAddress.nullish() }).nullish(),
  attendees: z.array(z.looseObject({ type: z.string().nullish(), emailAddress: EmailAddress.nullish() })).max(1000).nullish(),
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

/** IANA names, and the Windows names Graph and Outlook report (shared/windows-zones.ts). */
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
    if (req.timeZone !== undefined && !validTimeZone(req.timeZone)) throw badRequest('unknown time zone', [{ path: 'timeZone', message: 'expected an IANA or Windows time zone name' }]);
    let rules: Rule[];
    const saved = async () => (await this.rules.effective(p)).map(toDocument);
    if (req.rules) {
      const parsed = parseRuleList(req.rules.map(stripEtag));
      if (!parsed.ok) throw badRequest('a previewed rule is invalid', issuesToDetails(parsed.issues, 'rules'));
      const drafts: Rule[] = parsed.value.map((d, i) => ({ ...d, id: d.id ?? `r_preview_${i}` }));
      if (req.rulesMode === 'only') rules = drafts;
      else {
        const ids = new Set(drafts.map((d) => d.id));
        rules = [...(await saved()).filter((r) => !ids.has(r.id)), ...drafts];
      }
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
