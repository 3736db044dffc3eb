import { request } from './http.js';

export interface Latency {
  /** Longest wait for an answer to /api/health, in ms (a request still unanswered counts until stopped). */
  maxMs: number;
  /** Requests sent. */
  sent: number;
  /** Requests that failed (no connection, or an error status). */
  failures: number;
}

/**
 * Asks /api/health every `intervalMs` without waiting for earlier answers, so a stalled event
 * loop shows as the longest time any one request waited.
 */
export function watchHealth(port: number, intervalMs = 50): { stop(): Promise<Latency> } {
  // Each request still waiting for its answer, with when it was sent.
  const pending = new Map<Promise<void>, number>();
  const result: Latency = { maxMs: 0, sent: 0, failures: 0 };
  const timer = setInterval(() => {
    const started = performance.now();
    result.sent++;
    const p: Promise<void> = request({ port, path: '/api/health', timeoutMs: 120_000 }).then((answer) => {
      pending.delete(p);
      if (answer.status !== 200) result.failures++;
      result.maxMs = Math.max(result.maxMs, answer.ms);
    });
    pending.set(p, started);
  }, intervalMs);
  return {
    async stop() {
      clearInterval(timer);
      const now = performance.now();
      for (const started of pending.values()) result.maxMs = Math.max(result.maxMs, now - started);
      return { ...result, maxMs: Math.round(result.maxMs) };
    },
  };
}
