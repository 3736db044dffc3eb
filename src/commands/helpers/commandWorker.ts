import { buildReport } from '../buildReport.js';
import { importSource } from '../importSource.js';
import type { CommandContext, CommittedEvent } from './context.js';
import type { CommandDone, CommandJob } from './offThread.js';
import { serveJobs } from './worker.js';
import { openStoreOnWorker } from './workerStore.js';

/**
 * The worker side of offThread.ts: opens the store, runs the command, closes the store. Opened
 * per job, as indexWorker.ts does: a connection kept here would stop a passphrase change.
 */
serveJobs<CommandJob, CommandDone>(async ({ command, input, access, context }, progress) => {
  const store = await openStoreOnWorker(access);
  try {
    const events: CommittedEvent[] = [];
    const ctx: CommandContext = { ...context, store, onWorkerThread: true, onCommitted: (e) => events.push(e) };
    if (command === 'importSource') {
      const result = await importSource(ctx, input as Parameters<typeof importSource>[1]);
      return { result: { result, events }, transfer: [] };
    }
    const report = await buildReport(ctx, input as Parameters<typeof buildReport>[1], { progress });
    return { result: { result: report, events }, transfer: ownBuffers([report.bytes, ...report.files.map((f) => f.bytes)]) };
  } finally {
    await store.close();
  }
});

/** The buffers of `views` that each view covers whole: moved to the main thread rather than copied. */
function ownBuffers(views: Uint8Array[]): ArrayBuffer[] {
  return views
    .filter((v) => v.byteOffset === 0 && v.byteLength === v.buffer.byteLength && v.buffer instanceof ArrayBuffer)
    .map((v) => v.buffer as ArrayBuffer);
}
