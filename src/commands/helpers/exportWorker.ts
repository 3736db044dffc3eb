import type { ExportSegment, ExportTurn } from '../../formats/refi/exportPlan.js';
import { writeProject } from '../../formats/refi/qdeWriter.js';
import { writeQdpx } from '../../formats/refi/qdpx.js';
import { serveJobs } from './worker.js';
import type { ExportToWrite, WrittenExport } from './writeExport.js';

/** The worker side of writeExport.ts: writes project.qde from the snapshot and zips it with the sources. */
serveJobs<ExportToWrite, WrittenExport>(async ({ snapshot, segmentPages, turnPages }) => {
  const segments = segmentPages.flatMap((page) => JSON.parse(page) as ExportSegment[]);
  const turns = turnPages.flatMap((page) => JSON.parse(page) as ExportTurn[]);
  const { qde, files, summary } = writeProject({ ...snapshot, segments, turns });
  const bytes = writeQdpx(qde, files);
  // zipSync's result owns its buffer: moved to the main thread, not copied.
  return { result: { bytes, summary }, transfer: [bytes.buffer as ArrayBuffer] };
});
