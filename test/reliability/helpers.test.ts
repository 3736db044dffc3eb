import { inflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { lyingDocx } from '../../reliability/lyingDocx.js';
import { held, notHeld, notRun, Report } from '../../reliability/report.js';

// The reliability suite's verdicts are only as good as its attack files and its tally.
describe('lyingDocx', () => {
  it('claims 4 KiB in both headers while its document inflates to the full size', async () => {
    const zip = lyingDocx(3);
    const entries = new Map<string, { claimed: number; data: Buffer }>();
    for (let p = 0; zip.readUInt32LE(p) === 0x04034b50; ) {
      const stored = zip.readUInt32LE(p + 18);
      const nameEnd = p + 30 + zip.readUInt16LE(p + 26);
      entries.set(zip.subarray(p + 30, nameEnd).toString(), {
        claimed: zip.readUInt32LE(p + 22),
        data: zip.subarray(nameEnd, nameEnd + stored),
      });
      p = nameEnd + stored;
    }
    const claimedCentrally = new Map<string, number>();
    for (let p = zip.readUInt32LE(zip.length - 6); zip.readUInt32LE(p) === 0x02014b50; p += 46 + zip.readUInt16LE(p + 28)) {
      claimedCentrally.set(zip.subarray(p + 46, p + 46 + zip.readUInt16LE(p + 28)).toString(), zip.readUInt32LE(p + 24));
    }
    const document = entries.get('word/document.xml');
    expect(document?.claimed).toBe(4096);
    expect(claimedCentrally.get('word/document.xml')).toBe(4096);
    expect(inflateRawSync(document?.data ?? Buffer.alloc(0)).length).toBe(3 * 1024 * 1024);
    expect([...entries.keys()]).toEqual(['[Content_Types].xml', '_rels/.rels', 'word/document.xml']);
  });
});

describe('Report', () => {
  it('passes only when every check held, and counts what did not run', () => {
    const lines: string[] = [];
    const report = new Report((l) => lines.push(l));
    report.add(held('a'), notHeld('b'), notRun('c'));
    expect(lines).toEqual(['held      a', 'NOT HELD  b', 'NOT RUN   c']);
    expect(report.summary()).toEqual({ line: '1 held, 1 not held, 1 not run', ok: false });
    const clean = new Report(() => {});
    clean.add(held('a'));
    expect(clean.summary()).toEqual({ line: '1 held, 0 not held', ok: true });
  });
});
