import { performance } from 'node:perf_hooks';
import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * Long work is cut into slices with a turn of the event loop between them, so the server answers
 * other requests meanwhile (issue 10: no request stalls the server).
 */
export function yieldToEventLoop(): Promise<void> {
  return nextTurn();
}

/** How long a slice of work may hold the event loop: well under the 100 ms a request may wait. */
const SLICE_MS = 20;

/**
 * Tells a loop when its slice is used up: `if (slice.due()) await slice.pause()`. Measured in
 * time, not items, since an item's cost varies (a row of ten columns, a paragraph to stem).
 */
export class Slice {
  private started = performance.now();

  due(): boolean {
    return performance.now() - this.started >= SLICE_MS;
  }

  async pause(): Promise<void> {
    await nextTurn();
    this.started = performance.now();
  }
}

/** `fn` over `items`, yielding to the event loop between slices. */
export async function mapInSlices<T, U>(items: Iterable<T>, fn: (item: T, index: number) => U): Promise<U[]> {
  const out: U[] = [];
  const slice = new Slice();
  for (const item of items) {
    if (slice.due()) await slice.pause();
    out.push(fn(item, out.length));
  }
  return out;
}
