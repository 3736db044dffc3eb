import { createHash } from 'node:crypto';
import { parentPort } from 'node:worker_threads';
import { KodaError } from '../core/errors.js';
import { codePointLength } from '../core/text/codePoints.js';
import { parseSource } from '../formats/index.js';
import type { PackedParse, ParseReply, ParseRequest } from './parseOffThread.js';

/**
 * The worker side of parseOffThread.ts: parses each file it is sent and hashes it, away from the server's
 * event loop. Turns go back packed in typed arrays (transferred, not copied): a million small
 * objects would take seconds to clone back on the main thread.
 */
parentPort?.on('message', async ({ id, bytes, fileName }: ParseRequest & { id: number }) => {
  let reply: ParseReply;
  const transfer: ArrayBuffer[] = [];
  try {
    const parsed = await parseSource(bytes, fileName);
    const { turns, ...rest } = parsed;
    const numbers = new Float64Array(turns.length * 4);
    const speakerOf = new Int32Array(turns.length);
    const speakers: string[] = [];
    const speakerIndex = new Map<string, number>();
    turns.forEach((t, i) => {
      numbers.set([t.start, t.end, t.startMs ?? Number.NaN, t.endMs ?? Number.NaN], i * 4);
      if (t.speaker === null) speakerOf[i] = -1;
      else {
        if (!speakerIndex.has(t.speaker)) speakerIndex.set(t.speaker, speakers.push(t.speaker) - 1);
        speakerOf[i] = speakerIndex.get(t.speaker) as number;
      }
    });
    const packed: PackedParse = {
      ...rest,
      turns: { numbers, speakerOf, speakers },
      textHash: sha256(parsed.text),
      textLength: codePointLength(parsed.text),
      originalHash: sha256(bytes),
    };
    reply = { ok: packed };
    transfer.push(numbers.buffer, speakerOf.buffer);
  } catch (e) {
    reply = e instanceof KodaError ? { error: { code: e.code, params: e.params, kind: e.kind } } : { crashed: true };
  }
  parentPort?.postMessage({ id, reply }, transfer);
});

function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
