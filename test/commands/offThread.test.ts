import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { addCode } from '../../src/commands/addCode.js';
import { applyCoding } from '../../src/commands/applyCoding.js';
import { type BuiltReport, buildReport } from '../../src/commands/buildReport.js';
import { createProject } from '../../src/commands/createProject.js';
import type { CommandContext, CommittedEvent } from '../../src/commands/helpers/context.js';
import { type CommandJob, runOffThread } from '../../src/commands/helpers/offThread.js';
import { BackgroundWorker } from '../../src/commands/helpers/worker.js';
import { undo } from '../../src/commands/history.js';
import { type ImportResult, importSource, OFF_THREAD_BYTES } from '../../src/commands/importSource.js';
import { listSources } from '../../src/commands/listSources.js';
import { onPostgres } from '../engine.js';
import { tempStore, utf8 } from '../helpers.js';
import { kodaError } from './fixtures.js';

/**
 * A long command on a worker thread with a store connection of its own (offThread.ts) does what
 * it does here: the same rows, history and audit, its committed changes told to this thread's
 * live views, its refusals as KodaErrors, its progress told as it goes.
 */
let ctx: CommandContext;
let events: CommittedEvent[];
let cleanup: () => Promise<void>;

beforeEach(async () => {
  events = [];
  // Encrypted on SQLite: the worker opens the store with the key it is given.
  const made = await tempStore(onPostgres ? {} : { passphrase: 'a long enough secret' });
  ctx = { store: made.store, actor: 'anna', onCommitted: (e) => events.push(e) };
  cleanup = made.cleanup;
  await createProject(ctx, { name: 'P', language: 'sv' });
  events = [];
});
afterEach(async () => {
  vi.restoreAllMocks();
  await cleanup();
});

/** A transcript of `turns` turns, two speakers taking turns. */
const transcript = (turns: number) =>
  Array.from({ length: turns }, (_, i) => `${i % 2 ? 'IP' : 'I'}: vi pratar om möjligheter och hinder ${i}`).join('\n\n');

describe('a command on a worker thread', () => {
  it('imports a file as here: the source, its turns, the event told here, and undo takes it back', async () => {
    const result = await runOffThread<ImportResult>(ctx, 'importSource', {
      project: 'P',
      fileName: 'intervju.txt',
      bytes: utf8(transcript(200)),
    });
    expect(result).toMatchObject({ name: 'intervju', kind: 'txt', turns: 200, skipped: false });
    expect(events).toEqual([expect.objectContaining({ action: 'source.import', objectIds: [result.id] })]);
    expect((await listSources(ctx, { project: 'P' })).map((s) => s.name)).toEqual(['intervju']);
    await undo(ctx, { project: 'P' });
    expect(await listSources(ctx, { project: 'P' })).toEqual([]);
  });

  it('gives a refusal as the KodaError it was, having written nothing', async () => {
    const refused = await kodaError(
      runOffThread(ctx, 'importSource', { project: 'P', fileName: 'x.txt', bytes: utf8('I: hej'), case: 'Nobody' }),
    );
    expect(refused.code).toBe('case.not-found');
    expect(await listSources(ctx, { project: 'P' })).toEqual([]);
    expect(events).toEqual([]);
  });

  /** SQLite's data_version on this thread's writer: it changes when another connection commits. */
  const othersCommits = async () =>
    (await sql<{ data_version: number }>`pragma data_version`.execute(ctx.store.db)).rows[0]?.data_version;

  it.skipIf(onPostgres)('imports a file of OFF_THREAD_BYTES or more on the worker, a smaller one here', async () => {
    let text = transcript(1);
    for (let turns = 2; utf8(text).length < OFF_THREAD_BYTES; turns *= 2) text = transcript(turns);
    // A Buffer, as the server's upload and the CLI's file are.
    const big = Buffer.from(text);
    const before = await othersCommits();
    await importSource(ctx, { project: 'P', fileName: 'kort.txt', bytes: utf8(transcript(10)) });
    expect(await othersCommits()).toBe(before);
    const result = await importSource(ctx, { project: 'P', fileName: 'lang.txt', bytes: big });
    expect(await othersCommits()).not.toBe(before);
    expect(result.length).toBe([...text].length);
    // The caller's bytes are its own still: a copy was moved to the worker.
    expect(big.toString('utf8')).toBe(text);
    expect(events.map((e) => e.action)).toEqual(['source.import', 'source.import']);
  });

  it('writes a report, telling its progress, the document moved back whole', async () => {
    const source = await importSource(ctx, { project: 'P', fileName: 'a.txt', bytes: utf8(transcript(4)) });
    const code = await addCode(ctx, { project: 'P', name: 'hinder' });
    await applyCoding(ctx, { project: 'P', source: source.id, code: code.id, start: 0, end: 10 });
    const steps: number[] = [];
    const report = await runOffThread<BuiltReport>(
      ctx,
      'buildReport',
      { project: 'P', format: 'md', charts: false },
      { progress: (done) => steps.push(done) },
    );
    expect(steps).toEqual([1, 2, 3, 4]);
    expect(report.counts).toMatchObject({ codes: 1, quotes: 1 });
    expect(new TextDecoder().decode(report.bytes)).toContain('hinder');
  });

  it('is where a report is built, on either engine', async () => {
    const run = vi.spyOn(BackgroundWorker.prototype, 'run');
    const report = await buildReport(ctx, { project: 'P', format: 'md', charts: false });
    expect(report.counts.quotes).toBe(0);
    const jobs = run.mock.calls.map(([job]) => (job as Partial<CommandJob>).command).filter(Boolean);
    expect(jobs).toEqual(['buildReport']);
  });
});
