import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { type ErrorParams, invalid, KodaError } from '../core/errors.js';
import type { SpeakerTurn } from '../core/transcript/turns.js';
import type { ParsedSource } from '../formats/types.js';
import { Slice } from '../store/eventLoop.js';
import { packageRoot } from '../store/paths.js';

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

export type ParseReply =
  | { ok: PackedParse }
  | { error: { code: string; params: ErrorParams; kind: KodaError['kind'] } }
  | { crashed: true };

/**
 * Parses and hashes an imported file in a worker thread (importWorker.ts): a subtitle file of a
 * million cues takes seconds to parse, during which the server would answer nobody.
 */
export async function parseOffThread(bytes: Uint8Array, fileName: string): Promise<PreparedSource> {
  const reply = await parser().parse({ bytes, fileName });
  if ('error' in reply) throw new KodaError(reply.error.code, reply.error.params, reply.error.kind);
  if ('crashed' in reply) throw invalid('import.corrupt', { file: fileName, format: extension(fileName) });
  const { turns, textHash, textLength, originalHash, ...parsed } = reply.ok;
  return { parsed: { ...parsed, turns: await unpackTurns(turns) }, textHash, textLength, originalHash };
}

/**
 * One worker, started on the first import and kept (loading the importers takes longer than
 * parsing a typical transcript). It keeps the process alive only while a parse is pending.
 */
class Parser {
  private readonly worker = new Worker(workerFile());
  private readonly pending = new Map<number, (reply: ParseReply) => void>();
  private nextId = 0;

  constructor(onGone: () => void) {
    this.worker.unref();
    this.worker.on('message', ({ id, reply }: { id: number; reply: ParseReply }) => this.settle(id, reply));
    const gone = () => {
      onGone();
      for (const id of [...this.pending.keys()]) this.settle(id, { crashed: true });
    };
    this.worker.once('error', gone);
    this.worker.once('exit', gone);
  }

  parse(request: ParseRequest): Promise<ParseReply> {
    const id = this.nextId++;
    if (this.pending.size === 0) this.worker.ref();
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.worker.postMessage({ id, ...request });
    });
  }

  private settle(id: number, reply: ParseReply) {
    this.pending.get(id)?.(reply);
    this.pending.delete(id);
    if (this.pending.size === 0) this.worker.unref();
  }
}

let shared: Parser | undefined;

function parser(): Parser {
  shared ??= new Parser(() => {
    shared = undefined;
  });
  return shared;
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

/**
 * The worker's script. Under Vitest this module runs from src/ as TypeScript, which a worker
 * cannot load, so it runs the same module built in dist/ (test/globalSetup.ts builds it first).
 */
function workerFile(): URL {
  const beside = new URL('./importWorker.js', import.meta.url);
  if (existsSync(fileURLToPath(beside))) return beside;
  return pathToFileURL(join(packageRoot(), 'dist', 'src', 'commands', 'importWorker.js'));
}

function extension(fileName: string): string {
  return fileName.split('.').pop()?.toLowerCase() ?? '';
}
