import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inputsDigest, isStale, TARGETS, writeStamp } from '../../scripts/build.js';

const target = {
  name: 'web',
  inputs: ['web/src', 'web/index.html'],
  output: 'web/dist/index.html',
  stamp: 'web/dist/.build-inputs',
};

let root: string;
const write = (path: string, text: string) => {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), text);
};
const digest = () => inputsDigest(root, target.inputs);
/** A finished build: its output written and its stamp recording the inputs it was built from. */
const built = () => {
  write(target.output, '<!doctype html>');
  writeStamp(root, target, digest());
};
const stale = () => isStale(root, target, digest());

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'koda-build-'));
  write('web/index.html', '<div id="root"></div>');
  write('web/src/main.tsx', 'render()');
  write('web/src/layout/runs.ts', 'export const runs = 1;');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('the build skips a part whose inputs are unchanged', () => {
  it('builds the first time: no output, no stamp', () => {
    expect(stale()).toBe(true);
  });

  it('is fresh right after a build, and when only file times change (a checkout)', () => {
    built();
    expect(stale()).toBe(false);
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(root, 'web/src/main.tsx'), later, later);
    expect(stale()).toBe(false);
  });

  it('is stale when a file deep in an input folder changes, is added or is removed', () => {
    built();
    write('web/src/layout/runs.ts', 'export const runs = 2;');
    expect(stale()).toBe(true);
    built();
    write('web/src/layout/blocks.ts', 'export const blocks = 1;');
    expect(stale()).toBe(true);
    built();
    rmSync(join(root, 'web/src/layout/blocks.ts'));
    expect(stale()).toBe(true);
  });

  it('is stale when a file moves, even with the same contents', () => {
    built();
    rmSync(join(root, 'web/src/main.tsx'));
    write('web/src/app.tsx', 'render()');
    expect(stale()).toBe(true);
  });

  it('is stale when the output was deleted, whatever the stamp says', () => {
    built();
    rmSync(join(root, 'web/dist'), { recursive: true });
    write(target.stamp, `${digest()}\n`);
    expect(stale()).toBe(true);
  });

  it('ignores files outside its inputs', () => {
    built();
    write('web/dist/assets/index.js', 'bundle');
    write('README.md', 'notes');
    expect(stale()).toBe(false);
  });
});

describe('the parts of the build', () => {
  it('hash what the server build compiles and what the UI imports from src/core', () => {
    const [server, web] = TARGETS;
    expect(server?.inputs).toEqual(
      expect.arrayContaining(['src', 'bench', 'web/src/layout', 'tsconfig.build.json', 'package-lock.json']),
    );
    expect(web?.inputs).toEqual(expect.arrayContaining(['web/src', 'web/index.html', 'web/vite.config.ts', 'src/core']));
  });
});
