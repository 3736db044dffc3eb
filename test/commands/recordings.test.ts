import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { addCase } from '../../src/commands/addCase.js';
import { attachRecording } from '../../src/commands/attachRecording.js';
import { createProject } from '../../src/commands/createProject.js';
import { deleteSource } from '../../src/commands/deleteSource.js';
import { getSource } from '../../src/commands/getSource.js';
import { undo } from '../../src/commands/history.js';
import { importRecording } from '../../src/commands/importRecording.js';
import { importSource } from '../../src/commands/importSource.js';
import { listAudit } from '../../src/commands/listAudit.js';
import { listRecordings } from '../../src/commands/listRecordings.js';
import { listRetention } from '../../src/commands/listRetention.js';
import { readRecording } from '../../src/commands/readRecording.js';
import { removeRecording } from '../../src/commands/removeRecording.js';
import { markTranscriptVerified, setRetention } from '../../src/commands/retention.js';
import { withdrawParticipant } from '../../src/commands/withdrawParticipant.js';
import { pieces, speech } from '../audio.js';
import { rowCounts, tempContext, utf8 } from '../helpers.js';
import { storeFiles } from '../storeFiles.js';

let env: Awaited<ReturnType<typeof tempContext>>;
let audioDir: string;
/** 3 s of CD-quality wav: 529 kB, three chunks. */
let wav: { bytes: Buffer; soxMs: number };
let ogg: { bytes: Buffer; soxMs: number };
let flac: Buffer;

beforeAll(() => {
  audioDir = mkdtempSync(join(tmpdir(), 'koda-audio-'));
  wav = speech(audioDir, 3, 'wav');
  ogg = speech(audioDir, 4, 'ogg');
  flac = speech(audioDir, 1, 'flac').bytes;
});
afterAll(() => rmSync(audioDir, { recursive: true, force: true }));

beforeEach(async () => {
  env = await tempContext();
  await createProject(env.ctx, { name: 'Omega' });
  await addCase(env.ctx, { project: 'Omega', name: 'Albin' });
  await importSource(env.ctx, { project: 'Omega', fileName: 'ip1.md', bytes: utf8('I: Hej\n\nIP: Hej'), case: 'Albin' });
});
afterEach(() => env.cleanup());

const attach = (bytes: Uint8Array, fileName = 'ip1.wav', source = 'ip1') =>
  attachRecording(env.ctx, { project: 'Omega', source, fileName, content: pieces(bytes), declaredBytes: bytes.byteLength });

