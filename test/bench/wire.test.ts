import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { countSegments, decodeBody, segmentPage } from '../../bench/wire.js';
import { parseProcStat, parseProcStatus, runTime } from '../../reliability/memory.js';

// The peers bench reports bytes on the wire and what they decode to, whatever the server sends.
describe('decodeBody', () => {
  const json = Buffer.from(
    JSON.stringify([
      { id: 'a', start: 0, end: 5 },
      { id: 'b', start: 9, end: 20 },
    ]),
  );

  it.each([
    ['gzip', gzipSync],
    ['br', brotliCompressSync],
    ['deflate', deflateSync],
  ])('undoes %s to the same bytes and reports the compressed size', (encoding, compress) => {
    const bytes = compress(json);
    const wire = decodeBody({ bytes, headers: { 'content-encoding': encoding } });
    expect(wire).toEqual({ encoding, wireBytes: bytes.length, body: json });
  });

  it('takes an answer without content-encoding as it is', () => {
    expect(decodeBody({ bytes: json, headers: {} })).toEqual({ encoding: 'identity', wireBytes: json.length, body: json });
  });

  it('refuses an encoding it cannot undo rather than measuring garbage', () => {
    expect(() => decodeBody({ bytes: json, headers: { 'content-encoding': 'zstd' } })).toThrow(/zstd/);
  });
});

describe('countSegments', () => {
  it('counts an array, a page and columns beside a lookup table', () => {
    expect(countSegments([{}, {}, {}])).toBe(3);
    expect(countSegments({ segments: [{}, {}], next: 'x' })).toBe(2);
    expect(countSegments({ codes: ['c1'], start: [1, 2, 3], end: [4, 5, 6], code: [0, 0, 0] })).toBe(3);
    expect(countSegments({ segments: { start: [1, 2], end: [3, 4] } })).toBe(2);
    expect(countSegments({ ids: [1, 2, 3, 4] })).toBe(4);
  });

  it('says nothing when the shape has nothing countable', () => {
    expect(countSegments('text')).toBeUndefined();
    expect(countSegments(null)).toBeUndefined();
    expect(countSegments({ total: 3 })).toBeUndefined();
    expect(countSegments({ a: [1], b: [1, 2] })).toBeUndefined();
  });
});

describe('segmentPage', () => {
  const answer = (json: unknown, status = 200) => ({
    status,
    headers: { 'content-encoding': 'gzip' },
    bytes: gzipSync(JSON.stringify(json)),
  });

  it('reads a compressed page: its segments and the cursor of the next, null on the last', () => {
    expect(segmentPage(answer({ segments: [{ id: 'a' }], codes: [], next: 'abc' }))).toEqual({
      segments: [{ id: 'a' }],
      next: 'abc',
    });
    expect(segmentPage(answer({ segments: [], next: null }))).toEqual({ segments: [], next: null });
  });

  it('is no page when the route ignored limit (a plain list), gave no cursor, or failed', () => {
    expect(segmentPage(answer([{ id: 'a' }]))).toBeUndefined();
    expect(segmentPage(answer({ segments: [{ id: 'a' }] }))).toBeUndefined();
    expect(segmentPage(answer({ segments: [], next: null }, 400))).toBeUndefined();
  });
});

describe('parseProcStatus', () => {
  it('reads the peak (VmHWM) and current (VmRSS) resident memory in bytes', () => {
    const status = 'Name:\tnode\nVmPeak:\t 1200000 kB\nVmHWM:\t  204800 kB\nVmRSS:\t  102400 kB\nThreads:\t11\n';
    expect(parseProcStatus(status)).toEqual({ peak: 200 * 1024 * 1024, now: 100 * 1024 * 1024 });
  });

  it('gives 0 for a line that is missing', () => {
    expect(parseProcStatus('Name:\tnode\n')).toEqual({ peak: 0, now: 0 });
  });
});

describe('parseProcStat', () => {
  it('adds user and system time (fields 14 and 15, in ticks of 10 ms), a command with spaces and parentheses and all', () => {
    const stat = '4242 (node (koda) x) S 1 4242 4242 0 -1 4194560 9000 0 0 0 1234 56 0 0 20 0 11 0 100 1000000 25000 0';
    expect(parseProcStat(stat)).toBe((1234 + 56) * 10);
  });
});

describe('runTime', () => {
  it('reads the time a process’s main thread spent on a CPU, and 0 for a process that is gone', () => {
    const before = runTime(process.pid);
    const cpu = process.cpuUsage();
    while (process.cpuUsage(cpu).user < 20_000) {
      // Busy until 20 ms of CPU are spent, however long the machine makes that take.
    }
    expect(before).toBeGreaterThan(0);
    expect(runTime(process.pid) - before).toBeGreaterThanOrEqual(10);
    expect(runTime(2 ** 22 + 1)).toBe(0);
  });
});
