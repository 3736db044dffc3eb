import { invalid } from '../../core/errors.js';
import type { SpeakerTurn } from '../../core/transcript/turns.js';
import type { ParsedSource } from '../../formats/types.js';
import { Slice } from '../../store/eventLoop.js';
import { BackgroundWorker } from './worker.js';

/** A parsed file with what the import needs of it besides: hashes and length, in code points. */
export interface PreparedSource {
  parsed: ParsedSource;
  textHash: string;
  textLength: number;
  originalHash: string;
}

export interface ParseRequest {
  bytes: Uint8Array;
  fileName: string;
}

/** Turns as the worker sends them: [start, end, startMs, endMs] per turn (NaN for null). */
export interface PackedParse extends Omit<ParsedSource, 'turns'>, Omit<PreparedSource, 'parsed'> {
  turns: { numbers: Float64Array; speakerOf: Int32Array; speakers: string[] };
}

const parser = new BackgroundWorker<ParseRequest, PackedParse>('importWorker.js');

/**
 * Parses and hashes an imported file in a worker thread (importWorker.ts): a subtitle file of a
 * million cues takes seconds to parse, during which the server would answer nobody.
 */
export async function parseOffThread(bytes: Uint8Array, fileName: string): Promise<PreparedSource> {
  const reply = await parser.run({ bytes, fileName });
  // The worker died (out of memory, say): the file is refused like any that cannot be read.
  if ('crashed' in reply) throw invalid('import.corrupt', { file: fileName, format: extension(fileName) });
  const { turns, textHash, textLength, originalHash, ...parsed } = reply.ok;
  return { parsed: { ...parsed, turns: await unpackTurns(turns) }, textHash, textLength, originalHash };
}

async function unpackTurns({ numbers, speakerOf, speakers }: PackedParse['turns']): Promise<SpeakerTurn[]> {
  const turns: SpeakerTurn[] = new Array(speakerOf.length);
  const orNull = (n: number) => (Number.isNaN(n) ? null : n);
  const slice = new Slice();
  for (let i = 0; i < turns.length; i++) {
    if (slice.due()) await slice.pause();
    const at = i * 4;
    turns[i] = {
      start: numbers[at] as number,
      end: numbers[at + 1] as number,
      speaker: speakers[speakerOf[i] as number] ?? null,
      startMs: orNull(numbers[at + 2] as number),
      endMs: orNull(numbers[at + 3] as number),
    };
  }
  return turns;
}

function extension(fileName: string): string {
  return fileName.split('.').pop()?.toLowerCase() ?? '';
}
