import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';

/** One benchmark's findings: named metrics (with unit and optional target) and free notes. */
export interface Metric {
  name: string;
  value: number;
  unit: string;
  /** `value` must be ≥ (`min`) or ≤ (`max`) this to meet the target. */
  target?: { min?: number; max?: number };
  /** The machine's 1-minute load average when the row was measured (a shared machine skews rows). */
  load?: number;
}

export interface BenchResult {
  name: string;
  metrics: Metric[];
  notes: string[];
  /** Anything else worth keeping in results.json (query plans, counts). */
  extra?: Record<string, unknown>;
}

/** A wrong option or a missing setting: said in one line, without a stack. */
export class BenchUsageError extends Error {}

export const round1 = (x: number) => Math.round(x * 10) / 10;

/** The 1-minute load average now, for the row just measured. */
export const loadNow = (): number => round1(loadavg()[0] ?? 0);

/** Nearest-rank percentile of `values` (p in 0–100). */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))] as number;
}

export interface Summary {
  runs: number;
  p50: number;
  p95: number;
  max: number;
  mean: number;
}

export function summarise(ms: number[]): Summary {
  return {
    runs: ms.length,
    p50: percentile(ms, 50),
    p95: percentile(ms, 95),
    max: Math.max(...ms),
    mean: ms.reduce((a, b) => a + b, 0) / ms.length,
  };
}

/** Times `fn` `runs` times after `warmups` untimed calls; milliseconds per call. */
export async function timeRuns<T>(fn: () => Promise<T>, runs: number, warmups: number): Promise<{ ms: number[]; last: T }> {
  let last!: T;
  for (let i = 0; i < warmups; i++) last = await fn();
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    last = await fn();
    ms.push(performance.now() - t0);
  }
  return { ms, last };
}

/** Full collection between phases, when node runs with --expose-gc. */
export function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

export function log(line: string): void {
  process.stderr.write(`  · ${line}\n`);
}
