/**
 * `calsync manifest`: the deployable add-in manifests for one deployment, both rendered from
 * addin/manifest/addin-description.ts — the add-in-only XML (addin/manifest/xml-manifest.ts; Outlook on Mac and
 * mobile need it) and, with --unified-out, the unified manifest for Microsoft 365 (addin/manifest/unified-manifest.ts;
 * new Outlook, the Integrated apps portal) and, with --package, the app package the Integrated apps portal uploads (the
 * unified manifest and its two icons in a zip; addin/manifest/app-package.ts).
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { renderAppPackage, unifiedManifestJson } from '../../../addin/manifest/app-package';
import { ManifestOptionError } from '../../../addin/manifest/manifest-options';
import { renderUnifiedManifest } from '../../../addin/manifest/unified-manifest';
import { renderManifest } from '../../../addin/manifest/xml-manifest';
import { CliError, type CliIo } from '../io';

export interface ManifestCommandOptions {
  baseUrl: string;
  out?: string;
  /** Where to write the unified manifest (JSON); none unless asked. */
  unifiedOut?: string;
  /** Where to write the app package (zip: manifest.json, color.png, outline.png); none unless asked. */
  package?: string;
  clientId?: string;
  version?: string;
}

export function writeManifest(io: CliIo, options: ManifestCommandOptions): number {
  let xml: string;
  let unified: Record<string, unknown> | undefined;
  try {
    const deployment = { baseUrl: options.baseUrl, clientId: options.clientId, version: options.version };
    xml = renderManifest(deployment);
    // All are rendered before any is written: a refusal leaves no half-written set.
    if (options.unifiedOut || options.package) unified = renderUnifiedManifest(deployment);
  } catch (err) {
    if (err instanceof ManifestOptionError) throw new CliError(err.message);
    throw err;
  }
  if (options.out) {
    writeFileSync(resolve(options.out), xml);
    io.stdout.write(`wrote ${options.out}\n`);
  } else {
    io.stdout.write(xml);
  }
  // With the XML on stdout, the notices go to stderr so the XML stays a clean stream.
  const notices = options.out ? io.stdout : io.stderr;
  if (options.unifiedOut && unified) {
    writeFileSync(resolve(options.unifiedOut), unifiedManifestJson(unified));
    notices.write(`wrote ${options.unifiedOut}\n`);
  }
  if (options.package && unified) {
    writeFileSync(resolve(options.package), renderAppPackage(unified));
    notices.write(`wrote ${options.package}\n`);
  }
  return 0;
}

export function registerManifestCommand(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command('manifest')
    .description('write the add-in manifests (add-in-only XML; unified JSON with --unified-out, its app package with --package) for a deployment')
    .requiredOption('--base-url <url>', 'https URL the add-in is served from')
    .option('--out <file>', 'write the add-in-only XML to this file instead of stdout')
    .option('--unified-out <file>', 'also write the unified manifest for Microsoft 365 (JSON) to this file')
    .option(
      '--package <file.zip>',
      'also write the app package for Microsoft 365 (zip: the unified manifest and its icons) to upload in the Integrated apps portal',
    )
    .option('--client-id <guid>', "the add-in's Entra ID app (client) id; required unless the base URL is localhost")
    .option('--version <version>', 'manifest version, e.g. 1.2.0.0')
    .action((opts: ManifestCommandOptions) => {
      setExit(writeManifest(io, opts));
    });
}
