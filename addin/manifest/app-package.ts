/**
 * The app package for Microsoft 365: what an admin uploads in the Integrated apps portal (or Teams admin center)
 * for the unified manifest — a zip of manifest.json, the 192×192 colour icon and the 32×32 outline icon, all at its
 * root (https://learn.microsoft.com/office/dev/add-ins/overview/app-package-for-microsoft-365).
 */
import AdmZip from 'adm-zip';
import { APP_PACKAGE_ICONS, calendarIconPng, outlineIconPng } from '../scripts/png-icons';
import { APP_PACKAGE_FILES } from './unified-manifest';

/** The unified manifest as its JSON file: the same text `calsync manifest --unified-out` writes. */
export function unifiedManifestJson(manifest: Record<string, unknown>): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** The zip's bytes around a unified manifest (renderUnifiedManifest's, whose icons name the files added here). */
export function renderAppPackage(manifest: Record<string, unknown>): Buffer {
  const zip = new AdmZip();
  zip.addFile(APP_PACKAGE_FILES.manifest, Buffer.from(unifiedManifestJson(manifest)));
  zip.addFile(APP_PACKAGE_FILES.color, calendarIconPng(APP_PACKAGE_ICONS.color.size));
  zip.addFile(APP_PACKAGE_FILES.outline, outlineIconPng(APP_PACKAGE_ICONS.outline.size));
  return zip.toBuffer();
}
