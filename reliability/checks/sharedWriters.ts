import { stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { transcript } from '../generate.js';
import { described, ok, projectPath } from '../http.js';
import { runKoda } from '../processes.js';
import { type Check, verdict } from '../report.js';
import { PROJECT } from '../seed.js';
import { withServer } from '../server.js';
import { leafCodes, listSources, uploadFile } from '../study.js';
import type { Suite } from '../suite.js';

const LOAD_TRANSCRIPTS = 6;

/**
 * Attack 7: the server and the CLI share one store. While the server writes a large
 * auto-coding, two CLI imports of 10 files each must succeed (waiting if they must), never
 * fail with "database is locked" or an internal error.
 */
export async function sharedWriters(suite: Suite): Promise<Check[]> {
  const dataDir = await suite.ws.copyOf(suite.seed.dataDir, 'writers');
  const files = await suite.ws.folder('writers-files');
  const batches: string[][] = [[], []];
  for (let i = 0; i < 20; i++) {
    const file = join(files, `writer-${i + 1}.txt`);
    await writeFile(file, transcript(20_000, 500 + i));
    batches[i % 2]?.push(file);
  }
  const load: string[] = [];
  for (let i = 0; i < LOAD_TRANSCRIPTS; i++) {
    const file = join(files, `load-${i + 1}.txt`);
    await writeFile(file, transcript(1_000_000, 900 + i));
    load.push(file);
  }
  return withServer(dataDir, async ({ api }) => {
    for (const file of load) await uploadFile(api, file, (await stat(file)).size);
    const before = (await listSources(api)).length;
    const code = (await leafCodes(api))[0] ?? '';
    const [autocode, ...imports] = await Promise.all([
      api.send('POST', projectPath(PROJECT, '/autocode'), { code, pattern: 'the', kind: 'word' }, 300_000),
      ...batches.map((batch) => runKoda(dataDir, ['source', 'import', '--project', PROJECT, ...batch], 300_000)),
    ]);
    const added = (await listSources(api)).length - before;
    const failures = imports.filter((r) => r.code !== 0);
    const locked = imports.some((r) => /locked|busy|internal/i.test(r.stderr));
    const created = (autocode?.json as { created?: number } | undefined)?.created;
    return [
      verdict(
        !!autocode && ok(autocode) && failures.length === 0 && !locked && added === 20,
        `two CLI imports of 10 files during an auto-coding write (${autocode ? described(autocode) : '-'}, ` +
          `${((autocode?.ms ?? 0) / 1000).toFixed(1)} s${created === undefined ? '' : `, ${created} segments`}): ` +
          `exit ${imports.map((r) => r.code).join(' and ')}, ${added} of 20 sources added` +
          (failures.length ? `; ${failures[0]?.stderr.trim().split('\n')[0]?.slice(0, 120)}` : ''),
      ),
    ];
  });
}
