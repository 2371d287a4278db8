/**
 * `npm run bench:groups` (issue #16): a day of the schedule's group reads for one tenant that enrols two large teams
 * (Sales: 2,500 people in three nested regional groups; Engineering: 1,500), with two membership changes during the
 * day — side by side in the same run:
 *   - `listing`: what the scheduler did before, every enrolled group's members listed once per 15-minute interval
 *     (transitiveMembers, 999 a page);
 *   - `tracker`: GroupMembersTracker, the same answers read by Graph delta on groups where that saves requests.
 * Both read the same sandbox through the production Graph client, and the bench fails if their answers ever differ.
 * Last stdout line: {"intervals","listingRequests","trackerRequests","requestRatio","listingMs","trackerMs","mismatches"}.
 */
import { startGraphSandbox } from '../../graph-sandbox/src/index';
import type { SeedDocument } from '../../graph-sandbox/src/scenarios/seed-document';
import { createGraphCredential } from '../../server/sync/credential';
import { createGraphAccess } from '../../server/sync/graph-client';
import { readGroupMembers } from '../../server/sync/graph-users';
import { GroupMembersTracker } from '../../server/sync/group-members-tracker';

const INTERVAL = 15 * 60_000;
const INTERVALS = 96;
const SALES = '5a1e5000-0000-4000-8000-00000000b001';
const ENGINEERING = 'e0910000-0000-4000-8000-00000000b002';
const REGIONS = ['5a1e5000-0000-4000-8000-00000000b0a1', '5a1e5000-0000-4000-8000-00000000b0a2', '5a1e5000-0000-4000-8000-00000000b0a3'];

function tenant(): SeedDocument {
  const person = (team: string, i: number) => `${team}${i}@contoso.com`;
  const users = [
    ...Array.from({ length: 2500 }, (_, i) => ({ userPrincipalName: person('sales', i), displayName: `Sales ${i}`, timeZone: 'UTC' })),
    ...Array.from({ length: 1500 }, (_, i) => ({ userPrincipalName: person('eng', i), displayName: `Engineer ${i}`, timeZone: 'UTC' })),
    { userPrincipalName: 'new.hire@contoso.com', displayName: 'New Hire', timeZone: 'UTC' },
  ];
  const region = (r: number) =>
    Array.from({ length: 2500 }, (_, i) => i)
      .filter((i) => i % 3 === r)
      .map((i) => person('sales', i));
  return {
    users,
    events: [],
    groups: [
      ...REGIONS.map((id, r) => ({ id, displayName: `Sales region ${r + 1}`, members: region(r) })),
      { id: SALES, displayName: 'Sales', members: REGIONS },
      { id: ENGINEERING, displayName: 'Engineering', members: Array.from({ length: 1500 }, (_, i) => person('eng', i)) },
    ],
  };
}

async function main(): Promise<void> {
  const sandbox = await startGraphSandbox({ scenario: { document: tenant() } });
  const access = createGraphAccess({ credential: createGraphCredential(sandbox.credential), baseUrl: sandbox.baseUrl, caPem: sandbox.caPem });
  let nowMs = Date.parse('2026-12-01T00:00:00Z');
  const tracker = new GroupMembersTracker(() => access.client, { checkEveryMs: INTERVAL, now: () => new Date(nowMs) });
  let listingRequests = 0;
  let listingMs = 0;
  let trackerMs = 0;
  let mismatches = 0;
  try {
    for (let i = 0; i < INTERVALS; i++) {
      // Two changes in the day: a hire joins a nested region at 10:00, an engineer leaves at 15:00.
      if (i === 40) sandbox.groups.addMember(REGIONS[1]!, 'new.hire@contoso.com');
      if (i === 60) sandbox.groups.removeMember(ENGINEERING, 'eng7@contoso.com');
      for (const group of [SALES, ENGINEERING]) {
        let t = performance.now();
        const listed = await readGroupMembers(access.client, group);
        listingMs += performance.now() - t;
        listingRequests += listed.requests;
        t = performance.now();
        const tracked = await tracker.addresses(sandbox.tenantId, group);
        trackerMs += performance.now() - t;
        const a = listed.members
          .map((m) => m.address)
          .sort()
          .join();
        if (a !== [...tracked].sort().join()) mismatches++;
      }
      nowMs += INTERVAL;
    }
  } finally {
    await access.close();
    await sandbox.stop();
  }
  const trackerRequests = tracker.counts.listingRequests + tracker.counts.deltaRequests;
  console.log(`${INTERVALS} intervals, 2 enrolled groups (2,500 + 1,500 people), 2 membership changes`);
  console.log(`listing each interval: ${listingRequests} requests, ${Math.round(listingMs)} ms`);
  console.log(
    `tracker (delta where it saves): ${trackerRequests} requests (${tracker.counts.listingRequests} listing, ${tracker.counts.deltaRequests} delta), ${Math.round(trackerMs)} ms`,
  );
  console.log(
    JSON.stringify({
      intervals: INTERVALS,
      listingRequests,
      trackerRequests,
      requestRatio: Math.round((trackerRequests / listingRequests) * 1000) / 1000,
      listingMs: Math.round(listingMs),
      trackerMs: Math.round(trackerMs),
      mismatches,
    }),
  );
  if (mismatches > 0) process.exitCode = 1;
}

void main();