const chunkCount = async () =>
  Number(
    (
      await env.store.db
        .selectFrom('recording_chunks')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

const filesHolding = async (bytes: Buffer) =>
  [...(await storeFiles(env.store, env.dir))].filter(([, data]) => data.includes(bytes)).map(([name]) => name);

const readAll = async (range?: string) => {
  const r = await readRecording(env.ctx, { project: 'Omega', source: 'ip1', range });
  const parts: Uint8Array[] = [];
  for await (const part of r.bytes ?? []) parts.push(part);
  return { ...r, body: Buffer.concat(parts) };
};

describe('recordings', () => {
  it('attaches a wav: type sniffed, duration within 100 ms of sox, stored in 256 KiB chunks', async () => {
    const r = await attach(wav.bytes);
    expect(r).toMatchObject({ mediaType: 'audio/wav', sizeBytes: wav.bytes.byteLength, replaced: false });
    expect(Math.abs((r.durationMs ?? 0) - wav.soxMs)).toBeLessThanOrEqual(100);
    expect((await getSource(env.ctx, { project: 'Omega', source: 'ip1' })).recording).toEqual({
      fileName: 'ip1.wav',
      mediaType: 'audio/wav',
      sizeBytes: wav.bytes.byteLength,
      durationMs: r.durationMs,
    });
    expect(await chunkCount()).toBe(Math.ceil(wav.bytes.byteLength / (256 * 1024)));
    const [event] = await listAudit(env.ctx, { project: 'Omega', action: 'recording.attach' });
    expect(JSON.stringify(event)).not.toContain('ip1.wav');
  });

  it('reads the whole file and ranges byte for byte, across chunk boundaries', async () => {
    await attach(wav.bytes);
    expect((await readAll()).body.equals(wav.bytes)).toBe(true);
    const across = await readAll('bytes=262000-300000');
    expect(across).toMatchObject({ partial: true, range: { start: 262000, end: 300000 } });
    expect(across.body.equals(wav.bytes.subarray(262000, 300001))).toBe(true);
    const suffix = await readAll('bytes=-500');
    expect(suffix.body.equals(wav.bytes.subarray(wav.bytes.byteLength - 500))).toBe(true);
    const open = await readAll('bytes=524288-');
    expect(open.body.equals(wav.bytes.subarray(524288))).toBe(true);
    expect((await readAll(`bytes=${wav.bytes.byteLength}-`)).range).toBeNull();
  });

  it('imports an ogg alone as a new source with an empty text, ready to transcribe', async () => {
    const r = await importRecording(env.ctx, {
      project: 'Omega',
      fileName: 'intervju 2.ogg',
      content: pieces(ogg.bytes),
      case: 'Albin',
    });
    expect(r).toMatchObject({ name: 'intervju 2', kind: 'recording', mediaType: 'audio/ogg' });
    expect(Math.abs((r.durationMs ?? 0) - ogg.soxMs)).toBeLessThanOrEqual(100);
    const source = await getSource(env.ctx, { project: 'Omega', source: r.id });
    expect(source).toMatchObject({ text: '', length: 0, case: { name: 'Albin' }, recording: { mediaType: 'audio/ogg' } });
    expect((await listRecordings(env.ctx, { project: 'Omega' })).map((x) => x.source.name)).toEqual(['intervju 2']);
  });

  it('replaces a recording, erasing the old chunks, and removes one for good', async () => {
    await attach(wav.bytes);
    const r = await attach(ogg.bytes, 'ip1.ogg');
    expect(r.replaced).toBe(true);
    expect(await chunkCount()).toBe(1);
    expect((await readAll()).body.equals(ogg.bytes)).toBe(true);
    await removeRecording(env.ctx, { project: 'Omega', source: 'ip1' });
    expect(await chunkCount()).toBe(0);
    expect((await getSource(env.ctx, { project: 'Omega', source: 'ip1' })).recording).toBeNull();
    await expect(removeRecording(env.ctx, { project: 'Omega', source: 'ip1' })).rejects.toMatchObject({ code: 'recording.none' });
  });

  it('refuses what is no recording Koda keeps, and a file over the limit, changing nothing', async () => {
    const before = await rowCounts(env.store);
    await expect(attach(flac, 'ip1.flac')).rejects.toMatchObject({ code: 'recording.unsupported' });
    await expect(attach(utf8('I: Hej\n'.repeat(100)), 'ip1.txt')).rejects.toMatchObject({ code: 'recording.unsupported' });
    await expect(attach(new Uint8Array(), 'ip1.wav')).rejects.toMatchObject({ code: 'recording.empty' });
    // The limit is found as the bytes arrive, whatever was announced.
    env.ctx.recordingLimitBytes = 300_000;
    await expect(
      attachRecording(env.ctx, { project: 'Omega', source: 'ip1', fileName: 'a.wav', content: pieces(wav.bytes) }),
    ).rejects.toMatchObject({
      code: 'recording.too-large',
    });
    await expect(attach(wav.bytes)).rejects.toMatchObject({ code: 'recording.too-large' });
    // A damaged file of a kept type: a wav's header, then a format chunk that runs past the end.
    env.ctx.recordingLimitBytes = undefined;
    const damaged = Buffer.concat([wav.bytes.subarray(0, 12), Buffer.from('fmt '), Buffer.alloc(4000, 0xff)]);
    await expect(attach(damaged)).rejects.toMatchObject({ code: 'recording.unreadable' });
    expect(await rowCounts(env.store)).toEqual(before);
  });

  it('goes with the participant on withdrawal, and with a deleted source (undo brings back only the text)', async () => {
    await attach(wav.bytes);
    await importRecording(env.ctx, { project: 'Omega', fileName: 'ip2.ogg', content: pieces(ogg.bytes) });
    // 64 bytes of the speech, as they lie in the store's files (the wav's samples are stored as they are).
    const said = wav.bytes.subarray(100_000, 100_064);
    expect(await filesHolding(said)).not.toEqual([]);
    const withdrawn = await withdrawParticipant(env.ctx, { project: 'Omega', case: 'Albin' });
    expect(withdrawn.recordings).toBe(1);
    expect(await filesHolding(said)).toEqual([]);
    expect(await chunkCount()).toBe(1);
    await deleteSource(env.ctx, { project: 'Omega', source: 'ip2' });
    expect(await chunkCount()).toBe(0);
    expect(await env.store.db.selectFrom('recordings').selectAll().execute()).toEqual([]);
    await undo(env.ctx, { project: 'Omega' });
    const back = await getSource(env.ctx, { project: 'Omega', source: 'ip2' });
    expect(back).toMatchObject({ kind: 'recording', recording: null });
  });

  it('is deleted when the transcript is verified under the rule, and shown in retention', async () => {
    await attach(wav.bytes);
    await setRetention(env.ctx, { project: 'Omega', source: 'ip1', deleteRecordingWhenVerified: true });
    expect((await listRetention(env.ctx, { project: 'Omega' }))[0]).toMatchObject({
      recordingName: 'ip1.wav',
      deleteRecordingWhenVerified: true,
      deleteOriginalWhenVerified: false,
    });
    const r = await markTranscriptVerified(env.ctx, { project: 'Omega', source: 'ip1' });
    expect(r).toMatchObject({ recordingDeleted: true, originalDeleted: false });
    expect(await chunkCount()).toBe(0);
    const [row] = await listRetention(env.ctx, { project: 'Omega' });
    expect(row).toMatchObject({ recordingName: null, originalKept: true });
    expect(row?.recordingDeletedAt).not.toBeNull();
  });

  it('erases a recording a crash left unattached, once no upload can still be writing it', async () => {
    const project = await env.store.db.selectFrom('projects').select('id').executeTakeFirstOrThrow();
    const left = (id: string, created_at: string) =>
      env.store.db
        .insertInto('recordings')
        .values({
          id,
          project_id: project.id,
          source_id: null,
          file_name: 'x.wav',
          media_type: 'audio/wav',
          size_bytes: 3,
          duration_ms: null,
          sha256: '',
          created_at,
        })
        .execute();
    await left('abandoned', new Date(Date.now() - 2 * 86_400_000).toISOString());
    await left('uploading', new Date().toISOString());
    await env.store.db
      .insertInto('recording_chunks')
      .values({ recording_id: 'abandoned', seq: 0, bytes: utf8('abc') })
      .execute();
    await attach(ogg.bytes, 'ip1.ogg');
    const ids = (await env.store.db.selectFrom('recordings').select('id').where('source_id', 'is', null).execute()).map(
      (r) => r.id,
    );
    expect(ids).toEqual(['uploading']);
    expect(await chunkCount()).toBe(1);
  });

  it('keeps undo of an import from deleting a source a recording hangs on', async () => {
    await importSource(env.ctx, { project: 'Omega', fileName: 'ip3.md', bytes: utf8('I: Tre') });
    await attach(wav.bytes, 'ip3.wav', 'ip3');
    await expect(undo(env.ctx, { project: 'Omega' })).rejects.toMatchObject({ code: 'history.changed-since' });
    expect((await getSource(env.ctx, { project: 'Omega', source: 'ip3' })).recording).not.toBeNull();
  });
});
