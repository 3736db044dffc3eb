#!/usr/bin/env node
// Builds what changed since the last build: the server (tsc → dist/) and the workbench UI
// (Vite → web/dist/). Each part is skipped when a hash of its inputs' contents matches the one
// recorded by its last successful build, so `npm start` with nothing changed starts at once.
//   node scripts/build.js [--no-check] [--force]
//     --no-check  transpile the server without type checking (the tests' build; `npm run typecheck` checks)
//     --force     build both parts whatever their stamps say
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * @typedef {object} Target
 * @property {string} name
 * @property {string[]} inputs files and folders (relative to the root) whose contents decide the output
 * @property {string} output a file the build writes; without it the part is rebuilt
 * @property {string} stamp where the inputs' hash of the last successful build is kept
 * @property {(options: { check: boolean }) => [string, string[]]} command
 */

const packageRoot = fileURLToPath(new URL('..', import.meta.url));

/** The folders tsc compiles, as tsconfig.build.json names them (one list to keep). */
const serverFolders = () => JSON.parse(readFileSync(join(packageRoot, 'tsconfig.build.json'), 'utf8')).include;

/** @type {Target[]} */
export const TARGETS = [
  {
    name: 'server',
    // bench/ times the UI's pure layout code, which tsc then compiles too; the rest of web/ is Vite's.
    inputs: [...serverFolders(), 'web/src/layout', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'],
    output: 'dist/src/cli/main.js',
    stamp: 'dist/.build-inputs',
    command: ({ check }) => ['npx', ['tsc', '-p', 'tsconfig.build.json', ...(check ? [] : ['--noCheck'])]],
  },
  {
    name: 'web',
    // The UI imports pure modules of src/core, which imports nothing outside src/core.
    inputs: [
      'web/index.html',
      'web/src',
      'web/vite.config.ts',
      'web/precompress.ts',
      'web/preloadWorkbench.ts',
      'web/tsconfig.json',
      'src/core',
      'package-lock.json',
    ],
    output: 'web/dist/index.html',
    // A dotfile, which the server's static files never serve.
    stamp: 'web/dist/.build-inputs',
    command: () => ['npx', ['vite', 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn']],
  },
];

/**
 * Every file under `path` (itself if a file; nothing if missing), as paths relative to `root`.
 * @param {string} root
 * @param {string} path
 * @returns {string[]}
 */
function filesUnder(root, path) {
  const full = join(root, path);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return [path];
  return readdirSync(full).flatMap((name) => filesUnder(root, join(path, name)));
}

/**
 * A hash of the names and contents of every input file: a checkout that only touches file times keeps it.
 * @param {string} root
 * @param {string[]} inputs
 */
export function inputsDigest(root, inputs) {
  const hash = createHash('sha256');
  const files = inputs.flatMap((input) => filesUnder(root, input)).map((f) => f.split(sep).join('/'));
  for (const file of files.sort()) {
    hash.update(`${file}\0`);
    hash.update(readFileSync(join(root, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/**
 * Whether `target` must be built again: its output is missing or its inputs changed since the stamp.
 * @param {string} root
 * @param {Pick<Target, 'output' | 'stamp'>} target
 * @param {string} digest
 */
export function isStale(root, target, digest) {
  if (!existsSync(join(root, target.output))) return true;
  const stampFile = join(root, target.stamp);
  return !existsSync(stampFile) || readFileSync(stampFile, 'utf8').trim() !== digest;
}

/**
 * @param {string} root
 * @param {Pick<Target, 'stamp'>} target
 * @param {string} digest
 */
export function writeStamp(root, target, digest) {
  writeFileSync(join(root, target.stamp), `${digest}\n`);
}

/**
 * Builds the stale targets; the digest is taken before building, so edits made meanwhile count next time.
 * @param {{ check: boolean, force: boolean }} options
 */
function build({ check, force }) {
  for (const target of TARGETS) {
    const digest = inputsDigest(packageRoot, target.inputs);
    if (!force && !isStale(packageRoot, target, digest)) {
      console.log(`${target.name}: up to date`);
      continue;
    }
    const [command, args] = target.command({ check });
    try {
      // Built as it ships (React's production build), also when Vitest has set NODE_ENV=test.
      execFileSync(command, args, { cwd: packageRoot, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
    } catch {
      // The compiler has printed why; no stamp, so the next build tries again.
      console.error(`${target.name}: build failed`);
      process.exit(1);
    }
    writeStamp(packageRoot, target, digest);
    console.log(`${target.name}: built`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  build({ check: !args.includes('--no-check'), force: args.includes('--force') });
}
