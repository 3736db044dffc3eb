import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

/** The built files worth compressing: the app's scripts, styles, page and icons. */
const TEXT_ASSETS = /\.(?:js|css|html|svg|json)$/;

/**
 * Writes `name.br` and `name.gz` beside each built text file, which `koda serve` sends as they
 * are (@fastify/static's preCompressed) instead of compressing the 660 kB app on every visit: at
 * the server's quick brotli level that took about 300 ms of the document view's first paint
 * (issue 17). Here there is time for the smallest files. Node's zlib, so no dependency.
 */
export function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'koda-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir.startsWith('/') ? config.build.outDir : join(config.root, config.build.outDir);
    },
    async closeBundle() {
      for (const file of await readdir(outDir, { recursive: true })) {
        if (!TEXT_ASSETS.test(file)) continue;
        const path = join(outDir, file);
        const bytes = await readFile(path);
        await writeFile(`${path}.br`, brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }));
        await writeFile(`${path}.gz`, gzipSync(bytes, { level: 9 }));
      }
    },
  };
}
