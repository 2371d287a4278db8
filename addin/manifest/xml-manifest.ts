/**
 * The add-in-only manifest (XML), rendered from addin-description.ts for a deployment: what Outlook on Mac, mobile
 * and older Windows builds install (the unified manifest is unified-manifest.ts). The committed manifest.xml is this
 * for https://localhost:3000 (tests/addin/manifest.test.ts fails when it differs). Shape:
 * https://learn.microsoft.com/office/dev/add-ins/develop/xml-manifest-overview, VersionOverrides 1.0 for the buttons
 * and 1.1 for event-based activation (https://learn.microsoft.com/office/dev/add-ins/outlook/autolaunch). Every
 * command string and URL goes through Resources, as the schema asks.
 */
import XMLBuilder from 'fast-xml-builder';
import { ADDIN, type SurfaceDescription } from './addin-description';
import { appIdUri, checkManifestOptions, type ManifestOptions } from './manifest-options';

/** Attribute keys carry this prefix in the tree handed to the builder. */
const AT = '@';
type XmlNode = { [name: string]: string | number | boolean | XmlNode | Array<string | XmlNode> };

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: AT,
  format: true,
  indentBy: '  ',
  suppressEmptyNode: true,
  commentPropName: '#comment',
});

const IDS = {
  commands: 'Commands.Url',
  taskpane: 'Taskpane.Url',
  launchPage: 'LaunchEventPage.Url',
  launchScript: 'LaunchEventScript.Url',
  groupLabel: 'Group.Label',
  buttonLabel: 'TaskpaneButton.Label',
  tooltip: 'TaskpaneButton.Tooltip',
  icon: (size: string) => `Icon.${size}x${size}`,
};

/** Resources' string entries: { id, value } as bt:Image / bt:Url / bt:String elements. */
const entries = (items: Array<[string, string]>): XmlNode[] => items.map(([id, value]) => ({ [`${AT}id`]: id, [`${AT}DefaultValue`]: value }));

/** The task pane button on one appointment surface; the same in VersionOverrides 1.0 and 1.1. */
function surfaceExtensionPoint(surface: SurfaceDescription): XmlNode {
  return {
    [`${AT}xsi:type`]: surface.xml,
    OfficeTab: {
      [`${AT}id`]: 'TabDefault',
      Group: {
        [`${AT}id`]: surface.groupId,
        Label: { [`${AT}resid`]: IDS.groupLabel },
        Control: {
          [`${AT}xsi:type`]: 'Button',
          [`${AT}id`]: surface.buttonId,
          Label: { [`${AT}resid`]: IDS.buttonLabel },
          Supertip: { Title: { [`${AT}resid`]: IDS.buttonLabel }, Description: { [`${AT}resid`]: IDS.tooltip } },
          Icon: { 'bt:Image': Object.keys(ADDIN.paths.ribbonIcons).map((size) => ({ [`${AT}size`]: size, [`${AT}resid`]: IDS.icon(size) })) },
          Action: { [`${AT}xsi:type`]: 'ShowTaskpane', SourceLocation: { [`${AT}resid`]: IDS.taskpane } },
        },
      },
    },
  };
}

