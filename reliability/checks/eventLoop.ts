import { stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { transcript, writeSrt } from '../generate.js';
import { type Answer, described, ok, projectPath } from '../http.js';
import { watchHealth } from '../latency.js';
import { type Check, verdict } from '../report.js';
import { PROJECT } from '../seed.js';
import { withServer } from '../server.js';
import { leafCodes, SLOW_MS, uploadFile } from '../study.js';
import type { Suite } from '../suite.js';

const HEALTH_LIMIT_MS = 1_000;
const BIG_TRANSCRIPTS = 2;
const BIG_TRANSCRIPT_CHARS = 1_000_000;

/**
 * Attack 4: the heavy operations must leave the event loop free. /api/health is asked every
 * 50 ms during a large .srt import, the first search (which builds the index over big
 * transcripts), an auto-coding write and a full report; the longest wait is the measure.
 */
export async function eventLoop(suite: Suite): Promise<Check[]> {
  const dataDir = await suite.ws.copyOf(suite.seed.dataDir, 'event-loop');
  const files = await suite.ws.folder('event-loop-files');
  const srt = join(files, 'long.srt');
  await writeSrt(srt, suite.options.cues, 7);
  const size = (await stat(srt)).size;
  const bigs: string[] = [];
  for (let i = 0; i < BIG_TRANSCRIPTS; i++) {
    const file = join(files, `big-${i + 1}.txt`);
    await writeFile(file, transcript(BIG_TRANSCRIPT_CHARS, 100 + i));
    bigs.push(file);
  }
  return withServer(dataDir, async ({ api, port }) => {
    const checks: Check[] = [];
    const measure = async (what: string, run: () => Promise<Answer>) => {
      const health = watchHealth(port);
      const answer = await run();
      const latency = await health.stop();
      checks.push(
        verdict(
          ok(answer) && latency.maxMs < HEALTH_LIMIT_MS,
          `event loop during ${what}: /api/health max ${latency.maxMs} ms over ${latency.sent} polls ` +
            `(${described(answer)}, ${(answer.ms / 1000).toFixed(1)} s)`,
        ),
      );
    };
    await measure(`import of a ${suite.options.cues.toLocaleString('en')}-cue .srt (${Math.round(size / 1e6)} MB)`, () =>
      uploadFile(api, srt, size),
    );
    for (const file of bigs) await uploadFile(api, file, (await stat(file)).size);
    await measure(`the first search over ${BIG_TRANSCRIPTS} transcripts of 1 MB`, () =>
      api.get(projectPath(PROJECT, '/search?q=kommunen%20planen'), SLOW_MS),
    );
    const code = (await leafCodes(api))[0] ?? '';
    await measure('an auto-coding write (word "kommunen", by sentence)', () =>
      api.send('POST', projectPath(PROJECT, '/autocode'), { code, pattern: 'kommunen', kind: 'word', unit: 'sentence' }, SLOW_MS),
    );
    await measure('a full report (docx)', () => api.get(projectPath(PROJECT, '/report?format=docx'), SLOW_MS));
    return checks;
  });
}
