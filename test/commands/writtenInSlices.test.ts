import { describe, expect, it } from 'vitest';
import { writtenInSlices } from '../../src/commands/helpers/fileContent.js';
import type { OfficeWriting } from '../../src/formats/officeZip.js';

/** A writing whose every step holds the thread for `ms`, then gives `bytes`. */
function* slowWriting(steps: number, ms: number, bytes: Uint8Array): OfficeWriting {
  for (let i = 0; i < steps; i++) {
    const until = performance.now() + ms;
    while (performance.now() < until) {}
    yield;
  }
  return bytes;
}

describe('an Office file written in slices', () => {
  it('gives the file the writing returns, and lets other work run between its slices', async () => {
    let turns = 0;
    const other = setInterval(() => turns++, 0);
    try {
      const file = await writtenInSlices(slowWriting(12, 8, new Uint8Array([1, 2, 3])));
      expect([...file]).toEqual([1, 2, 3]);
      // 96 ms of steps, a turn of the loop at least every 20 ms: the timer ran in between.
      expect(turns).toBeGreaterThan(1);
    } finally {
      clearInterval(other);
    }
  });
});