export function renderManifest(options: ManifestOptions): string {
  const checked = checkManifestOptions(options);
  const url = (path: string) => `${checked.baseUrl}/${path}`;
  const { paths, taskpane, launchEvents } = ADDIN;
  const mailbox = (minVersion: string) => ({ 'bt:Sets': { [`${AT}DefaultMinVersion`]: minVersion, 'bt:Set': { [`${AT}Name`]: ADDIN.requirementSet } } });
  const formFactor = ADDIN.formFactor.xml;
  const surfaces = taskpane.surfaces.map(surfaceExtensionPoint);
  const images = { 'bt:Image': entries(Object.entries(paths.ribbonIcons).map(([size, path]) => [IDS.icon(size), url(path)])) };
  const strings = {
    'bt:ShortStrings': {
      'bt:String': entries([
        [IDS.groupLabel, taskpane.groupLabel],
        [IDS.buttonLabel, taskpane.buttonLabel],
      ]),
    },
    'bt:LongStrings': { 'bt:String': entries([[IDS.tooltip, taskpane.tooltip]]) },
  };
  const commandUrls: Array<[string, string]> = [
    [IDS.commands, url(paths.commands)],
    [IDS.taskpane, url(paths.taskpane)],
  ];
  const host = (formFactorBody: XmlNode): XmlNode => ({ Hosts: { Host: { [`${AT}xsi:type`]: 'MailHost', ...formFactorBody } } });

  const launchEventOverrides: XmlNode = {
    [`${AT}xmlns`]: 'http://schemas.microsoft.com/office/mailappversionoverrides/1.1',
    [`${AT}xsi:type`]: 'VersionOverridesV1_1',
    '#comment': ` Event-based activation needs Mailbox ${launchEvents.minMailbox} (the attendee, time and recurrence events 1.11). `,
    Requirements: mailbox(launchEvents.minMailbox),
    ...host({
      Runtimes: {
        '#comment': ' Web and new Outlook load the HTML page; classic Outlook on Windows loads the script alone. ',
        Runtime: { [`${AT}resid`]: IDS.launchPage, Override: { [`${AT}type`]: 'javascript', [`${AT}resid`]: IDS.launchScript } },
      },
      [formFactor]: {
        FunctionFile: { [`${AT}resid`]: IDS.commands },
        ExtensionPoint: [
          ...surfaces,
          {
            [`${AT}xsi:type`]: 'LaunchEvent',
            LaunchEvents: { LaunchEvent: launchEvents.events.map((e) => ({ [`${AT}Type`]: e.xml, [`${AT}FunctionName`]: e.handler })) },
            SourceLocation: { [`${AT}resid`]: IDS.launchPage },
          },
        ],
      },
    }),
    Resources: {
      'bt:Images': images,
      'bt:Urls': { 'bt:Url': entries([...commandUrls, [IDS.launchPage, url(paths.launchEventPage)], [IDS.launchScript, url(paths.launchEventScript)]]) },
      ...strings,
    },
    WebApplicationInfo: { Id: checked.clientId, Resource: appIdUri(checked), Scopes: { Scope: [...ADDIN.scopes] } },
  };

  return builder.build({
    '?xml': { [`${AT}version`]: '1.0', [`${AT}encoding`]: 'UTF-8' },
    // No double hyphen in a comment (XML forbids it): the command line is in generate-manifest.ts.
    '#comment': ` CalSync, add-in only manifest for ${checked.baseUrl}, rendered from addin/manifest/addin-description.ts by calsync manifest (npm run manifest). Regenerate it; do not edit. `,
    OfficeApp: {
      [`${AT}xmlns`]: 'http://schemas.microsoft.com/office/appforoffice/1.1',
      [`${AT}xmlns:xsi`]: 'http://www.w3.org/2001/XMLSchema-instance',
      [`${AT}xmlns:bt`]: 'http://schemas.microsoft.com/office/officeappbasictypes/1.0',
      [`${AT}xmlns:mailappor`]: 'http://schemas.microsoft.com/office/mailappversionoverrides/1.0',
      [`${AT}xsi:type`]: 'MailApp',
      Id: ADDIN.id,
      Version: checked.version ?? ADDIN.version,
      ProviderName: ADDIN.provider,
      DefaultLocale: ADDIN.locale,
      DisplayName: { [`${AT}DefaultValue`]: ADDIN.name },
      Description: { [`${AT}DefaultValue`]: ADDIN.description },
      IconUrl: { [`${AT}DefaultValue`]: url(paths.icon) },
      HighResolutionIconUrl: { [`${AT}DefaultValue`]: url(paths.highResolutionIcon) },
      SupportUrl: { [`${AT}DefaultValue`]: url(paths.support) },
      // AppDomain is an origin, never a path.
      AppDomains: { AppDomain: new URL(checked.baseUrl).origin },
      Hosts: { Host: { [`${AT}Name`]: ADDIN.host.xml } },
      Requirements: { Sets: { Set: { [`${AT}Name`]: ADDIN.requirementSet, [`${AT}MinVersion`]: taskpane.minMailbox } } },
      // The read form's pane, for clients without add-in commands (XML only: the unified manifest has no such form).
      FormSettings: {
        Form: { [`${AT}xsi:type`]: 'ItemRead', DesktopSettings: { SourceLocation: { [`${AT}DefaultValue`]: url(paths.taskpane) }, RequestedHeight: 250 } },
      },
      Permissions: ADDIN.permission.xml,
      // Activation rules (XML only): appointments, read and edit; the unified manifest says it with ribbon contexts.
      Rule: {
        [`${AT}xsi:type`]: 'RuleCollection',
        [`${AT}Mode`]: 'Or',
        Rule: ['Read', 'Edit'].map((form) => ({ [`${AT}xsi:type`]: 'ItemIs', [`${AT}ItemType`]: 'Appointment', [`${AT}FormType`]: form })),
      },
      DisableEntityHighlighting: false,
      VersionOverrides: {
        [`${AT}xmlns`]: 'http://schemas.microsoft.com/office/mailappversionoverrides',
        [`${AT}xsi:type`]: 'VersionOverridesV1_0',
        Requirements: mailbox(taskpane.minMailbox),
        ...host({ [formFactor]: { FunctionFile: { [`${AT}resid`]: IDS.commands }, ExtensionPoint: surfaces } }),
        Resources: { 'bt:Images': images, 'bt:Urls': { 'bt:Url': entries(commandUrls) }, ...strings },
        VersionOverrides: launchEventOverrides,
      },
    },
  });
}
