import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { CHROMIUM, CHROMIUM_ARGS } from '../reliability/chromium.js';
import { type Answer, Api, described, projectPath } from '../reliability/http.js';
import { cpuTime, residentMemory, runTime } from '../reliability/memory.js';
import { type KodaServer, startServer } from '../reliability/server.js';
import { SERVE_NODE_FLAGS } from '../src/server/memory.js';
import { packageRoot } from '../src/store/paths.js';
import { type LargeDocument, paintedAt, seedLargeDocument, signedInContext } from './browser.js';
import { createRng } from './corpus.js';
import type { BenchEnv } from './fixture.js';
import { type BenchResult, loadNow, log, type Metric, round1, summarise } from './measure.js';
import { settle } from './retrieveSegments.js';
import { ACCEPT_COMPRESSED, countSegments, decodeBody, parseJson, segmentPage } from './wire.js';

const PROJECT = 'Peers';
const CODE = 'hinder';
const CHARS = 1_000_000;
const SEGMENTS = 10_000;
/** Timed requests per row after WARMUPS untimed ones; the heavy downloads get HEAVY_RUNS. */
const RUNS = 20;
const HEAVY_RUNS = 10;
const WARMUPS = 3;
/** Codings made one at a time, quiet; under load at least as many, until the other process has done a report and an import. */
const APPLY_RUNS = 100;
const APPLY_WARMUPS = 10;
const APPLY_UNDER_LOAD_CAP = 3_000;
const PAINT_RUNS = 5;
/** Walks through all of one code's pages, WALK_PAGE codings a page, after one untimed walk. */
const WALKS = 5;
const WALK_PAGE = 500;
const MIB = 1024 * 1024;

/** The `koda serve` child: its API as the bench's person, and its process id for /proc. */
interface Koda {
  api: Api;
  pid: number;
}

/**
 * The issue's table as it is measured: metrics under the number of their row there, and the
 * server's peak memory after each measurement, to tell which request set the peak of row 7.
 */
class Table {
  private readonly rows = new Map<number, Metric[]>();
  private readonly peaks: string[] = [];

  constructor(private readonly serverPid: number) {}

  add(row: number, ...metrics: Metric[]): void {
    this.rows.set(row, [...(this.rows.get(row) ?? []), ...metrics]);
    for (const m of metrics) log(`${m.name}: ${m.value} ${m.unit} (load ${m.load})`);
    const what = metrics[0]?.name.replace(/ p50 .*/, '');
    if (row !== 7) this.peaks.push(`${what} ${Math.round(residentMemory(this.serverPid).peak / MIB)}`);
  }

  /** The rows in the issue's order. */
  metrics(): Metric[] {
    return [...this.rows.entries()].sort(([a], [b]) => a - b).flatMap(([, m]) => m);
  }

  peakNote(): string {
    return `server peak memory (VmHWM, MiB) after each measurement: ${this.peaks.join('; ')}`;
  }
}

/**
 * Issue 17's table (its item 5), measured the way the issue measured the peers: one transcript of
 * about 1,000,000 characters with 10,000 codings of one code, every row over HTTP from this
 * process against a `koda serve` child on the bench's store, p50 and p95 with the load average
 * beside each. Rows: 1 create one coding (quiet, and while loadChild.ts runs reports and imports
 * on the same store), 2 the document's codings (time, bytes on the wire and decoded), 3 Chromium
 * opening the document with its highlights drawn, 4 all codings of one code and its first page,
 * 5 the quote list as csv/xlsx/docx, 6 the coded transcript as html/docx, 7 the server's memory.
 */
