import { readRefiFile } from '../../formats/refi/qdpx.js';
import type { MeasuredPlan, RefiReadRequest } from './readRefiOffThread.js';
import { measureSource } from './sourceMeasures.js';
import { serveJobs } from './worker.js';

/** The worker side of readRefiOffThread.ts: reads each REFI-QDA file it is sent into a plan, its sources measured. */
serveJobs<RefiReadRequest, MeasuredPlan>(async ({ bytes, fileName, options }) => {
  const plan = await readRefiFile(bytes, fileName, options);
  return { result: { ...plan, measures: plan.sources.map((s) => measureSource(s.text, s.original.bytes)) }, transfer: [] };
});
