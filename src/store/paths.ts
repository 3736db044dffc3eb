import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** The folder holding Koda's package.json, from this file in src/ or in dist/src/. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++, dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
  }
  throw new Error('package root not found');
}

/**
 * A worker thread's module beside the module at `besideUrl`. Under Vitest Koda runs from src/ as
 * TypeScript, which a worker cannot load, so it runs the same module built in dist/
 * (test/globalSetup.ts builds it first).
 */
export function workerScript(besideUrl: string, script: string): URL {
  const beside = new URL(`./${script}`, besideUrl);
  if (existsSync(fileURLToPath(beside))) return beside;
  const root = packageRoot();
  const folder = dirname(fileURLToPath(beside)).slice(root.length + 1);
  return pathToFileURL(join(root, 'dist', folder, script));
}
