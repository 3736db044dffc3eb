import type { ExportSegment, ExportTurn } from '../../formats/refi/exportPlan.js';
import { writeProject } from '../../formats/refi/qdeWriter.js';
import { writeQdpx } from '../../formats/refi/qdpx.js';
import { serveJobs } from './worker.js';
import type { PackedExport, WrittenExport } from './writeExport.js';

/** The worker side of writeExport.ts: writes project.qde from the snapshot and zips it with the sources. */
serveJobs<PackedExport, WrittenExport>(async ({ snapshot, sources, segmentPages, turnPages }) => {
  const decoder = new TextDecoder();
  const rows = <T>(pages: Uint8Array[]) => pages.flatMap((page) => JSON.parse(decoder.decode(page)) as T[]);
  const { qde, files, summary } = writeProject({
    ...snapshot,
    sources: sources.map((s) => ({ ...s, text: decoder.decode(s.text) })),
    segments: rows<ExportSegment>(segmentPages),
    turns: rows<ExportTurn>(turnPages),
  });
  const bytes = writeQdpx(qde, files);
  // zipSync's result owns its buffer: moved to the main thread, not copied.
  return { result: { bytes, summary }, transfer: [bytes.buffer as ArrayBuffer] };
});