export async function benchPeers(env: BenchEnv): Promise<BenchResult> {
  const doc = await seedLargeDocument(env.ctx, PROJECT, { chars: CHARS, segments: SEGMENTS, seed: env.options.seed, code: CODE });
  log(`peers: ${doc.length} characters, ${SEGMENTS} codings of ${CODE}`);
  await settle(env);
  const server = await startServer(env.dataDir, { env: { KODA_DATABASE_URL: env.database?.url } });
  const rows = new Table(server.pid);
  const notes = [
    `document: ${doc.length.toLocaleString('en')} characters, ${SEGMENTS.toLocaleString('en')} codings of one code; every row over HTTP from the bench's process to a koda serve child (${env.store.engine})`,
    `server's Node flags (as npm start gives them): ${SERVE_NODE_FLAGS.join(' ')}; the bench's own process: ${process.execArgv.join(' ') || 'none'}`,
  ];
  try {
    const koda = { api: await new Api(server.port).signIn(env.ctx.actor), pid: server.pid };
    await documentCodings(koda, doc, rows);
    notes.push(...(await openInChromium(server, doc, rows)));
    notes.push(...(await codingsOfOneCode(koda, rows)));
    await quoteList(koda, rows);
    await codedTranscript(koda, doc, rows);
    notes.push(...(await createCodings(koda, env, doc, rows)));
    serverMemory(server, rows);
  } finally {
    await server.stop();
  }
  notes.push(
    rows.peakNote(),
    'rows: 1 create one coding (POST …/segments), 2 list a document’s codings (GET …/sources/:s/segments, accept-encoding: gzip, br), 3 Chromium: navigation to highlights painted, 4 all codings of one code (GET …/segments?code=), its first page (limit=50) and all of it page by page (limit=500, after=next), 5 quote list export, 6 coded transcript, 7 the server’s VmHWM/VmRSS after all of them',
  );
  return { name: 'peers', metrics: rows.metrics(), notes };
}

/** p50 and p95 of `ms` as two rows, stamped with the load now; `target` on the p95. */
function latency(name: string, ms: number[], target?: number): Metric[] {
  const s = summarise(ms);
  const load = loadNow();
  return [
    { name: `${name} p50 (n=${s.runs})`, value: round1(s.p50), unit: 'ms', load },
    { name: `${name} p95`, value: round1(s.p95), unit: 'ms', load, ...(target ? { target: { max: target } } : {}) },
  ];
}

/** GETs `path` `runs` times after the warm-up, each answer checked: their times, the server's CPU per request, the last answer. */
async function timeGets(koda: Koda, path: string, runs: number): Promise<{ ms: number[]; cpuMs: number; last: Answer }> {
  const get = async () => {
    const answer = await koda.api.get(path, 120_000, ACCEPT_COMPRESSED);
    if (answer.status !== 200) throw new Error(`GET ${path}: ${described(answer)}`);
    return answer;
  };
  for (let i = 0; i < WARMUPS; i++) await get();
  const ms: number[] = [];
  const cpuBefore = cpuTime(koda.pid);
  let last: Answer | undefined;
  for (let i = 0; i < runs; i++) {
    last = await get();
    ms.push(last.ms);
  }
  return { ms, cpuMs: (cpuTime(koda.pid) - cpuBefore) / runs, last: last as Answer };
}

/**
 * The server's CPU time per request (user + system of all its threads, from /proc): what the
 * request costs the server, which a busy machine stretches far less than the wall-clock time.
 */
function serverCpu(name: string, cpuMs: number, per = 'request'): Metric {
  return { name: `${name}: server CPU per ${per}`, value: round1(cpuMs), unit: 'ms', load: loadNow() };
}

/** Sizes of a list answer: on the wire (with its encoding), decoded, and the segments it holds when countable. */
function listSize(name: string, answer: Answer, wireTarget?: number): Metric[] {
  const { encoding, wireBytes, body } = decodeBody(answer);
  const load = loadNow();
  const count = countSegments(parseJson(body));
  return [
    {
      name: `${name} on the wire (${encoding})`,
      value: round1(wireBytes / 1000),
      unit: 'kB',
      load,
      ...(wireTarget ? { target: { max: wireTarget } } : {}),
    },
    { name: `${name} decoded`, value: round1(body.length / 1000), unit: 'kB', load },
    ...(count === undefined ? [] : [{ name: `${name} segments in the answer`, value: count, unit: '', load }]),
  ];
}

/** Row 2: the document view's request. */
async function documentCodings(koda: Koda, doc: LargeDocument, rows: Table): Promise<void> {
  const { ms, cpuMs, last } = await timeGets(koda, projectPath(PROJECT, `/sources/${doc.sourceId}/segments`), RUNS);
  const name = '2 document codings';
  rows.add(2, ...latency(name, ms, 60), serverCpu(name, cpuMs), ...listSize(name, last, 400));
}

