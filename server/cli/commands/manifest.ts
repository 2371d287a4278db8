/** `calsync manifest`: the deployable add-in manifest, rendered by addin/manifest/generate-manifest.ts. */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Command } from 'commander';
import { ManifestOptionError, renderManifest } from '../../../addin/manifest/generate-manifest';
import { packageRoot } from '../../package-root';
import { CliError, type CliIo } from '../io';

/** manifest.xml at the package root (the sideloading one, pointing at localhost). */
const TEMPLATE = resolve(packageRoot(), 'manifest.xml');

export interface ManifestCommandOptions {
  baseUrl: string;
  out?: string;
  clientId?: string;
  version?: string;
}

export function writeManifest(io: CliIo, options: ManifestCommandOptions): number {
  let xml: string;
  try {
    xml = renderManifest(readFileSync(TEMPLATE, 'utf8'), { baseUrl: options.baseUrl, clientId: options.clientId, version: options.version });
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
  return 0;
}

export function registerManifestCommand(program: Command, io: CliIo, setExit: (code: number) => void): void {
  program
    .command('manifest')
    .description('write the add-in manifest for a deployment')
    .requiredOption('--base-url <url>', 'https URL the add-in is served from')
    .option('--out <file>', 'write to this file instead of stdout')
    .option('--client-id <guid>', "the add-in's Entra ID app (client) id; required unless the base URL is localhost")
    .option('--version <version>', 'manifest version, e.g. 1.2.0.0')
    .action((opts: ManifestCommandOptions) => {
      setExit(writeManifest(io, opts));
    });
}
