import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createProject } from '../../src/commands/createProject.js';
import { importSource } from '../../src/commands/importSource.js';
import { listAudit } from '../../src/commands/listAudit.js';
import { markTranscriptVerified, setRetention } from '../../src/commands/retention.js';
import { readOriginal } from '../../src/store/originals.js';
import { tempContext, utf8 } from '../helpers.js';
import { storeFilesWith } from '../storeFiles.js';

let env: Awaited<ReturnType<typeof tempContext>>;
const ORIGINAL = 'I: Hej\n\nIP: Originalets-unika-ord-8812';

const original = async () => {
  const { id, ...row } = await env.store.db
    .selectFrom('sources')
    .select(['id', 'original_deleted_at', 'verified_at'])
    .executeTakeFirstOrThrow();
  return { ...row, original_bytes: await readOriginal(env.store.db, id) };
};

beforeEach(async () => {
  env = await tempContext();
  await createProject(env.ctx, { name: 'Omega' });
  await importSource(env.ctx, { project: 'Omega', fileName: 'ip1.md', bytes: utf8(ORIGINAL) });
});
afterEach(() => env.cleanup());

describe('retention of originals', () => {
  it('keeps the original when a transcript is verified without a retention rule', async () => {
    const r = await markTranscriptVerified(env.ctx, { project: 'Omega', source: 'ip1' });
    expect(r).toMatchObject({ verified: true, originalDeleted: false });
    expect(Buffer.from((await original()).original_bytes as Uint8Array).toString()).toBe(ORIGINAL);
  });

  it('deletes the original once a marked transcript is verified, and audits it', async () => {
    await setRetention(env.ctx, { project: 'Omega', source: 'ip1', deleteOriginalWhenVerified: true });
    expect((await original()).original_bytes).not.toBeNull();
    const r = await markTranscriptVerified(env.ctx, { project: 'Omega', source: 'ip1' });
    expect(r).toMatchObject({ verified: true, originalDeleted: true });
    expect(await original()).toMatchObject({ original_bytes: null });
    const [event] = await listAudit(env.ctx, { project: 'Omega', action: 'source.verify' });
    expect(event?.details).toEqual({ originalDeleted: true, recordingDeleted: false });
  });

  it('deletes at once when the rule is set on an already verified transcript', async () => {
    await markTranscriptVerified(env.ctx, { project: 'Omega', source: 'ip1' });
    const r = await setRetention(env.ctx, { project: 'Omega', source: 'ip1', deleteOriginalWhenVerified: true });
    expect(r.originalDeleted).toBe(true);
    expect((await original()).original_deleted_at).not.toBeNull();
    // The canonical text stays; only the uploaded file is gone.
    const holding = await storeFilesWith(env.store, env.dir, 'Originalets-unika-ord-8812');
    expect(holding).toEqual([env.store.engine === 'sqlite' ? 'koda.db' : 'sources']);
  });
});
