/**
 * npm run bench:rules — this engine vs json-rules-engine 7 on the same 50 rules and the same seeded events.
 * Both engines get the same protocol: one untimed warm-up pass over every event, then three timed passes; each
 * engine's time is the median pass. Options: --events N (default 100000), --seed N.
 * Last line: one JSON object. Exits 1 (after printing it) if the engines disagree or a target is missed.
 */
import { compileRuleSet } from '../../shared';
import { portToJsonRulesEngine } from './support/json-rules-engine-port';
import { realisticRules, syntheticEvents } from './support/rule-workload';

const TARGET_RATIO = 100;
const TARGET_RULE_EVALUATIONS_PER_SEC = 2_000_000;
const TIMED_PASSES = 3;

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

/** Runs `pass` once untimed, then TIMED_PASSES times; returns the median time and the last pass's results. */
async function measure<T>(pass: () => Promise<T> | T): Promise<{ ms: number; result: T }> {
  await pass();
  const times: number[] = [];
  let result!: T;
  for (let i = 0; i < TIMED_PASSES; i++) {
    const t0 = performance.now();
    result = await pass();
    times.push(performance.now() - t0);
  }
  return { ms: times.sort((a, b) => a - b)[Math.floor(TIMED_PASSES / 2)]!, result };
}

async function main(): Promise<void> {
  const eventCount = arg('events', 100_000);
  const seed = arg('seed', 42);
  const internalDomains = ['contoso.com'];
  const rules = realisticRules();
  const events = syntheticEvents(eventCount, seed);

  const calsync = compileRuleSet(rules, { internalDomains });
  const jre = portToJsonRulesEngine(rules, internalDomains);

  // categoriesFor is the comparison: like json-rules-engine it reports what matched, not why.
  const ours = await measure(() => {
    const out: string[][] = new Array(events.length);
    for (let i = 0; i < events.length; i++) out[i] = calsync.categoriesFor(events[i]!);
    return out;
  });
  const theirs = await measure(async () => {
    const out: string[][] = new Array(events.length);
    for (let i = 0; i < events.length; i++) out[i] = await jre.categoriesFor(events[i]!);
    return out;
  });
  const withWhy = await measure(() => {
    let matches = 0;
    for (let i = 0; i < events.length; i++) matches += calsync.evaluate(events[i]!).matches.length;
    return matches;
  });

  let mismatches = 0;
  for (let i = 0; i < events.length; i++) if (theirs.result[i]!.join('\u0000') !== ours.result[i]!.join('\u0000')) mismatches++;

  const calsyncEventsPerSec = Math.round(events.length / (ours.ms / 1000));
  const jsonRulesEngineEventsPerSec = Math.round(events.length / (theirs.ms / 1000));
  const summary = {
    rules: rules.length,
    events: events.length,
    calsyncEventsPerSec,
    jsonRulesEngineEventsPerSec,
    ratio: Math.round((calsyncEventsPerSec / jsonRulesEngineEventsPerSec) * 10) / 10,
    ruleEvaluationsPerSec: calsyncEventsPerSec * rules.length,
    calsyncWithWhyEventsPerSec: Math.round(events.length / (withWhy.ms / 1000)),
    matchesPerEvent: Math.round((withWhy.result / events.length) * 100) / 100,
    mismatches,
  };
  console.log(
    `median of ${TIMED_PASSES} passes after a warm-up — calsync: ${ours.ms.toFixed(0)} ms, json-rules-engine: ${theirs.ms.toFixed(0)} ms; ` +
      `identical categories for ${events.length - mismatches}/${events.length} events`,
  );
  console.log(JSON.stringify(summary));

  const failures: string[] = [];
  if (mismatches > 0) failures.push(`the engines disagree on ${mismatches} events`);
  if (summary.ratio < TARGET_RATIO) failures.push(`target missed: ratio ${summary.ratio} < ${TARGET_RATIO}`);
  if (summary.ruleEvaluationsPerSec < TARGET_RULE_EVALUATIONS_PER_SEC) {
    failures.push(`target missed: ruleEvaluationsPerSec ${summary.ruleEvaluationsPerSec} < ${TARGET_RULE_EVALUATIONS_PER_SEC}`);
  }
  for (const f of failures) console.error(`bench:rules: ${f}`);
  if (failures.length > 0) process.exitCode = 1;
}

void main();
