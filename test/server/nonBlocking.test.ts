import type { FastifyInstance } from 'fastify';
import type { KyselyPlugin } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addCode } from '../../src/commands/addCode.js';
import { applyCoding } from '../../src/commands/applyCoding.js';
import { createProject } from '../../src/commands/createProject.js';
import type { CommandContext } from '../../src/commands/helpers/context.js';
import { importSource } from '../../src/commands/importSource.js';
import { buildServer } from '../../src/server/app.js';
import { CSRF_HEADER } from '../../src/server/requestGuard.js';
import type { Store } from '../../src/store/db.js';
import { localSession, tempContext, utf8 } from '../helpers.js';

/**
 * Issue 10: a long import, the first search index build and a full report must not stall the
 * server. Each test starts the long request over a real socket and, once the server has begun
 * its work (seen in the SQL it runs), asks /api/health: the answer must come while the work is
 * still going on. Ordering, not timing: the code before the fix answered only after the work
 * was done, since every step of it ran without giving the event loop a turn.
 */

let store: Store;
let cleanup: () => Promise<void>;
let ctx: CommandContext;
let app: FastifyInstance;
let url: string;
/** The laptop's person's session, for requests over real HTTP. */
let cookie: string;
/** What happened, in order: SQL statements of interest, answers received. */
let log: string[];
let watchers: { pattern: RegExp; fire: () => void }[];

beforeEach(async () => {
  const temp = await tempContext();
  ({ store, cleanup } = temp);
  log = [];
  watchers = [];
  const observer: KyselyPlugin = {
    transformQuery: (args) => {
      const sql = store.db.getExecutor().compileQuery(args.node, args.queryId).sql;
      for (const w of watchers.filter((w) => w.pattern.test(sql))) {
        log.push(w.pattern.source);
        watchers.splice(watchers.indexOf(w), 1);
        w.fire();
      }
      if (/^insert into "(turns|search_paragraphs)"/.test(sql)) log.push('write');
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
  // The work in this thread, sliced, as PostgreSQL's imports and the worker thread itself run it:
  // without a way for a worker to open the store, nothing goes to one (offThread.ts; tested there).
  ctx = { ...temp.ctx, store: { ...store, db: store.db.withPlugin(observer), workerAccess: undefined } };
  await createProject(ctx, { name: 'Omega', language: 'sv' });
  app = await buildServer(ctx, { language: 'en' });
  cookie = (await localSession(app)) as string;
  url = await app.listen({ port: 0, host: '127.0.0.1' });
});
afterEach(async () => {
  await app.close();
  await cleanup();
});

/** When the server first runs SQL matching `pattern`, ask for /api/health and log the answer. */
function healthWhen(pattern: RegExp): Promise<void> {
  return new Promise((resolve, reject) => {
    watchers.push({
      pattern,
      fire: () => {
        fetch(`${url}/api/health`)
          .then((res) => log.push(`health ${res.status}`))
          .then(() => resolve(), reject);
      },
    });
  });
}

/** `n` subtitle cues, each its own paragraph and turn. */
function subtitles(n: number): Uint8Array {
  const time = (ms: number) => new Date(ms).toISOString().slice(11, 23).replace('.', ',');
  const cues = Array.from(
    { length: n },
    (_, i) => `${i + 1}\n${time(i * 2000)} --> ${time(i * 2000 + 1500)}\nvi pratar om möjligheter och hinder i stadsdelen ${i}\n`,
  );
  return utf8(cues.join('\n'));
}

const post = (path: string, body: Uint8Array) =>
  fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/octet-stream', [CSRF_HEADER]: '1', cookie },
    body: Buffer.from(body),
  });

describe('the server answers while it works', () => {
  it('answers during a large import: while the file is parsed and while its turns are written', async () => {
    const duringParse = healthWhen(/^select .* from "projects"/);
    const duringWrite = healthWhen(/^insert into "turns"/);
    const res = await post('/api/projects/Omega/sources?fileName=lang.srt', subtitles(20_000));
    log.push(`imported ${res.status}`);
    // Read to the end: a reply the client leaves unread (now compressed as it streams) keeps the server from closing.
    await res.arrayBuffer();
    await Promise.all([duringParse, duringWrite]);
    expect(res.status).toBe(201);
    // The first answer came before the first turns were written (the source's row, a statement
    // compiled once and so not seen here, just before them): while the file was parsed.
    expect(log.indexOf('health 200')).toBeLessThan(log.indexOf('write'));
    const order = log.filter((e) => e !== 'write');
    expect(order.lastIndexOf('health 200')).toBeLessThan(order.indexOf('imported 201'));
    // Turns were still being written after the second answer.
    expect(log.lastIndexOf('write')).toBeGreaterThan(log.lastIndexOf('health 200'));
  });

  it('answers during the first build of the search index', async () => {
    for (const name of ['Albin', 'Kerstin', 'Tove']) {
      await importSource(ctx, { project: 'Omega', fileName: `${name}.srt`, bytes: subtitles(3_000) });
    }
    log = [];
    const answered = healthWhen(/^insert into "search_paragraphs"/);
    const res = await fetch(`${url}/api/projects/Omega/search?q=${encodeURIComponent('möjlighet')}`, { headers: { cookie } });
    log.push(`searched ${res.status}`);
    // Read to the end: a reply the client leaves unread (now compressed as it streams) keeps the server from closing.
    await res.arrayBuffer();
    await answered;
    expect(res.status).toBe(200);
    expect(log.indexOf('health 200')).toBeLessThan(log.indexOf('searched 200'));
    expect(log.lastIndexOf('write')).toBeGreaterThan(log.indexOf('health 200'));
  });

  it('answers while a full report is drawn and written', async () => {
    const source = await importSource(ctx, { project: 'Omega', fileName: 'Albin.srt', bytes: subtitles(200) });
    for (const name of ['möjligheter', 'hinder', 'strategier']) await addCode(ctx, { project: 'Omega', name });
    for (let i = 0; i < 60; i++) {
      const code = ['möjligheter', 'hinder', 'strategier'][i % 3] as string;
      await applyCoding(ctx, { project: 'Omega', source: source.id, code, start: i * 40, end: i * 40 + 30 });
    }
    log = [];
    const answered = healthWhen(/^select .* from "codes"/);
    const res = await fetch(`${url}/api/projects/Omega/report?format=docx`, { headers: { cookie } });
    log.push(`report ${res.status}`);
    // Read to the end: a reply the client leaves unread (now compressed as it streams) keeps the server from closing.
    await res.arrayBuffer();
    await answered;
    expect(res.status).toBe(200);
    expect(log.indexOf('health 200')).toBeLessThan(log.indexOf('report 200'));
  });
});
