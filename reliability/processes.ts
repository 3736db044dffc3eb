import { AsyncLocalStorage } from 'node:async_hooks';
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The `koda` command of this checkout (dist/ must be built: `npm run reliability` does it). */
export const KODA_BIN = join(fileURLToPath(new URL('.', import.meta.url)), '..', '..', 'bin', 'koda.js');

const running = new Set<ChildProcess>();

interface Scope {
  cancelled: boolean;
  children: Set<ChildProcess>;
}
/** The children each piece of work started, so that work running beside it is left alone. */
const scope = new AsyncLocalStorage<Scope>();

/**
 * Runs `work` in its own scope. `cancel` kills the children it started and refuses any it
 * still tries to start, so work given up on (its time ran out) ends on its own.
 */
export function cancellable<T>(work: () => Promise<T>): { result: Promise<T>; cancel(): void } {
  const state: Scope = { cancelled: false, children: new Set() };
  return {
    result: scope.run(state, work),
    cancel: () => {
      state.cancelled = true;
      for (const child of state.children) child.kill('SIGKILL');
    },
  };
}

/**
 * Starts `node NODE_FLAGS bin/koda.js ARGS`, tracked so that it is ended even when a check fails.
 */
export function spawnKoda(
  args: string[],
  env: NodeJS.ProcessEnv = {},
  input?: string,
  nodeFlags: readonly string[] = [],
): ChildProcess {
  const current = scope.getStore();
  if (current?.cancelled) throw new Error('given up: the time budget was spent');
  const child = spawn(process.execPath, [...nodeFlags, KODA_BIN, ...args], {
    env: { ...process.env, KODA_LANG: 'en', ...env },
    stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
  });
  child.stdin?.end(input);
  running.add(child);
  current?.children.add(child);
  child.once('exit', () => {
    running.delete(child);
    current?.children.delete(child);
  });
  return child;
}

export interface Finished {
  /** Exit code, or null when killed by a signal (or by the timeout). */
  code: number | null;
  stdout: string;
  stderr: string;
  timedOut: boolean;
}

/** Collects a child's output until it exits. */
export function finished(child: ChildProcess, timeoutMs: number): Promise<Finished> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => {
    stdout += d.toString('utf8');
  });
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString('utf8');
  });
  return new Promise((resolve) => {
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    const done = (code: number | null) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, timedOut });
    };
    if (child.exitCode !== null || child.signalCode !== null) done(child.exitCode);
    else child.once('close', done);
  });
}

/** Runs one `koda` command on a data folder to its end (setup steps and the CLI attacks). */
export function runKoda(dataDir: string, args: string[], timeoutMs = 120_000, env: NodeJS.ProcessEnv = {}, input?: string) {
  return finished(spawnKoda(['--data', dataDir, ...args], env, input), timeoutMs);
}

/** Kills every child still running: called on the way out, whatever happened. */
export function killAll() {
  for (const child of running) child.kill('SIGKILL');
}
