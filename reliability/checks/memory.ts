import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { writeText } from '../generate.js';
import { described, errorOf, projectPath, request } from '../http.js';
import { lyingDocx } from '../lyingDocx.js';
import { mib, peakRss } from '../memory.js';
import { type Check, notHeld, verdict } from '../report.js';
import { PROJECT } from '../seed.js';
import { withServer } from '../server.js';
import { uploadFile } from '../study.js';
import type { Suite } from '../suite.js';

const RSS_LIMIT = 1024 * 1024 * 1024;
const BOMB_MIB = 1024;
const BOMB_BYTES = BOMB_MIB * 1024 * 1024;

/**
 * Attack 5: a .txt just under the upload limit and a .docx whose entry inflates to 1 GiB while
 * its headers claim 4 KiB. The server must stay up, its peak RSS (VmHWM) under 1 GiB, and the
 * lying docx must be refused.
 */
export async function memory(suite: Suite): Promise<Check[]> {
  const checks: Check[] = [];
  const files = await suite.ws.folder('memory-files');

  const txtData = await suite.ws.copyOf(suite.seed.dataDir, 'memory-txt');
  checks.push(
    await withServer(txtData, async (server) => {
      const limit = await uploadLimit(server.port);
      if (limit.bytes === undefined) return notHeld(`upload just under the limit: limit not found (${limit.source})`);
      const size = limit.bytes - 64 * 1024;
      const file = join(files, 'just-under-the-limit.txt');
      await writeText(file, size, 5);
      const answer = await uploadFile(server.api, file, (await stat(file)).size);
      const peak = peakRss(server.pid);
      const up = (await server.api.get('/api/health')).status === 200;
      return verdict(
        up && peak > 0 && peak < RSS_LIMIT,
        `.txt of ${mib(size)} (limit ${mib(limit.bytes)}, from ${limit.source}): ${described(answer)} after ` +
          `${(answer.ms / 1000).toFixed(1)} s, server ${up ? 'up' : 'DOWN'}, peak RSS ${mib(peak)}`,
      );
    }),
  );

  const bomb = lyingDocx(BOMB_MIB);
  const docxData = await suite.ws.copyOf(suite.seed.dataDir, 'memory-docx');
  checks.push(
    await withServer(docxData, async (server) => {
      const answer = await server.api.upload(projectPath(PROJECT, '/sources?fileName=lying.docx'), bomb, bomb.length, 180_000);
      const peak = peakRss(server.pid);
      const up = (await server.api.get('/api/health')).status === 200;
      const refused = answer.status >= 400 && answer.status < 500 && errorOf(answer) !== undefined;
      return verdict(
        refused && up && peak > 0 && peak < RSS_LIMIT,
        `.docx claiming 4 KiB, inflating to ${mib(BOMB_BYTES)} (${Math.round(bomb.length / 1024)} KiB on disk): ` +
          `${described(answer)}, server ${up ? 'up' : 'DOWN'}, peak RSS ${mib(peak)}`,
      );
    }),
  );
  return checks;
}

// Binary units, as Koda's own limit is counted (a "MB" in its message is 1024 × 1024 bytes); should
// the server count decimal megabytes instead, the upload lands over the limit and the line says so.
const UNITS: Record<string, number> = {
  b: 1,
  bytes: 1,
  kb: 1024,
  kib: 1024,
  mb: 1024 ** 2,
  mib: 1024 ** 2,
  gb: 1024 ** 3,
  gib: 1024 ** 3,
};

/**
 * The server's upload limit: from its answer to an upload announcing 1 TiB, else from the
 * constant in the built code.
 */
async function uploadLimit(port: number): Promise<{ bytes?: number; source: string }> {
  const body = new PassThrough();
  const answer = await request({
    port,
    method: 'POST',
    path: projectPath(PROJECT, '/sources?fileName=huge.txt'),
    headers: { 'content-type': 'application/octet-stream', 'content-length': 2 ** 40, 'x-koda-csrf': '1', 'x-koda-lang': 'en' },
    body,
    timeoutMs: 10_000,
  });
  body.destroy();
  const said = /(\d[\d,.]*)\s*(bytes|[kmg]i?b)\b/i.exec(errorOf(answer)?.message ?? '');
  if (said?.[1] && said[2]) {
    return {
      bytes: Number(said[1].replaceAll(',', '')) * (UNITS[said[2].toLowerCase()] ?? 1),
      source: `the server's ${described(answer)}`,
    };
  }
  const built = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..', 'src');
  for (const file of ['commands/helpers/uploadLimit.js', 'server/app.js']) {
    const code = await readFile(join(built, file), 'utf8').catch(() => '');
    const mb = /UPLOAD_LIMIT_MB\s*=\s*(\d+);/.exec(code);
    if (mb?.[1]) return { bytes: Number(mb[1]) * 1024 ** 2, source: 'the UPLOAD_LIMIT_MB constant' };
    const product = /UPLOAD_LIMIT\s*=\s*([\d_\s*]+);/.exec(code);
    if (product?.[1]) {
      const bytes = product[1].split('*').reduce((a, n) => a * Number(n.replaceAll('_', '').trim()), 1);
      return { bytes, source: 'the UPLOAD_LIMIT constant' };
    }
  }
  return { source: `neither the answer ${described(answer)} nor the built code names it` };
}
