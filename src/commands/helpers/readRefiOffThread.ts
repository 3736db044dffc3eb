import { invalid } from '../../core/errors.js';
import type { ImportPlan } from '../../formats/refi/plan.js';
import type { ReadOptions } from '../../formats/refi/qdpx.js';
import type { SourceMeasures } from './sourceMeasures.js';
import { BackgroundWorker } from './worker.js';

export interface RefiReadRequest {
  bytes: Uint8Array;
  fileName: string;
  options: ReadOptions;
}

/** A plan with each of its sources' measures, in the order of `sources`. */
export type MeasuredPlan = ImportPlan & { measures: SourceMeasures[] };

const reader = new BackgroundWorker<RefiReadRequest, MeasuredPlan>('refiWorker.js');

/**
 * Reads a REFI-QDA file into its import plan in a worker thread (refiWorker.ts): unzipping,
 * parsing the XML and mapping a big project took seconds of the server's only thread (issue 13);
 * each source is measured there too.
 * A refusal (KodaError) comes back as it was thrown; a worker that died refuses the file.
 */
export async function readRefiOffThread(bytes: Uint8Array, fileName: string, options: ReadOptions): Promise<MeasuredPlan> {
  const reply = await reader.run({ bytes, fileName, options });
  if ('crashed' in reply) throw invalid('import.corrupt', { file: fileName, format: 'REFI-QDA' });
  return reply.ok;
}
