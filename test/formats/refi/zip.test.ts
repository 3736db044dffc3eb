import { describe, expect, it } from 'vitest';
import { KodaError } from '../../../src/core/errors.js';
import { readZipAll, ZIP_LIMITS } from '../../../src/formats/zip.js';
import { patch, zip } from './support.js';

async function refusal(bytes: Uint8Array, limits = ZIP_LIMITS): Promise<string> {
  try {
    await readZipAll(bytes, 'x.qdpx', 'REFI-QDA (.qdpx)', limits);
  } catch (e) {
    if (e instanceof KodaError) return `${e.code} ${JSON.stringify(e.params)}`;
    throw e;
  }
  return 'read';
}

describe('reading every entry of a zip, with limits', () => {
  it('reads files and skips folders', async () => {
    const files = await readZipAll(zip({ 'project.qde': '<Project/>', 'sources/': '', 'sources/a.txt': 'å' }), 'x.qdpx', 'qdpx');
    expect([...files.keys()].sort()).toEqual(['project.qde', 'sources/a.txt']);
    expect(new TextDecoder().decode(files.get('sources/a.txt'))).toBe('å');
  });

  it('refuses entries that climb out of the folder, absolute paths and backslashes', async () => {
    expect(await refusal(zip({ '../evil.txt': 'x' }))).toBe('zip.unsafe-path {"file":"x.qdpx","entry":"../evil.txt"}');
    expect(await refusal(zip({ 'sources/../../evil.txt': 'x' }))).toBe(
      'zip.unsafe-path {"file":"x.qdpx","entry":"sources/../../evil.txt"}',
    );
    expect(await refusal(zip({ '/etc/cron.d/x': 'x' }))).toBe('zip.unsafe-path {"file":"x.qdpx","entry":"/etc/cron.d/x"}');
    expect(await refusal(zip({ 'C:/Windows/x.txt': 'x' }))).toBe('zip.unsafe-path {"file":"x.qdpx","entry":"C:/Windows/x.txt"}');
    expect(await refusal(zip({ '..\\..\\evil.txt': 'x' }))).toBe(
      'zip.unsafe-path {"file":"x.qdpx","entry":"..\\\\..\\\\evil.txt"}',
    );
  });

  it('refuses symbolic links', async () => {
    const link = zip({ 'sources/a.txt': ['/etc/passwd', { os: 3, attrs: (0o120777 << 16) >>> 0 }] });
    expect(await refusal(link)).toBe('zip.symlink {"file":"x.qdpx","entry":"sources/a.txt"}');
  });

  it('refuses two entries of the same name, also differing only in case', async () => {
    const forged = patch(zip({ 'project.qde': '<a/>', 'project.qdX': '<b/>' }), 'project.qdX', 'project.qde');
    expect(await refusal(forged)).toBe('zip.duplicate-entry {"file":"x.qdpx","entry":"project.qde"}');
    expect(await refusal(zip({ 'sources/a.txt': 'a', 'sources/A.TXT': 'b' }))).toBe(
      'zip.duplicate-entry {"file":"x.qdpx","entry":"sources/A.TXT"}',
    );
  });

  it('refuses zip bombs: compressed too well, or too large in one entry or in all', async () => {
    const bomb = zip({ 'sources/zeros.txt': new Uint8Array(3 * 1024 * 1024) });
    expect(bomb.length).toBeLessThan(20_000);
    expect(await refusal(bomb)).toBe('import.too-large {"file":"x.qdpx","format":"REFI-QDA (.qdpx)"}');
    const big = zip({ 'a.txt': ['x'.repeat(3000), { level: 0 }], 'b.txt': ['y'.repeat(3000), { level: 0 }] });
    expect(await refusal(big, { ...ZIP_LIMITS, maxEntryBytes: 2000 })).toMatch(/^import\.too-large/);
    expect(await refusal(big, { ...ZIP_LIMITS, maxTotalBytes: 5000 })).toMatch(/^import\.too-large/);
    expect(await refusal(big, { ...ZIP_LIMITS, maxEntries: 1 })).toMatch(/^import\.too-large/);
  });

  it('refuses an entry that inflates past the size it declares', async () => {
    const honest = zip({ 'a.txt': 'a'.repeat(100) });
    // The declared size (100 = 0x64) lowered to 10 in both headers: the data no longer fits it.
    const lying = new Uint8Array(honest);
    const view = Buffer.from(lying.buffer);
    for (let at = view.indexOf(Buffer.from([0x64, 0, 0, 0])); at !== -1; at = view.indexOf(Buffer.from([0x64, 0, 0, 0]), at + 1))
      lying[at] = 10;
    expect(await refusal(lying)).toBe('zip.entry-larger-than-declared {"file":"x.qdpx","entry":"a.txt"}');
  });

  it('refuses what is not a zip', async () => {
    expect(await refusal(new TextEncoder().encode('<Project/>'))).toBe(
      'import.corrupt {"file":"x.qdpx","format":"REFI-QDA (.qdpx)"}',
    );
  });
});
