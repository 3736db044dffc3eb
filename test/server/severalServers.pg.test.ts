import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addCode } from '../../src/commands/addCode.js';
import { createProject } from '../../src/commands/createProject.js';
import { importSource } from '../../src/commands/importSource.js';
import { type PackedCoding, unpackCoding } from '../../src/core/sourceCoding.js';
import { buildServer } from '../../src/server/app.js';
import { openStore, type Store } from '../../src/store/db.js';
import { signedIn, tempStore, utf8 } from '../helpers.js';
import { SseClient, type SseEvent } from './sseClient.js';

/**
 * Several Koda servers on one PostgreSQL behave as one (issue 13): each runs over its own store
 * on the same database, as two `koda serve` processes would, and every change reaches the
 * browsers of both through the database's feed.
 */

const P = 'Omega';
const TEXT = Array.from({ length: 40 }, (_, i) => `Rad ${i}: vi pratar om trygghet och mötesplatser.`).join('\n');

let first: Awaited<ReturnType<typeof tempStore>>;
let second: Store;
let secondDir: string;
let serverA: FastifyInstance;
let serverB: FastifyInstance;
let urlA: string;
let urlB: string;
const clients: SseClient[] = [];
/** Session cookies by person: a session lives in the database, so it is good on either server. */
const cookies = new Map<string, string>();
/** Who signs in: the owner watching, and the coders. */
const OWNER = 'Agnes';
const CODERS = ['Zozan', 'Kristin', ...Array.from({ length: 20 }, (_, i) => `coder${i}`)];

beforeEach(async () => {
  first = await tempStore();
  const ctx = { store: first.store, actor: 'setup' };
  await createProject(ctx, { name: P });
  await importSource(ctx, { project: P, fileName: 'intervju.txt', bytes: utf8(TEXT) });
  await addCode(ctx, { project: P, name: 'trygghet' });
  secondDir = mkdtempSync(join(tmpdir(), 'koda-test-'));
  second = await openStore(secondDir, { database: first.database });
  serverA = await buildServer({ store: first.store, actor: 'A' }, { language: 'en' });
  serverB = await buildServer({ store: second, actor: 'B' }, { language: 'en' });
  // Signed in before the servers listen: a listening server answers its own address only.
  cookies.set(OWNER, (await signedIn(serverA, first.store, OWNER, 'owner')).cookie);
  for (const name of CODERS) cookies.set(name, (await signedIn(serverA, first.store, name, 'coder')).cookie);
  urlA = await serverA.listen({ port: 0, host: '127.0.0.1' });
  urlB = await serverB.listen({ port: 0, host: '127.0.0.1' });
});

afterEach(async () => {
  cookies.clear();
  await Promise.all(clients.splice(0).map((c) => c.close()));
  await serverA.close();
  await serverB.close();
  await second.close();
  rmSync(secondDir, { recursive: true, force: true });
  await first.cleanup();
});

const eventsUrl = (base: string) => `${base}/api/projects/${P}/events`;

function cookieOf(name: string): string {
  const cookie = cookies.get(name);
  if (!cookie) throw new Error(`${name} was not signed in`);
  return cookie;
}

/** A browser tab's live updates, signed in as the project's owner (who sees every layer). */
async function watch(base: string, onEvent?: (event: SseEvent) => void) {
  const client = await SseClient.open(eventsUrl(base), onEvent, { cookie: cookieOf(OWNER) });
  clients.push(client);
  return client;
}

