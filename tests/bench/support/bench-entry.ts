/**
 * A bench file runs as two processes: the parent measures, and `<file> serve` is the server it measures (so the
 * server's CPU and event loop are its own). Both ends exit 1 on an error instead of leaving a hung run.
 */
export function runBenchEntry(entries: { serve: () => Promise<void>; main: () => Promise<void> }): void {
  const run = process.argv[2] === 'serve' ? entries.serve : entries.main;
  run().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
