/**
 * The demo's token issuer signs anyone in as an admin; it must never be reachable from `npm run serve`.
 * Walks the relative imports of server/main.ts (the production entry) and checks none reaches demo/.
 * The same walk from the demo's entry does reach the issuer, so the walk itself can see such an import.
 */
import { importGraph } from '../support/import-graph';

const reachable = (entry: string): Set<string> => importGraph(entry).files;

test('npm run serve (server/main.ts) imports nothing from demo/', () => {
  const files = reachable('server/main.ts');
  expect(files.has('server/app.ts')).toBe(true);
  expect([...files].filter((f) => f.startsWith('demo/') || f.startsWith('graph-sandbox/'))).toEqual([]);
});

test('the walk does find the issuer from the demo entry', () => {
  expect(reachable('demo/main.ts').has('demo/demo-issuer.ts')).toBe(true);
});
