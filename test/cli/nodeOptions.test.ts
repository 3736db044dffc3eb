import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../src/store/paths.js';

/** The `node-options` line of the project's .npmrc: what npm puts in NODE_OPTIONS for start, test and bench. */
function npmNodeOptions(): string {
  const npmrc = readFileSync(join(packageRoot(), '.npmrc'), 'utf8');
  const line = npmrc.split('\n').find((l) => l.startsWith('node-options='));
  if (!line) throw new Error('.npmrc has no node-options line');
  return line.slice('node-options='.length).trim();
}

describe('the memory settings npm gives koda serve', () => {
  it('are ones Node takes from NODE_OPTIONS (a refused one would stop npm start)', () => {
    const options = npmNodeOptions();
    expect(options).toMatch(/--max-semi-space-size=4\b/);
    expect(options).toMatch(/--v8-pool-size=1\b/);
    const run = spawnSync(process.execPath, ['-e', 'process.stdout.write("ok")'], {
      env: { ...process.env, NODE_OPTIONS: options },
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('ok');
  });

  it('tell a setting Node refuses there from one it takes', () => {
    const run = spawnSync(process.execPath, ['-e', '0'], {
      env: { ...process.env, NODE_OPTIONS: '--optimize-for-size' },
      encoding: 'utf8',
    });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toMatch(/not allowed in NODE_OPTIONS/);
  });
});
