import type { SummaryItem } from '../../formats/refi/plan.js';
import type { ProjectSnapshot } from '../../formats/refi/qdeWriter.js';
import { BackgroundWorker } from './worker.js';

/**
 * A project snapshot as it goes to the worker: the many rows (segments, turns) as pages of JSON
 * text, which crosses to the thread as a copy of its characters; 200,000 row objects would take
 * the main thread a long pause to clone.
 */
export interface ExportToWrite {
  snapshot: Omit<ProjectSnapshot, 'segments' | 'turns'>;
  segmentPages: string[];
  turnPages: string[];
}

export interface WrittenExport {
  bytes: Uint8Array;
  summary: SummaryItem[];
}

const writer = new BackgroundWorker<ExportToWrite, WrittenExport>('exportWorker.js');

/**
 * Writes project.qde and zips the .qdpx in a worker thread (exportWorker.ts): for a project of
 * 200,000 segments that is many seconds the server would otherwise spend answering nobody.
 */
export async function writeExport(request: ExportToWrite): Promise<WrittenExport> {
  const reply = await writer.run(request);
  if ('crashed' in reply) throw new Error('the export could not be written');
  return reply.ok;
}
