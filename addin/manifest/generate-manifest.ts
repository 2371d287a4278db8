/**
 * `npm run manifest`: the add-in-only XML manifest (xml-manifest.ts) for a base URL and the add-in's app
 * registration. `calsync manifest` writes the same and, with --unified-out, the unified manifest beside it.
 *   npm run manifest -- --base-url https://calsync.contoso.com --client-id <guid> [--out manifest.prod.xml]
 * The committed manifest.xml is this for the development server:
 *   npm run manifest -- --base-url https://localhost:3000 --out manifest.xml
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { renderManifest } from './xml-manifest';

function argValue(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i >= 0) return args[i + 1];
  const inline = args.find((a) => a.startsWith(`${name}=`));
  return inline?.slice(name.length + 1);
}

export function main(args: string[]): number {
  const baseUrl = argValue(args, '--base-url');
  if (!baseUrl) {
    console.error('usage: npm run manifest -- --base-url https://calsync.contoso.com --client-id <guid> [--version 1.0.0.0] [--out file]');
    return 2;
  }
  try {
    const xml = renderManifest({ baseUrl, clientId: argValue(args, '--client-id'), version: argValue(args, '--version') });
    const out = argValue(args, '--out');
    if (out) writeFileSync(resolve(out), xml);
    else process.stdout.write(xml);
    return 0;
  } catch (err) {
    console.error((err as Error).message);
    return 2;
  }
}

if (require.main === module) process.exitCode = main(process.argv.slice(2));
