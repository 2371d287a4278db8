/**
 * `npm run soak -- [--minutes 10] [--seed N]`: the soak (soak-run.ts) at full length. Progress on stderr, the
 * report as one JSON line last on stdout; exit 1 when a bound is broken.
 */
import path from 'node:path';
import { runSoak } from './soak-run';
import { soakVerdict } from './soak-bounds';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

async function main(): Promise<void> {
  const report = await runSoak({
    durationMs: arg('minutes', 10) * 60_000,
    seed: arg('seed', 20261124),
    addinBuildDir: path.resolve(__dirname, '../../data/soak-addin-build'),
    log: (line) => process.stderr.write(`soak: ${line}\n`),
  });
  const problems = soakVerdict(report);
  for (const p of problems) process.stderr.write(`soak: FAIL ${p}\n`);
  process.stdout.write(`${JSON.stringify(report)}\n`);
  process.exitCode = problems.length > 0 ? 1 : 0;
}

void main();