/** Row 3: from navigation to the text drawn with its 10,000 highlights, the first run a warm-up. */
async function openInChromium(server: KodaServer, doc: LargeDocument, rows: Table): Promise<string[]> {
  if (!existsSync(CHROMIUM) || !existsSync(join(packageRoot(), 'web', 'dist', 'index.html'))) {
    return [`row 3 skipped: needs ${CHROMIUM} and a built web/dist`];
  }
  const { chromium } = await import('playwright-core');
  const url = `http://127.0.0.1:${server.port}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const paints: number[] = [];
  try {
    for (let run = 0; run <= PAINT_RUNS; run++) {
      const context = await signedInContext(browser, url);
      const page = await context.newPage();
      await page.goto(`${url}/#/p/${encodeURIComponent(PROJECT)}/s/${doc.sourceId}`);
      const ms = await paintedAt(page);
      if (run > 0) paints.push(ms);
      await context.close();
    }
  } finally {
    await browser.close();
  }
  rows.add(3, ...latency('3 Chromium: document painted', paints, 1000));
  return [];
}

/** Row 4: the whole list of one code's codings, and, when the route pages, its first page and a walk through all pages. */
async function codingsOfOneCode(koda: Koda, rows: Table): Promise<string[]> {
  const path = projectPath(PROJECT, `/segments?code=${CODE}`);
  const all = await timeGets(koda, path, RUNS);
  const name = '4 codings of one code, all';
  rows.add(4, ...latency(name, all.ms, 150), serverCpu(name, all.cpuMs), ...listSize('4 all', all.last));
  const notes = segmentPage(all.last)?.next ? ['row 4: the list without limit answered one page only (next given)'] : [];
  const probe = await koda.api.get(`${path}&limit=50`, 120_000, ACCEPT_COMPRESSED);
  if (!segmentPage(probe))
    return [...notes, `row 4: ?limit=50 is not paged (${described(probe)}, no { segments, next }): pages not measured`];
  const first = await timeGets(koda, `${path}&limit=50`, RUNS);
  const firstName = '4 codings of one code, first page';
  rows.add(4, ...latency(firstName, first.ms, 50), serverCpu(firstName, first.cpuMs), ...listSize('4 first page', first.last));
  return [...notes, ...(await walkPages(koda, path, rows))];
}

/** Row 4 again, as a client that pages gets it all: WALK_PAGE at a time, following `next`, each walk timed whole. */
async function walkPages(koda: Koda, path: string, rows: Table): Promise<string[]> {
  await walkOnce(koda, path);
  const cpuBefore = cpuTime(koda.pid);
  const walks: Walk[] = [];
  for (let i = 0; i < WALKS; i++) walks.push(await walkOnce(koda, path));
  const name = `4 codings of one code, all in pages of ${WALK_PAGE}`;
  const last = walks[walks.length - 1] as Walk;
  const load = loadNow();
  rows.add(
    4,
    ...latency(
      name,
      walks.map((w) => w.ms),
    ),
    serverCpu(name, (cpuTime(koda.pid) - cpuBefore) / WALKS, 'walk'),
    { name: '4 all in pages on the wire', value: round1(last.wireBytes / 1000), unit: 'kB', load },
    { name: `4 all in pages: segments in ${last.pages} pages`, value: last.segments, unit: '', load },
  );
  return last.segments === SEGMENTS ? [] : [`row 4: walking the pages gave ${last.segments} segments, not ${SEGMENTS}`];
}

interface Walk {
  ms: number;
  wireBytes: number;
  segments: number;
  pages: number;
}

/** One walk through all pages of `path`: the requests' summed time, bytes on the wire, segments and pages. */
async function walkOnce(koda: Koda, path: string): Promise<Walk> {
  const walk: Walk = { ms: 0, wireBytes: 0, segments: 0, pages: 0 };
  let after: string | null = null;
  do {
    const cursor = after ? `&after=${encodeURIComponent(after)}` : '';
    const answer = await koda.api.get(`${path}&limit=${WALK_PAGE}${cursor}`, 120_000, ACCEPT_COMPRESSED);
    const page = segmentPage(answer);
    if (!page) throw new Error(`page ${walk.pages + 1} of ${path}: ${described(answer)}`);
    walk.ms += answer.ms;
    walk.wireBytes += answer.bytes.length;
    walk.segments += page.segments.length;
    walk.pages++;
    after = page.next;
  } while (after !== null && walk.pages <= SEGMENTS);
  return walk;
}

