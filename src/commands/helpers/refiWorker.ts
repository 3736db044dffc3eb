import { readRefiFile } from '../../formats/refi/qdpx.js';
import type { RefiReadRequest } from './readRefiOffThread.js';
import { serveJobs } from './worker.js';

/** The worker side of readRefiOffThread.ts: reads each REFI-QDA file it is sent into a plan. */
serveJobs<RefiReadRequest, Awaited<ReturnType<typeof readRefiFile>>>(async ({ bytes, fileName, options }) => ({
  result: await readRefiFile(bytes, fileName, options),
  transfer: [],
}));
