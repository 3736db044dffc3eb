import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';

/** The niceness of Koda's worker threads: below the event loop's thread, which answers requests. */
export const WORKER_NICENESS = 10;

/**
 * Lowers the calling thread's scheduling priority. Otherwise a report or a checkpoint on a worker
 * thread and the event loop's thread share two cores as the kernel sees fit; niced, the worker
 * gets what the event loop, which answers people's requests, leaves. Linux keeps a niceness per thread
 * (setpriority on the thread's id, which /proc/thread-self names); elsewhere, or where the system
 * refuses, the thread keeps its priority.
 */
export function yieldToEventLoopThread(): void {
  try {
    const threadId = Number(readlinkSync('/proc/thread-self').split('/').at(-1));
    if (Number.isInteger(threadId) && threadId > 0) setPriority(threadId, WORKER_NICENESS);
  } catch {
    // Not Linux, or not permitted: nothing to do.
  }
}