/** Row 5: the code's quote list as a file. */
async function quoteList(koda: Koda, rows: Table): Promise<void> {
  const formats = [
    ['csv', RUNS, 150],
    ['xlsx', RUNS, 300],
    ['docx', HEAVY_RUNS, undefined],
  ] as const;
  for (const [format, runs, target] of formats) {
    const { ms, cpuMs, last } = await timeGets(koda, projectPath(PROJECT, `/quotes/export?code=${CODE}&format=${format}`), runs);
    const name = `5 quote list ${format}`;
    rows.add(5, ...latency(name, ms, target), serverCpu(name, cpuMs), fileSize(name, last));
  }
}

/** Row 6: the document with its highlights as a file. */
async function codedTranscript(koda: Koda, doc: LargeDocument, rows: Table): Promise<void> {
  const formats = [
    ['html', RUNS, 300],
    ['docx', HEAVY_RUNS, undefined],
  ] as const;
  for (const [format, runs, target] of formats) {
    const path = projectPath(PROJECT, `/sources/${doc.sourceId}/transcript?format=${format}`);
    const { ms, cpuMs, last } = await timeGets(koda, path, runs);
    const name = `6 coded transcript ${format}`;
    rows.add(6, ...latency(name, ms, target), serverCpu(name, cpuMs), fileSize(name, last));
  }
}

function fileSize(name: string, answer: Answer): Metric {
  const { encoding, wireBytes } = decodeBody(answer);
  return { name: `${name} on the wire (${encoding})`, value: round1(wireBytes / 1000), unit: 'kB', load: loadNow() };
}

/**
 * Row 1: one coding at a time, as the UI sends them: quiet, then while another process on the
 * same store builds reports and imports transcripts (until it has done at least one of each).
 */
async function createCodings(koda: Koda, env: BenchEnv, doc: LargeDocument, rows: Table): Promise<string[]> {
  const apply = newCoding(koda, doc, await codeIdOf(env), env.options.seed);
  for (let i = 0; i < APPLY_WARMUPS; i++) await apply();
  const database = await DatabaseCpu.start(env);
  const quiet = await timeCodings(koda, apply, (n) => n < APPLY_RUNS);
  const databaseMs = await database?.since();
  rows.add(1, ...latency('1 create one coding, quiet', quiet.ms), serverCpu('1 create one coding, quiet', quiet.cpuMs));
  // What the database did for them, when it runs on this machine: the rest of a quiet coding's cost.
  if (databaseMs)
    rows.add(1, {
      name: '1 create one coding, quiet: database CPU per request (PostgreSQL backends)',
      value: round1(databaseMs / quiet.ms.length),
      unit: 'ms',
      load: loadNow(),
    });

  const load = await LoadProcess.start(env);
  let busy: { ms: number[]; cpuMs: number };
  try {
    busy = await timeCodings(koda, apply, (n) => n < APPLY_UNDER_LOAD_CAP && load.running && (n < APPLY_RUNS || !load.didBoth()));
  } finally {
    await load.stop();
  }
  const name = '1 create one coding, under load';
  rows.add(1, ...latency(name, busy.ms, 10), serverCpu(name, busy.cpuMs));
  return [`row 1 under load: beside it another process ran ${load.summary()}`];
}

/** Codings made one after another while `more(done)` holds: their times and the server's CPU per coding. */
async function timeCodings(
  koda: Koda,
  apply: () => Promise<number>,
  more: (done: number) => boolean,
): Promise<{ ms: number[]; cpuMs: number }> {
  const ms: number[] = [];
  const cpuBefore = cpuTime(koda.pid);
  while (more(ms.length)) ms.push(await apply());
  return { ms, cpuMs: (cpuTime(koda.pid) - cpuBefore) / ms.length };
}

