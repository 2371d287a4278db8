/**
 * npm run bench:rules — this engine vs json-rules-engine 7 on the same 50 rules and the same seeded events.
 * Options: --events N (default 100000), --seed N. Last line: one JSON object.
 */
import { compileRuleSet } from '../../shared';
import { portToJsonRulesEngine } from './support/json-rules-engine-port';
import { realisticRules, syntheticEvents } from './support/rule-workload';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

async function main(): Promise<void> {
  const eventCount = arg('events', 100_000);
  const seed = arg('seed', 42);
  const internalDomains = ['contoso.com'];
  const rules = realisticRules();
  const events = syntheticEvents(eventCount, seed);

  const calsync = compileRuleSet(rules, { internalDomains });
  const jre = portToJsonRulesEngine(rules, internalDomains);

  // Warm both up so the JIT has seen the code paths before timing.
  for (const e of events.slice(0, 2000)) calsync.categoriesFor(e);
  for (const e of events.slice(0, 200)) await jre.categoriesFor(e);

  // Our side is timed as the median of 5 passes over all events (json-rules-engine gets one pass: it takes
  // ~100x longer). categoriesFor is the comparison: like json-rules-engine it reports what matched, not why.
  const ours: string[][] = new Array(events.length);
  const passes: number[] = [];
  for (let pass = 0; pass < 5; pass++) {
    const t0 = performance.now();
    for (let i = 0; i < events.length; i++) ours[i] = calsync.categoriesFor(events[i]!);
    passes.push(performance.now() - t0);
  }
  const calsyncMs = passes.sort((a, b) => a - b)[2]!;

  let matches = 0;
  const tw = performance.now();
  for (let i = 0; i < events.length; i++) matches += calsync.evaluate(events[i]!).matches.length;
  const withWhyMs = performance.now() - tw;

  let mismatches = 0;
  const t1 = performance.now();
  for (let i = 0; i < events.length; i++) {
    const theirs = await jre.categoriesFor(events[i]!);
    if (theirs.join('\u0000') !== ours[i]!.join('\u0000')) mismatches++;
  }
  const jreMs = performance.now() - t1;

  const calsyncEventsPerSec = Math.round(events.length / (calsyncMs / 1000));
  const jsonRulesEngineEventsPerSec = Math.round(events.length / (jreMs / 1000));
  const summary = {
    rules: rules.length,
    events: events.length,
    calsyncEventsPerSec,
    jsonRulesEngineEventsPerSec,
    ratio: Math.round((calsyncEventsPerSec / jsonRulesEngineEventsPerSec) * 10) / 10,
    ruleEvaluationsPerSec: calsyncEventsPerSec * rules.length,
    calsyncWithWhyEventsPerSec: Math.round(events.length / (withWhyMs / 1000)),
    matchesPerEvent: Math.round((matches / events.length) * 100) / 100,
    mismatches,
  };
  console.log(`calsync: ${calsyncMs.toFixed(0)} ms, json-rules-engine: ${jreMs.toFixed(0)} ms, identical categories for ${events.length - mismatches}/${events.length} events`);
  console.log(JSON.stringify(summary));
  if (mismatches > 0) process.exitCode = 1;
}

void main();
