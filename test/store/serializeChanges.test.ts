import { afterEach, describe, expect, it, vi } from 'vitest';
import { type Change, parseChanges, serializeChanges } from '../../src/store/changes.js';

afterEach(() => vi.restoreAllMocks());

const withBytes = (bytes: Uint8Array): Change[] => [
  { op: 'delete', table: 'sources', row: { id: 's', original_bytes: bytes, text: 'Albin: ja' } },
];

describe('serializeChanges with binary columns', () => {
  it('writes bytes as base64 and reads them back', () => {
    const bytes = Buffer.from([0, 1, 2, 250, 255]);
    const json = serializeChanges(withBytes(bytes));
    expect(JSON.parse(json)[0].row.original_bytes).toEqual({ $bytes: bytes.toString('base64') });
    const [change] = parseChanges(json);
    expect(change?.op === 'delete' && Buffer.compare(change.row.original_bytes as Buffer, bytes)).toBe(0);
  });

  it('writes a view into a larger buffer as the view only', () => {
    const whole = Uint8Array.from([9, 9, 1, 2, 3, 9]);
    const json = serializeChanges(withBytes(whole.subarray(2, 5)));
    expect(JSON.parse(json)[0].row.original_bytes).toEqual({ $bytes: Buffer.from([1, 2, 3]).toString('base64') });
  });

  // Buffer#toJSON spreads the bytes into an array of numbers, one per byte: a 100 MB import
  // spent most of a minute in it (issue 10), so the bytes must never go through it.
  it('never spreads a Buffer into an array of numbers', () => {
    const toJSON = vi.spyOn(Buffer.prototype, 'toJSON');
    serializeChanges(withBytes(Buffer.alloc(1024, 7)));
    expect(toJSON).not.toHaveBeenCalled();
  });
});