async function codeIdOf(env: BenchEnv): Promise<string> {
  const row = await env.store.db
    .selectFrom('codes')
    .innerJoin('projects', 'projects.id', 'codes.project_id')
    .select('codes.id')
    .where('projects.name', '=', PROJECT)
    .where('codes.name', '=', CODE)
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * A function that creates one new coding and answers its time: spans of 61–90 words, longer than
 * any seeded one (at most 60), never the same twice, so none is refused as a twin.
 */
function newCoding(koda: Koda, doc: LargeDocument, code: string, seed: number): () => Promise<number> {
  const rng = createRng(seed ^ 0xc0de);
  const taken = new Set<string>();
  return async () => {
    let span: { start: number; end: number };
    do {
      const w = rng.int(0, doc.words.length - 100);
      span = { start: (doc.words[w] as { start: number }).start, end: (doc.words[w + rng.int(61, 90)] as { end: number }).end };
    } while (taken.has(`${span.start} ${span.end}`));
    taken.add(`${span.start} ${span.end}`);
    const answer = await koda.api.send('POST', projectPath(PROJECT, '/segments'), { source: doc.sourceId, code, ...span });
    if (answer.status !== 201) throw new Error(`creating a coding: ${described(answer)}`);
    return answer.ms;
  };
}

/** Row 7: the server's resident memory after everything above. */
function serverMemory(server: KodaServer, rows: Table): void {
  const { peak, now } = residentMemory(server.pid);
  const load = loadNow();
  rows.add(
    7,
    { name: '7 server peak memory (VmHWM)', value: round1(peak / MIB), unit: 'MiB', load, target: { max: 200 } },
    { name: '7 server memory now (VmRSS)', value: round1(now / MIB), unit: 'MiB', load },
  );
}

/**
 * The CPU time of the bench database's PostgreSQL backends, read from /proc when the database
 * runs on this machine: all of them, so it is measured while the server alone works (the bench's
 * own connection idle, no load process). A backend opened meanwhile counts from its start.
 */
class DatabaseCpu {
  private constructor(
    private readonly env: BenchEnv,
    private readonly before: Map<number, number>,
  ) {}

  /** Null on SQLite, whose work is inside the server's process and its CPU. */
  static async start(env: BenchEnv): Promise<DatabaseCpu | null> {
    if (!env.database) return null;
    return new DatabaseCpu(env, await DatabaseCpu.backends(env));
  }

  /** Milliseconds of CPU the backends used since start; 0 when /proc shows none of them (a database elsewhere). */
  async since(): Promise<number> {
    let ms = 0;
    for (const [pid, now] of await DatabaseCpu.backends(this.env)) ms += now - (this.before.get(pid) ?? 0);
    return ms;
  }

  private static async backends(env: BenchEnv): Promise<Map<number, number>> {
    const { rows } = await sql<{ pid: number }>`select pid from pg_stat_activity where datname = current_database()`.execute(
      env.store.db,
    );
    return new Map(rows.map((r) => [r.pid, runTime(r.pid)]));
  }
}

/** loadChild.ts running on the bench's store, and what it has finished so far. */
class LoadProcess {
  private readonly done = { report: [] as number[], import: [] as number[] };

  private constructor(private readonly child: ChildProcess) {}

  static async start(env: BenchEnv): Promise<LoadProcess> {
    const script = fileURLToPath(new URL('./loadChild.js', import.meta.url));
    const args = [script, env.dataDir, PROJECT, ...(env.database ? [env.database.url] : [])];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    const load = new LoadProcess(child);
    await load.ready();
    return load;
  }

  /** Resolves on the child's `{"ready":true}`; fails if it ends before. */
  private ready(): Promise<void> {
    const lines = createInterface({ input: this.child.stdout as NodeJS.ReadableStream });
    return new Promise((resolve, reject) => {
      this.child.once('exit', (code) => reject(new Error(`the load process ended before it was ready (exit ${code})`)));
      lines.on('line', (line) => {
        const event = JSON.parse(line) as { ready?: boolean; step?: 'report' | 'import'; ms?: number };
        if (event.ready) resolve();
        if (event.step) this.done[event.step].push(event.ms ?? 0);
      });
    });
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  didBoth(): boolean {
    return this.done.report.length > 0 && this.done.import.length > 0;
  }

  summary(): string {
    const each = (name: 'report' | 'import', what: string) =>
      `${this.done[name].length} ${what}${this.done[name].length ? ` (p50 ${summarise(this.done[name]).p50} ms)` : ''}`;
    return `${each('report', 'full reports of this project')} and ${each('import', 'imports of a 12,000-word transcript into another project')}`;
  }

  /** Stops the child and waits for it (kill -9 after 30 s: a report may be in the middle of a step). */
  stop(): Promise<void> {
    if (!this.running) return Promise.resolve();
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill('SIGTERM');
    const stuck = setTimeout(() => this.child.kill('SIGKILL'), 30_000);
    return exited.finally(() => clearTimeout(stuck));
  }
}
