/** Deadlines for polling only: nothing here asserts how long anything took. */

/** Polls until `done()` holds, or fails naming `what` once the deadline has passed. */
export async function waitFor(what: string, done: () => Promise<boolean> | boolean, deadlineMs: number, everyMs = 50): Promise<void> {
  const until = Date.now() + deadlineMs;
  while (!(await done())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
