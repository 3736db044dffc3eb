import { setFlagsFromString } from 'node:v8';

/**
 * How far, in percent, the server's JavaScript heap may grow past what a full collection left
 * live before the next full collection. V8's own factor (up to 300%) suits programs that run
 * and end; a server sending large answers one after another then holds mostly garbage: in the
 * peers bench (issue 17) `koda serve` peaked at 342 MiB with 37 MiB live, and at 215 MiB with
 * this. Large answers (JSON, csv, docx parts) go straight to the old generation, so the limit
 * after a full collection is what bounds them.
 */
export const HEAP_GROWTH_PERCENT = 20;

/**
 * Sets the growth for this process. V8 reads the flag each time it sets the next limit, so setting
 * it after start takes effect from the next full collection; Node's own command line cannot carry
 * it for `koda serve` started through the `koda` script.
 */
export function boundHeapGrowth(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWTH_PERCENT}`);
}
