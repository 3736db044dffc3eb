/** The bytes `[start, end]` of a file, both inclusive, as HTTP ranges count them. */
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * An HTTP `Range` header (RFC 9110, 14.1.2) over a file of `size` bytes: the one range asked for,
 * `'whole'` when there is no header or one this server may ignore (another unit, several ranges,
 * a malformed one), `'unsatisfiable'` when the range lies outside the file (answered 416).
 */
export function parseByteRange(header: string | undefined, size: number): ByteRange | 'whole' | 'unsatisfiable' {
  const match = header === undefined ? null : /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return 'whole';
  const [first, last] = [match[1] as string, match[2] as string];
  if (first === '') {
    // A suffix: the last N bytes.
    const length = Number(last);
    if (length === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - length), end: size - 1 };
  }
  const start = Number(first);
  // last < first makes the header invalid, and an invalid Range is ignored.
  if (last !== '' && Number(last) < start) return 'whole';
  if (start >= size) return 'unsatisfiable';
  return { start, end: last === '' ? size - 1 : Math.min(Number(last), size - 1) };
}
