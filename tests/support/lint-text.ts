/**
 * Lints source text as if it were the file at `filePath`, with the repository's eslint.config.mjs, and prints each
 * probe's rule ids. Run as a child process (`tsx tests/support/lint-text.ts < probes.json`): ESLint loads its
 * config with a dynamic import, which jest's module system does not run.
 */
import { ESLint } from 'eslint';
import { readFileSync } from 'node:fs';
import { ROOT } from './import-graph';

export interface LintProbe {
  filePath: string;
  code: string;
}

export interface LintProbeResult {
  filePath: string;
  messages: Array<{ ruleId: string | null; message: string }>;
}

async function main(): Promise<void> {
  const probes = JSON.parse(readFileSync(0, 'utf8')) as LintProbe[];
  const eslint = new ESLint({ cwd: ROOT });
  const results: LintProbeResult[] = [];
  // One at a time: import-x/no-cycle keeps per-file traversal state that is cleared at the end of each file.
  for (const probe of probes) {
    const [result] = await eslint.lintText(probe.code, { filePath: probe.filePath });
    results.push({ filePath: probe.filePath, messages: (result?.messages ?? []).map(({ ruleId, message }) => ({ ruleId, message })) });
  }
  process.stdout.write(JSON.stringify(results));
}

void main();
