import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRefiOffThread } from '../../src/commands/helpers/readRefiOffThread.js';
import { measureSource } from '../../src/commands/helpers/sourceMeasures.js';
import { KodaError } from '../../src/core/errors.js';
import { readRefiFile } from '../../src/formats/refi/qdpx.js';

/**
 * A REFI-QDA file is read in a worker thread (issue 13: a big project's XML held the server for
 * seconds): the plan that comes back is the one read on the main thread, with each source's
 * measures (hashes, length) as the main thread takes them, and a refusal keeps its code and words.
 */
const SAMPLES = join(import.meta.dirname, '..', 'fixtures', 'refi-qda', 'samples');

describe('readRefiOffThread', () => {
  it.each(['qc-1.3.2-demo.qdpx', 'nvivo-mac-15.qdpx'])('gives the plan of %s as the main thread reads it', async (name) => {
    const bytes = new Uint8Array(readFileSync(join(SAMPLES, name)));
    const here = await readRefiFile(bytes, name, { language: 'sv' });
    const { measures, ...there } = await readRefiOffThread(bytes, name, { language: 'sv' });
    expect(there.sources.length).toBeGreaterThan(0);
    // Cloned as the worker's answer is: a file's Buffer arrives as the Uint8Array it is.
    expect(there).toEqual(structuredClone(here));
    expect(measures).toEqual(here.sources.map((s) => measureSource(s.text, s.original.bytes)));
  });

  it('passes on a refusal with its code and parameters', async () => {
    const bytes = new TextEncoder().encode('PK\u0003\u0004 not a zip after all');
    const refusal = await readRefiOffThread(bytes, 'broken.qdpx', { language: 'en' }).catch((e: unknown) => e);
    const direct = await readRefiFile(bytes, 'broken.qdpx', { language: 'en' }).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(KodaError);
    expect((refusal as KodaError).code).toBe((direct as KodaError).code);
    expect((refusal as KodaError).params).toEqual((direct as KodaError).params);
  });
});
