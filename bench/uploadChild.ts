import { readFile } from 'node:fs/promises';
import { performance } from 'node:perf_hooks';
import { createProject } from '../src/commands/createProject.js';
import { importSource } from '../src/commands/importSource.js';
import { openStore } from '../src/store/db.js';

/**
 * One import in a fresh process, as `koda source import` runs it: read the file, import it into
 * a new store. Prints its peak resident memory (the process's maxRSS, workers included) as JSON.
 * Usage: node dist/bench/uploadChild.js FILE DATA_DIR
 */
const [file, dataDir] = process.argv.slice(2) as [string, string];
const store = await openStore(dataDir);
const ctx = { store, actor: 'bench' };
await createProject(ctx, { name: 'Upload' });
const t0 = performance.now();
const bytes = await readFile(file);
const result = await importSource(ctx, { project: 'Upload', fileName: file, bytes });
const ms = performance.now() - t0;
await store.close();
const peakMb = process.resourceUsage().maxRSS / 1024;
console.log(JSON.stringify({ peakMb, ms, length: result.length, turns: result.turns }));