/** A request as Koda's page makes it; the answer's status and JSON. */
async function call(base: string, method: string, path: string, coder: string, body?: object) {
  const res = await fetch(`${base}/api/projects/${P}/${path}`, {
    method,
    headers: { ...(body ? { 'content-type': 'application/json' } : {}), 'x-koda-csrf': '1', cookie: cookieOf(coder) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> & { error?: { code: string } } };
}

const applySpan = (base: string, coder: string, start: number, end: number) =>
  call(base, 'POST', 'segments', coder, { source: 'intervju', code: 'trygghet', start, end });

const changes = (client: SseClient) => client.of('change').map((e) => e.data);

async function segmentsInDatabase() {
  const rows = await first.store.db.selectFrom('segments').select(['id', 'start_offset', 'end_offset']).execute();
  return new Map(rows.map((r) => [r.id, `${r.start_offset}-${r.end_offset}`]));
}

describe('several servers on one PostgreSQL', () => {
  it('tells a change made through one server, or by a command on the database, to the browsers of the other, once', async () => {
    const onA = await watch(urlA);
    const onB = await watch(urlB);
    const asked = Date.now();
    expect((await call(urlA, 'POST', 'codes', 'Zozan', { name: 'hinder' })).status).toBe(201);
    await onB.until((events) => events.some((e) => e.data.action === 'code.add'), 5_000);
    const tookMs = Date.now() - asked;
    expect(tookMs).toBeLessThan(5_000); // generous: the one-second claim is measured in bench/
    expect(changes(onB)[0]).toMatchObject({ action: 'code.add', stale: ['codebook'] });

    // A command run straight on the database (as the CLI does) reaches both servers' browsers.
    await addCode({ store: second, actor: 'cli' }, { project: P, name: 'möjligheter' });
    for (const tab of [onA, onB]) await tab.until((events) => events.length === 2);
    // Each server relays what the database tells, its own changes included: nothing twice.
    for (const tab of [onA, onB]) expect(changes(tab).map((e) => e.action)).toEqual(['code.add', 'code.add']);
    expect(changes(onA)).toEqual(changes(onB));
  });

  it('undoes the latest change whichever server made it and whichever server is asked', async () => {
    const onA = await watch(urlA);
    const byA = (await applySpan(urlA, 'Zozan', 0, 10)).json.id as string;
    const byB = (await applySpan(urlB, 'Kristin', 20, 30)).json.id as string;
    // Undo through A takes back B's change, the latest, not A's own.
    expect((await call(urlA, 'POST', 'undo', 'Zozan')).json).toMatchObject({ action: 'segment.apply' });
    expect([...(await segmentsInDatabase()).keys()]).toEqual([byA]);
    // Undo through B takes back A's.
    expect((await call(urlB, 'POST', 'undo', 'Kristin')).json).toMatchObject({ action: 'segment.apply' });
    expect((await segmentsInDatabase()).size).toBe(0);
    await onA.until((events) => events.length === 4);
    expect(changes(onA).map((e) => [e.action, e.objectIds[0]])).toEqual([
      ['segment.apply', byA],
      ['segment.apply', byB],
      ['history.undo', expect.any(String)],
      ['history.undo', expect.any(String)],
    ]);
    expect(changes(onA)[2].objectIds).toContain(byB);
    expect(changes(onA)[3].objectIds).toContain(byA);
    expect(changes(onA)[3].stale).toContain('segments');
  });

  it('keeps 20 concurrent coders on two servers consistent: no lost, duplicated or phantom segment, one view everywhere', async () => {
    const browsers = await Promise.all([urlA, urlA, urlB, urlB].map((base) => Browser.open(base)));
    const acknowledged: Acknowledged[] = [];
    const deadline = Date.now() + 3_000;
    // Every coder runs to the deadline before a failure is reported, so none is left writing.
    const coders = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => code(i % 2 === 0 ? urlA : urlB, `coder${i}`, i + 1, deadline, acknowledged)),
    );
    for (const c of coders) if (c.status === 'rejected') throw c.reason;
    const counts = tally(acknowledged);
    expect(counts.apply).toBeGreaterThan(20);
    expect(counts.remove).toBeGreaterThan(0);
    expect(counts.undo).toBeGreaterThan(0);

    // Every browser is told every acknowledged change, once, in the one order the database committed them.
    for (const b of browsers) await b.tab.until((events) => events.length >= acknowledged.length, 15_000);
    const told = changes((browsers[0] as Browser).tab);
    expect(told).toHaveLength(acknowledged.length);
    for (const b of browsers) expect(changes(b.tab)).toEqual(told);
    expect(
      told
        .filter((e) => e.action === 'segment.apply')
        .map((e) => e.objectIds[0])
        .sort(),
    ).toEqual(acknowledged.flatMap((a) => (a.kind === 'apply' ? [a.id] : [])).sort());
    expect(
      told
        .filter((e) => e.action === 'segment.remove')
        .map((e) => e.objectIds[0])
        .sort(),
    ).toEqual(acknowledged.flatMap((a) => (a.kind === 'remove' ? [a.id] : [])).sort());

    // Replayed in that order, undo taking back the latest entry whoever made it, the acknowledged
    // changes leave exactly the segments the database holds.
    const expected = replay(told);
    expect(expected.undone.sort()).toEqual(acknowledged.flatMap((a) => (a.kind === 'undo' ? [a.undid] : [])).sort());
    const stored = await segmentsInDatabase();
    expect([...stored.keys()].sort()).toEqual([...expected.segments].sort());

    // Every browser, having reloaded on what it was told, shows what the database holds.
    for (const b of browsers) {
      await b.settled();
      expect(b.view).toEqual(stored);
    }
  });

  it('says when it loses the database, and catches up when it is back', async () => {
    const admin = new pg.Client({ connectionString: process.env.KODA_TEST_DATABASE_URL });
    await admin.connect();
    const name = new URL(first.database as string).pathname.slice(1);
    try {
      const onB = await watch(urlB);
      await call(urlA, 'GET', 'codebook', 'Zozan'); // A's pool holds a connection for the change below
      // No new session may open (the listeners' reconnections fail) until allowed again.
      await admin.query(`alter database ${name} allow_connections false`);
      await admin.query(
        `select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and application_name = 'koda-listen'`,
        [name],
      );
      await onB.until((events) => events.some((e) => e.type === 'store' && e.data.online === false));

      // Made while both servers' feeds are down: no one is told of it.
      const made = await applySpan(urlA, 'Zozan', 5, 15);
      expect(made.status).toBe(201);
      expect(onB.of('store')).toEqual([{ type: 'store', data: { online: false } }]);

      await admin.query(`alter database ${name} allow_connections true`);
      await onB.until((events) => events.some((e) => e.type === 'store' && e.data.online === true), 15_000);
      await onB.until((events) => events.some((e) => e.type === 'change' && e.data.action === null));
      const types = onB.events.map((e) => [e.type, e.data.online ?? e.data.action]);
      expect(types).toEqual([
        ['store', false],
        ['store', true],
        ['change', null],
      ]);
      // The catch-up: everything may be stale, so every view reloads and finds the change.
      expect(onB.events[2]?.data).toMatchObject({
        stale: expect.arrayContaining(['segments', 'codebook', 'texts']),
        objectIds: [],
      });
      const shown = unpackCoding((await call(urlB, 'GET', 'sources/intervju/segments', 'Zozan')).json as unknown as PackedCoding);
      expect(shown).toMatchObject([{ id: made.json.id, start: 5, end: 15 }]);

      // A browser connecting while the store is away is told so at once.
      await admin.query(`alter database ${name} allow_connections false`);
      await admin.query(
        `select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and application_name = 'koda-listen'`,
        [name],
      );
      await onB.until((events) => events.filter((e) => e.type === 'store').length === 3);
      const late = await watch(urlB);
      await late.until((events) => events.length > 0);
      expect(late.events[0]).toEqual({ type: 'store', data: { online: false } });
      await admin.query(`alter database ${name} allow_connections true`);
      await late.until((events) => events.some((e) => e.type === 'store' && e.data.online === true), 15_000);
      // And the feed works again: a change through A reaches B.
      await call(urlA, 'POST', 'codes', 'Zozan', { name: 'hinder' });
      await late.until((events) => events.some((e) => e.data.action === 'code.add'));
    } finally {
      await admin.query(`alter database ${name} allow_connections true`).catch(() => {});
      await admin.end();
    }
  });
});

