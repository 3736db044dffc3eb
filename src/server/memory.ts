import { setFlagsFromString } from 'node:v8';

/**
 * The server's memory settings (issue 17, row 7: `koda serve` under 200 MiB resident after the
 * peers bench). Two kinds: what V8 takes while running (heap growth, below), and what it reads
 * only when the process starts (the Node flags, which `npm start` and the bench give the server).
 */

/**
 * The Node flags `koda serve` is started with: a young generation of 4 MiB a half instead of 16
 * and one V8 helper thread instead of four (each kept its own malloc arena of several MiB).
 * Peers bench, with the heap growing 60%: 181–189 MiB at its peak, 221–237 MiB with Node's
 * defaults (with 40%, below: 172–177 MiB). V8 sizes the young
 * generation once, when the process starts, so they cannot be set from inside like the heap
 * growth; they are the server's alone, so the CLI's other commands, the tests and the bench's own
 * process keep Node's defaults (10–25% faster on the same work). package.json's start script
 * carries them (test/cli/serveNodeFlags checks it).
 */
export const SERVE_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=4', '--v8-pool-size=1'];

/**
 * How far, in percent, the server's JavaScript heap may grow past what a full collection left
 * live before the next full collection. V8's own factor (up to 300%) suits programs that run
 * and end; a server sending large answers one after another then holds mostly garbage: in the
 * peers bench (issue 17) `koda serve` peaked at 348–357 MiB with 37 MiB live. Large answers
 * (JSON, csv, docx parts) outlive a scavenge and are only freed by a full collection, so the
 * limit after one is what bounds them. With the Node flags above, in the peers bench: 60%
 * peaked at 182–204 MiB in five runs (one over 200), 40% at 172–177 MiB in four, for 5–20% more
 * CPU on the largest answers (the coded transcript as html 64–68 against 75–82 ms, the quote
 * list docx 136–150 against 151–162 ms).
 */
export const HEAP_GROWTH_PERCENT = 40;

/**
 * Sets the growth for this process. V8 reads the flag each time it sets the next limit, so setting
 * it after start takes effect from the next full collection, however the server was started.
 */
export function boundHeapGrowth(): void {
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWTH_PERCENT}`);
}
