/**
 * The unified manifest for Microsoft 365 (JSON), rendered from addin-description.ts for a deployment: what new
 * Outlook and the Integrated apps portal install. Same add-in as the XML (xml-manifest.ts): the task pane on both appointment
 * surfaces, the launch-event runtime with its four events, read/write mailbox, the deployment's domain.
 * Shape: https://learn.microsoft.com/office/dev/add-ins/develop/unified-manifest-overview and the schema reference
 * https://learn.microsoft.com/microsoft-365/extensibility/schema/ (extensions[].runtimes, ribbons, autoRunEvents).
 */
import { ADDIN } from './addin-description';
import { appIdUri, checkManifestOptions, ManifestOptionError, type ManifestOptions } from './manifest-options';

/**
 * The schema version written, bundled offline with office-addin-manifest (@microsoft/app-manifest); Outlook add-ins
 * need 1.17 or later, the version office-addin-manifest-converter writes too.
 */
export const UNIFIED_MANIFEST_VERSION = '1.17';
export const UNIFIED_MANIFEST_SCHEMA = `https://developer.microsoft.com/json-schemas/teams/v${UNIFIED_MANIFEST_VERSION}/MicrosoftTeams.schema.json`;

/**
 * The app package (zip) the Integrated apps portal takes: this manifest and its two icons, at the zip's root
 * (https://learn.microsoft.com/office/dev/add-ins/overview/app-package-for-microsoft-365). app-package.ts writes it.
 */
export const APP_PACKAGE_FILES = { manifest: 'manifest.json', color: 'color.png', outline: 'outline.png' } as const;

const TASKPANE_RUNTIME = 'TaskPaneRuntime';
const LAUNCH_EVENT_RUNTIME = 'LaunchEventRuntime';
const SHOW_TASKPANE = 'ShowTaskPane';

const mailbox = (minVersion: string) => ({ capabilities: [{ name: ADDIN.requirementSet, minVersion }] });

/** The unified manifest's version is semver: the XML's four numbers lose the fourth, which must then be 0. */
function semver(version: string): string {
  const parts = version.split('.');
  if (parts[3] !== '0') throw new ManifestOptionError('--version: the unified manifest takes three numbers; the fourth must be 0, e.g. 1.2.0.0');
  return parts.slice(0, 3).join('.');
}

export function renderUnifiedManifest(options: ManifestOptions): Record<string, unknown> {
  const checked = checkManifestOptions(options);
  const url = (path: string) => `${checked.baseUrl}/${path}`;
  const { paths, taskpane, launchEvents } = ADDIN;
  const ribbonIcons = Object.entries(paths.ribbonIcons).map(([size, path]) => ({ size: Number(size), url: url(path) }));
  return {
    $schema: UNIFIED_MANIFEST_SCHEMA,
    manifestVersion: UNIFIED_MANIFEST_VERSION,
    id: ADDIN.id,
    version: semver(checked.version ?? ADDIN.version),
    localizationInfo: { defaultLanguageTag: ADDIN.locale.toLowerCase() },
    developer: { name: ADDIN.provider, websiteUrl: url(paths.support), privacyUrl: url(paths.support), termsOfUseUrl: url(paths.support) },
    name: { short: ADDIN.name, full: ADDIN.name },
    description: { short: ADDIN.shortDescription, full: ADDIN.description },
    // Files in the app package beside this one (root-icons: a 32×32 white outline on transparency, a 192×192 colour
    // icon; https://learn.microsoft.com/microsoft-365/extensibility/schema/root-icons). The plain JSON names them too.
    icons: { outline: APP_PACKAGE_FILES.outline, color: APP_PACKAGE_FILES.color },
    accentColor: '#0F6CBD',
    // Host names, not origins (the XML's AppDomain is an origin).
    validDomains: [new URL(checked.baseUrl).host],
    webApplicationInfo: { id: checked.clientId, resource: appIdUri(checked) },
    authorization: { permissions: { resourceSpecific: [{ name: ADDIN.permission.unified, type: 'Delegated' }] } },
    extensions: [
      {
        requirements: { scopes: [ADDIN.host.unified], ...mailbox(taskpane.minMailbox) },
        runtimes: [
          {
            id: TASKPANE_RUNTIME,
            type: 'general',
            code: { page: url(paths.taskpane) },
            lifetime: 'short',
            actions: [{ id: SHOW_TASKPANE, type: 'openPage', displayName: taskpane.buttonLabel }],
          },
          {
            id: LAUNCH_EVENT_RUNTIME,
            requirements: mailbox(launchEvents.minMailbox),
            type: 'general',
            // Web and new Outlook load the page; classic Outlook on Windows runs the script alone.
            code: { page: url(paths.launchEventPage), script: url(paths.launchEventScript) },
            lifetime: 'short',
            actions: launchEvents.events.map((e) => ({ id: e.handler, type: 'executeFunction', displayName: e.handler })),
          },
        ],
        ribbons: taskpane.surfaces.map((surface) => ({
          contexts: [surface.unified],
          tabs: [
            {
              builtInTabId: 'TabDefault',
              groups: [
                {
                  id: surface.groupId,
                  label: taskpane.groupLabel,
                  controls: [
                    {
                      id: surface.buttonId,
                      type: 'button',
                      label: taskpane.buttonLabel,
                      icons: ribbonIcons,
                      supertip: { title: taskpane.buttonLabel, description: taskpane.tooltip },
                      actionId: SHOW_TASKPANE,
                    },
                  ],
                },
              ],
            },
          ],
        })),
        autoRunEvents: [
          {
            requirements: mailbox(launchEvents.minMailbox),
            events: launchEvents.events.map((e) => ({ type: e.unified, actionId: e.handler })),
          },
        ],
      },
    ],
  };
}