type Acknowledged = { kind: 'apply'; id: string } | { kind: 'remove'; id: string } | { kind: 'undo'; undid: string };

function tally(ops: Acknowledged[]) {
  return {
    apply: ops.filter((o) => o.kind === 'apply').length,
    remove: ops.filter((o) => o.kind === 'remove').length,
    undo: ops.filter((o) => o.kind === 'undo').length,
  };
}

/** A small seeded generator: each coder's choices are the same from run to run. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Refusals a coder may meet honestly: the segment was undone by someone, or the span is coded already. */
const EXPECTED_REFUSALS = new Set(['segment.not-found', 'segment.exists']);

/** Steps each coder takes however slow the machine, so every kind of change is made. */
const MIN_STEPS = 6;

/**
 * One coder until the deadline: codes spans, removes its own, and every fifth step undoes. It
 * undoes only while it has more changes of its own than undos, so the project's history always
 * holds a coder's entry to take back (never the setup's), whoever's that is.
 */
async function code(base: string, coder: string, seed: number, deadline: number, acknowledged: Acknowledged[]) {
  const next = random(seed);
  const mine: string[] = [];
  let balance = 0;
  for (let step = 0; step < MIN_STEPS || Date.now() < deadline; step++) {
    if (step % 5 === 4 && balance > 0) {
      const res = await call(base, 'POST', 'undo', coder);
      expect(res.status, JSON.stringify(res.json)).toBe(200);
      acknowledged.push({ kind: 'undo', undid: res.json.action as string });
      balance--;
    } else if (mine.length > 0 && next() < 0.35) {
      const id = mine.splice(Math.floor(next() * mine.length), 1)[0] as string;
      const res = await call(base, 'DELETE', `segments/${id}`, coder);
      if (res.status !== 200) {
        expect(EXPECTED_REFUSALS, JSON.stringify(res.json)).toContain(res.json.error?.code);
        continue;
      }
      acknowledged.push({ kind: 'remove', id });
      balance++;
    } else {
      const start = Math.floor(next() * (TEXT.length - 20));
      const res = await applySpan(base, coder, start, start + 1 + Math.floor(next() * 19));
      if (res.status !== 201) {
        expect(EXPECTED_REFUSALS, JSON.stringify(res.json)).toContain(res.json.error?.code);
        continue;
      }
      mine.push(res.json.id as string);
      acknowledged.push({ kind: 'apply', id: res.json.id as string });
      balance++;
    }
  }
}

