import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SERVE_NODE_FLAGS } from '../../src/server/memory.js';
import { packageRoot } from '../../src/store/paths.js';

// Makes short-lived objects beside 200,000 kept ones, as a request does, so that scavenges run and
// V8 grows the young generation as far as it may; prints the largest it became (MiB).
const YOUNG_GENERATION = `
const { getHeapSpaceStatistics } = require('node:v8');
let kept = [];
let largest = 0;
for (let i = 0; i < 3e6; i++) {
  kept.push({ i, text: 'segment ' + i });
  if (kept.length > 200000) kept = [];
  if (i % 100000 === 0) largest = Math.max(largest, getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size);
}
process.stdout.write(String(largest / 2 ** 20));
`;

function largestYoungGeneration(flags: readonly string[]): number {
  const run = spawnSync(process.execPath, [...flags, '-e', YOUNG_GENERATION], { encoding: 'utf8', env: {} });
  expect(run.stderr).toBe('');
  return Number(run.stdout);
}

describe('the Node flags koda serve is started with', () => {
  it('are the ones npm start gives it', () => {
    const scripts = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')).scripts;
    expect(scripts.start).toMatch(new RegExp(`&& node ${SERVE_NODE_FLAGS.join(' ')} bin/koda\\.js serve$`));
  });

  it('keep the young generation at 4 MiB a half, where Node by default lets it grow to 16', () => {
    const lean = largestYoungGeneration(SERVE_NODE_FLAGS);
    const byDefault = largestYoungGeneration([]);
    expect(lean).toBeGreaterThan(0);
    expect(lean).toBeLessThanOrEqual(8);
    expect(byDefault).toBeGreaterThan(8);
  }, 60_000);
});
