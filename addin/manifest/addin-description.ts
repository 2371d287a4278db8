/**
 * What the CalSync add-in is, once: the facts both manifests state. Both are rendered from it: the add-in-only XML
 * (Outlook on Mac, mobile and older Windows builds) by xml-manifest.ts, the unified manifest for Microsoft 365 (new
 * Outlook, the Integrated apps portal) by unified-manifest.ts. Paths are relative to the deployment's base URL.
 */

/** One launch event: its add-in-only XML name, its unified-manifest name, and the handler both call. */
export interface LaunchEventDescription {
  xml: string;
  unified: string;
  handler: string;
}

/** One ribbon surface the task pane button sits on, in both vocabularies. */
export interface SurfaceDescription {
  xml: string;
  unified: string;
  groupId: string;
  buttonId: string;
}

export const ADDIN = {
  id: 'f91c526c-f1a1-4c24-9a67-6d5440b49122',
  /** Four numbers in the XML; the unified manifest takes the first three (semver). */
  version: '1.0.0.0',
  provider: 'CalSync',
  name: 'CalSync',
  description: 'Colour your Outlook calendar with rules: organisation and personal rules stamp Outlook categories on events.',
  shortDescription: 'Colour your Outlook calendar with rules.',
  /** BCP 47, case-insensitive: the XML writes en-US, the unified manifest en-us (as office-addin-manifest-converter does). */
  locale: 'en-US',
  /** The requirement set both manifests' minimum versions (taskpane.minMailbox, launchEvents.minMailbox) are of. */
  requirementSet: 'Mailbox',
  /** Outlook: the Mailbox host in the XML, the mail scope in the unified manifest. */
  host: { xml: 'Mailbox', unified: 'mail' },
  /**
   * Where the buttons and the launch events are: Outlook on Windows, Mac and the web (DesktopFormFactor). The unified
   * manifest's counterpart is requirements.formFactors ["desktop"], which it does not state today.
   */
  formFactor: { xml: 'DesktopFormFactor', unified: 'desktop' },
  paths: {
    icon: 'assets/icon-64.png',
    highResolutionIcon: 'assets/icon-128.png',
    ribbonIcons: { 16: 'assets/icon-16.png', 32: 'assets/icon-32.png', 80: 'assets/icon-80.png' },
    support: 'support',
    taskpane: 'taskpane/taskpane.html',
    commands: 'commands/commands.html',
    launchEventPage: 'launchevent.html',
    /** Classic Outlook on Windows runs the handler as a bare script, not the page. */
    launchEventScript: 'launchevent.js',
  },
  taskpane: {
    /** Mailbox requirement set of the task pane and its buttons. */
    minMailbox: '1.8',
    groupLabel: 'CalSync',
    buttonLabel: 'Colour rules',
    tooltip: 'Write rules that colour your calendar, preview them on this event, and apply them.',
    surfaces: [
      { xml: 'AppointmentOrganizerCommandSurface', unified: 'meetingDetailsOrganizer', groupId: 'calsyncOrganizerGroup', buttonId: 'calsyncOrganizerButton' },
      { xml: 'AppointmentAttendeeCommandSurface', unified: 'meetingDetailsAttendee', groupId: 'calsyncAttendeeGroup', buttonId: 'calsyncAttendeeButton' },
    ] satisfies SurfaceDescription[],
  },
  launchEvents: {
    /** Event-based activation needs Mailbox 1.10; the attendee, time and recurrence events 1.11. */
    minMailbox: '1.10',
    // Names in both manifests: https://learn.microsoft.com/office/dev/add-ins/outlook/autolaunch#supported-events
    events: [
      { xml: 'OnNewAppointmentOrganizer', unified: 'newAppointmentOrganizerCreated', handler: 'onNewAppointmentOrganizerHandler' },
      { xml: 'OnAppointmentAttendeesChanged', unified: 'appointmentAttendeesChanged', handler: 'onAppointmentAttendeesChangedHandler' },
      { xml: 'OnAppointmentTimeChanged', unified: 'appointmentTimeChanged', handler: 'onAppointmentTimeChangedHandler' },
      { xml: 'OnAppointmentRecurrenceChanged', unified: 'appointmentRecurrenceChanged', handler: 'onAppointmentRecurrenceChangedHandler' },
    ] satisfies LaunchEventDescription[],
  },
  /**
   * Read/write on the user's mailbox: ReadWriteMailbox in the XML is Mailbox.ReadWrite.User in the unified manifest
   * (https://learn.microsoft.com/office/dev/add-ins/outlook/understanding-outlook-add-in-permissions).
   */
  permission: { xml: 'ReadWriteMailbox', unified: 'Mailbox.ReadWrite.User' },
  /** Delegated scopes the pane asks its app registration for (nested app authentication). */
  scopes: ['openid', 'profile', 'Calendars.Read'],
} as const;
