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
  // A probe is text for a file that is not on disk, so it is in no TypeScript program: the rules that need types
  // (the promise rules) are left out here; the layer fences, cycles and import rules the probes test need none.
  const eslint = new ESLint({
    cwd: ROOT,
    overrideConfig: {
      languageOptions: { parserOptions: { project: null } },
      rules: {
        '@typescript-eslint/no-floating-promises': 'off',
        '@typescript-eslint/no-misused-promises': 'off',
        '@typescript-eslint/await-thenable': 'off',
      },
    },
  });
  const results: LintProbeResult[] = [];
  // One at a time: import-x/no-cycle keeps per-file traversal state that is cleared at the end of each file.
  for (const probe of probes) {
    const [result] = await eslint.lintText(probe.code, { filePath: probe.filePath });
    results.push({ filePath: probe.filePath, messages: (result?.messages ?? []).map(({ ruleId, message }) => ({ ruleId, message })) });
  }
  process.stdout.write(JSON.stringify(results));
}

void main();
