import { setFlagsFromString } from 'node:v8';

/**
 * How far, in percent, the server's JavaScript heap may grow past what a full collection left
 * live before the next full collection. V8's own factor (up to 300%) suits programs that run
 * and end; a server sending large answers one after another then holds mostly garbage: in the
 * peers bench (issue 17) `koda serve` peaked at 348–357 MiB with 37 MiB live. Large answers
 * (JSON, csv, docx parts) outlive a scavenge and are only freed by a full collection, so the
 * limit after one is what bounds them. Measured side by side: 60% peaks at 225 MiB for about 10%
 * more CPU per request; 20% at 213 MiB for 25–35% more.
 */
export const HEAP_GROWTH_PERCENT = 60;

/**
 * Sets the growth for this process. V8 reads the flag each time it sets the next limit, so setting
 * it after start takes effect from the next full collection; Node's own command line cannot carry
 * it for `koda serve` started through the `koda` script.
 */
export function boundHeapGrowth(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWTH_PERCENT}`);
}
