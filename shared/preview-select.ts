/**
 * The event fields a preview reads from Graph (`$select` on calendarView): what normalizeGraphEvent and the
 * pane's list use, and no more. The pane asks Graph with it; the demo's stand-in for that call answers the same.
 */
export const PREVIEW_EVENT_SELECT =
  'id,subject,start,end,isAllDay,location,organizer,attendees,categories,showAs,responseStatus,sensitivity,importance,isOnlineMeeting,onlineMeetingProvider,type,seriesMasterId,isOrganizer,bodyPreview';
