import type { Transferable } from 'node:worker_threads';
import type { ExportSource } from '../../formats/refi/exportPlan.js';
import type { SummaryItem } from '../../formats/refi/plan.js';
import type { ProjectSnapshot } from '../../formats/refi/qdeWriter.js';
import { Slice } from '../../store/eventLoop.js';
import { BackgroundWorker } from './worker.js';

/**
 * A project snapshot with its many rows (segments, turns) as pages of UTF-8 JSON: buffers move to
 * the worker thread as they are, where 200,000 row objects, or the strings of their text, would
 * take the main thread seconds to copy.
 */
export interface ExportToWrite {
  snapshot: Omit<ProjectSnapshot, 'segments' | 'turns'>;
  segmentPages: Uint8Array[];
  turnPages: Uint8Array[];
}

/** As the worker gets it: each source's text in UTF-8 and its original in a buffer of its own. */
export interface PackedExport extends Omit<ExportToWrite, 'snapshot'> {
  snapshot: Omit<ExportToWrite['snapshot'], 'sources'>;
  sources: (Omit<ExportSource, 'text'> & { text: Uint8Array })[];
}

export interface WrittenExport {
  bytes: Uint8Array;
  summary: SummaryItem[];
}

const writer = new BackgroundWorker<PackedExport, WrittenExport>('exportWorker.js');

/**
 * Writes project.qde and zips the .qdpx in a worker thread (exportWorker.ts): for a project of
 * 200,000 segments that is many seconds the server would otherwise spend answering nobody.
 */
export async function writeExport({ snapshot, segmentPages, turnPages }: ExportToWrite): Promise<WrittenExport> {
  const { sources, ...rest } = snapshot;
  const packed: PackedExport = { snapshot: rest, sources: [], segmentPages, turnPages };
  const encoder = new TextEncoder();
  const slice = new Slice();
  for (const source of sources) {
    if (slice.due()) await slice.pause();
    // A copy the worker may own: a row's buffer can be a view into memory shared with others.
    const original = source.original_bytes ? new Uint8Array(source.original_bytes) : null;
    packed.sources.push({ ...source, text: encoder.encode(source.text), original_bytes: original });
  }
  const buffers = [
    ...segmentPages,
    ...turnPages,
    ...packed.sources.flatMap((s) => (s.original_bytes ? [s.text, s.original_bytes] : [s.text])),
  ];
  const transfer: Transferable[] = buffers.map((b) => b.buffer as ArrayBuffer);
  const reply = await writer.run(packed, transfer);
  if ('crashed' in reply) throw new Error('the export could not be written');
  return reply.ok;
}
