import { parseSource } from '../../formats/index.js';
import type { PackedParse, ParseRequest } from './parseOffThread.js';
import { measureSource } from './sourceMeasures.js';
import { serveJobs } from './worker.js';

/**
 * The worker side of parseOffThread.ts: parses each file it is sent and hashes it. Turns go back
 * packed in typed arrays: a million small objects would take seconds to clone on the main thread.
 */
serveJobs<ParseRequest, PackedParse>(async ({ bytes, fileName }) => {
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
  return {
    result: {
      ...rest,
      turns: { numbers, speakerOf, speakers },
      ...measureSource(parsed.text, bytes),
    },
    transfer: [numbers.buffer, speakerOf.buffer],
  };
});
