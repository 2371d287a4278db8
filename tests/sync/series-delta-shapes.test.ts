/**
 * A series is stamped from its master's own item, whatever shape delta reports it in (stub occurrences
 * with or without the master, the master first, last, dated by the series' start or on another page, an occurrence deleted, the
 * reference page's whole occurrences): the person's own categories on the series survive every round.
 */
import { referenceDeltaSeries, reportedDeltaSeries, type DeltaSeriesOptions, type SeedDocument } from '../../graph-sandbox/src/index';
import { deleteEvent } from '../../graph-sandbox/src/event-writes';
import { eventInstances } from '../../graph-sandbox/src/instances';
import { startSyncHarness, type SyncHarness } from './support/harness';
import { at, categoriesOf, editEvent, teamRules } from './support/team';

const SERIES = 'Customer weekly';

interface Shape {
  name: string;
  mailbox: string;
  series: Partial<DeltaSeriesOptions>;
  /** Delta page size the round asks for (1: every entry on a page of its own). */
  pageSize?: number;
  /** Whether delta carries the master's own entry (else the round reads the master). */
  masterInDelta: boolean;
}

const shapes: Shape[] = [
  { name: 'stub occurrences only', mailbox: 'stubs@contoso.com', series: { master: 'none' }, masterInDelta: false },
  { name: 'master before its stubs', mailbox: 'first@contoso.com', series: { master: 'first' }, masterInDelta: true },
  { name: 'master after its stubs', mailbox: 'last@contoso.com', series: { master: 'last' }, masterInDelta: true },
  { name: "master dated by the series' first occurrence", mailbox: 'dated@contoso.com', series: { masterDated: 'seriesStart' }, masterInDelta: true },
  { name: 'master on another page', mailbox: 'paged@contoso.com', series: { master: 'last', wholeSeriesPerPage: false }, pageSize: 1, masterInDelta: true },
  { name: "the reference page's whole occurrences", mailbox: 'reference@contoso.com', series: referenceDeltaSeries, masterInDelta: false },
];

/** Per mailbox: a weekly series, begun before the sync window, the person already filed under their own 'Mine'. */
function document(): SeedDocument {
  const start = at(-35, 10);
  return {
    users: shapes.map((s) => ({ userPrincipalName: s.mailbox, displayName: s.name, timeZone: 'UTC' })),
    events: shapes.map((s) => ({
      organizer: s.mailbox,
      subject: SERIES,
      categories: ['Mine'],
      start: { dateTime: start, timeZone: 'UTC' },
      end: { dateTime: at(-35, 11), timeZone: 'UTC' },
      recurrence: { pattern: { type: 'daily', interval: 7 }, range: { type: 'numbered', startDate: start.slice(0, 10), numberOfOccurrences: 10 } },
    })),
  } as SeedDocument;
}

describe('series in delta: only the master decides what the master gets', () => {
  let h: SyncHarness;
  beforeAll(async () => {
    h = await startSyncHarness({ document: document(), rules: teamRules() });
  });
  afterAll(() => h.close());

  /** A round with the shape's delta options and page size. */
  async function round(shape: Shape) {
    h.sandbox.deltaSeries.configure({ ...reportedDeltaSeries, ...shape.series });
    h.deps = { ...h.deps, tuning: { pageSize: shape.pageSize ?? 1000 } };
    return h.round(shape.mailbox);
  }

  /** The person deletes the second occurrence of the series, in Outlook. */
  function deleteSecondOccurrence(mailboxId: string): void {
    const mailbox = h.sandbox.store.mailbox(mailboxId);
    const master = [...mailbox.events.values()].find((e) => e.subject === SERIES)!;
    const occurrence = eventInstances(master, Date.now() - 86_400_000, Date.now() + 60 * 86_400_000)[1]!;
    deleteEvent(h.sandbox.store, mailbox, occurrence);
  }

  describe.each(shapes)('$name', (shape) => {
    test('stamps the master from its own fields and keeps the person’s categories, through edits and a deleted occurrence', async () => {
      const first = await round(shape);
      expect(categoriesOf(h.sandbox, shape.mailbox, SERIES)).toEqual(['Mine', 'Customer', 'Series']);
      // Read once when delta did not carry the master; never read again when it did.
      expect(first).toMatchObject({ failed: 0, patches: 1, recordsRead: shape.masterInDelta ? 0 : 1 });

      // The person adds a category of their own and takes off one CalSync stamped.
      editEvent(h.sandbox, shape.mailbox, SERIES, { categories: ['Mine', 'Series', 'Blue'] });
      const edited = await round(shape);
      expect(edited).toMatchObject({ failed: 0, fullRound: false });
      expect(categoriesOf(h.sandbox, shape.mailbox, SERIES)).toEqual(['Mine', 'Series', 'Blue']);

      // No @removed for it in real Graph: the master (or, without it, the remaining stubs) comes again.
      deleteSecondOccurrence(shape.mailbox);
      const afterDelete = await round(shape);
      expect(afterDelete).toMatchObject({ failed: 0, patches: 0 });
      expect(categoriesOf(h.sandbox, shape.mailbox, SERIES)).toEqual(['Mine', 'Series', 'Blue']);

      const quiet = await round(shape);
      expect(quiet).toMatchObject({ patches: 0, eventsScanned: 0 });
    });
  });
});