/**
 * The segments the told changes leave, replayed in their order: an apply adds, a remove takes
 * away, an undo reverts the newest entry still done. Returns too which actions the undos took back.
 */
function replay(told: { action: string; objectIds: string[] }[]) {
  const segments = new Set<string>();
  const done: { action: string; id: string }[] = [];
  const undone: string[] = [];
  for (const e of told) {
    const id = e.objectIds[0] as string;
    if (e.action === 'segment.apply') segments.add(id);
    if (e.action === 'segment.remove') segments.delete(id);
    if (e.action !== 'history.undo') {
      done.push({ action: e.action, id });
      continue;
    }
    const top = done.pop();
    if (!top) throw new Error('an undo with nothing of the coders to take back');
    expect(e.objectIds).toContain(top.id);
    if (top.action === 'segment.apply') segments.delete(top.id);
    else segments.add(top.id);
    undone.push(top.action);
  }
  return { segments, undone };
}

/**
 * A browser showing the source: it follows its server's live updates and loads the source's
 * segments again on each change that may have touched them, one load at a time.
 */
class Browser {
  view = new Map<string, string>();
  private loading: Promise<void> | null = null;
  private again = false;

  private constructor(private readonly base: string) {}

  tab!: SseClient;

  static async open(base: string): Promise<Browser> {
    const browser = new Browser(base);
    browser.tab = await watch(base, (event) => {
      if (event.type === 'change' && event.data.stale.includes('segments')) browser.reload();
    });
    return browser;
  }

  private reload() {
    if (this.loading) {
      this.again = true;
      return;
    }
    this.loading = (async () => {
      do {
        this.again = false;
        const headers = { cookie: cookieOf(OWNER) };
        const shown = unpackCoding(
          await fetch(`${this.base}/api/projects/${P}/sources/intervju/segments`, { headers }).then((r) => r.json()),
        );
        this.view = new Map(shown.map((s) => [s.id, `${s.start}-${s.end}`]));
      } while (this.again);
      this.loading = null;
    })();
  }

  async settled() {
    while (this.loading) await this.loading;
  }
}
