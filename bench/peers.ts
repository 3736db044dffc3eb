import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { type Answer, Api, described, projectPath } from '../reliability/http.js';
import { residentMemory } from '../reliability/memory.js';
import { type KodaServer, startServer } from '../reliability/server.js';
import { packageRoot } from '../src/store/paths.js';
import { CHROME_ARGS, CHROMIUM, type LargeDocument, paintedAt, seedLargeDocument, signedInContext } from './browser.js';
import { createRng } from './corpus.js';
import type { BenchEnv } from './fixture.js';
import { type BenchResult, loadNow, log, type Metric, round1, summarise } from './measure.js';
import { ACCEPT_COMPRESSED, countSegments, decodeBody } from './wire.js';

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
const MIB = 1024 * 1024;

/** One row of the issue's table: its number there, and the metrics measured for it. */
type Rows = Map<number, Metric[]>;

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
  const server = await startServer(env.dataDir, { env: { KODA_DATABASE_URL: env.database?.url } });
  const rows: Rows = new Map();
  const notes = [
    `document: ${doc.length.toLocaleString('en')} characters, ${SEGMENTS.toLocaleString('en')} codings of one code; every row over HTTP from the bench's process to a koda serve child (${env.store.engine})`,
  ];
  try {
    const api = await new Api(server.port).signIn(env.ctx.actor);
    await documentCodings(api, doc, rows);
    notes.push(...(await openInChromium(server, doc, rows)));
    notes.push(...(await codingsOfOneCode(api, rows)));
    await quoteList(api, rows);
    await codedTranscript(api, doc, rows);
    notes.push(...(await createCodings(api, env, doc, rows)));
    serverMemory(server, rows);
  } finally {
    await server.stop();
  }
  notes.push(
    'rows: 1 create one coding (POST …/segments), 2 list a document’s codings (GET …/sources/:s/segments, accept-encoding: gzip, br), 3 Chromium: navigation to highlights painted, 4 all codings of one code (GET …/segments?code=) and its first page (limit=50), 5 quote list export, 6 coded transcript, 7 the server’s VmHWM/VmRSS after all of them',
  );
  return { name: 'peers', metrics: [...rows.entries()].sort(([a], [b]) => a - b).flatMap(([, m]) => m), notes };
}

function add(rows: Rows, row: number, ...metrics: Metric[]): void {
  rows.set(row, [...(rows.get(row) ?? []), ...metrics]);
  for (const m of metrics) log(`${m.name}: ${m.value} ${m.unit} (load ${m.load})`);
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

/** GETs `path` `runs` times after the warm-up, each answer checked; their times and the last answer. */
async function timeGets(api: Api, path: string, runs: number): Promise<{ ms: number[]; last: Answer }> {
  const ms: number[] = [];
  let last: Answer | undefined;
  for (let i = 0; i < WARMUPS + runs; i++) {
    last = await api.get(path, 120_000, ACCEPT_COMPRESSED);
    if (last.status !== 200) throw new Error(`GET ${path}: ${described(last)}`);
    if (i >= WARMUPS) ms.push(last.ms);
  }
  return { ms, last: last as Answer };
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

function parseJson(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    return undefined;
  }
}

/** Row 2: the document view's request. */
async function documentCodings(api: Api, doc: LargeDocument, rows: Rows): Promise<void> {
  const { ms, last } = await timeGets(api, projectPath(PROJECT, `/sources/${doc.sourceId}/segments`), RUNS);
  add(rows, 2, ...latency('2 document codings', ms, 60), ...listSize('2 document codings', last, 400));
}

/** Row 3: from navigation to the text drawn with its 10,000 highlights, the first run a warm-up. */
async function openInChromium(server: KodaServer, doc: LargeDocument, rows: Rows): Promise<string[]> {
  if (!existsSync(CHROMIUM) || !existsSync(join(packageRoot(), 'web', 'dist', 'index.html'))) {
    return [`row 3 skipped: needs ${CHROMIUM} and a built web/dist`];
  }
  const { chromium } = await import('playwright-core');
  const url = `http://127.0.0.1:${server.port}`;
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROME_ARGS });
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
  add(rows, 3, ...latency('3 Chromium: document painted', paints, 1000));
  return [];
}

/** Row 4: the whole list of one code's codings, and its first page when the route pages. */
async function codingsOfOneCode(api: Api, rows: Rows): Promise<string[]> {
  const all = await timeGets(api, projectPath(PROJECT, `/segments?code=${CODE}`), RUNS);
  add(rows, 4, ...latency('4 codings of one code, all', all.ms, 150), ...listSize('4 all', all.last));
  const pagePath = projectPath(PROJECT, `/segments?code=${CODE}&limit=50`);
  const probe = await api.get(pagePath, 120_000, ACCEPT_COMPRESSED);
  if (!isPage(probe))
    return [`row 4: GET …/segments?limit=50 is not paged (${described(probe)}, no { segments, next }): first page not measured`];
  const page = await timeGets(api, pagePath, RUNS);
  add(rows, 4, ...latency('4 codings of one code, first page', page.ms, 50), ...listSize('4 first page', page.last));
  return [];
}

/** Whether an answer is a page: `{ segments: [...], next }`, as the route answers when given `limit`. */
function isPage(answer: Answer): boolean {
  if (answer.status !== 200) return false;
  const json = parseJson(decodeBody(answer).body) as { segments?: unknown; next?: unknown } | undefined;
  return Array.isArray(json?.segments) && 'next' in (json ?? {});
}

/** Row 5: the code's quote list as a file. */
async function quoteList(api: Api, rows: Rows): Promise<void> {
  const formats = [
    ['csv', RUNS, 150],
    ['xlsx', RUNS, 300],
    ['docx', HEAVY_RUNS, undefined],
  ] as const;
  for (const [format, runs, target] of formats) {
    const { ms, last } = await timeGets(api, projectPath(PROJECT, `/quotes/export?code=${CODE}&format=${format}`), runs);
    add(rows, 5, ...latency(`5 quote list ${format}`, ms, target), fileSize(`5 quote list ${format}`, last));
  }
}

/** Row 6: the document with its highlights as a file. */
async function codedTranscript(api: Api, doc: LargeDocument, rows: Rows): Promise<void> {
  const formats = [
    ['html', RUNS, 300],
    ['docx', HEAVY_RUNS, undefined],
  ] as const;
  for (const [format, runs, target] of formats) {
    const { ms, last } = await timeGets(api, projectPath(PROJECT, `/sources/${doc.sourceId}/transcript?format=${format}`), runs);
    add(rows, 6, ...latency(`6 coded transcript ${format}`, ms, target), fileSize(`6 coded transcript ${format}`, last));
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
async function createCodings(api: Api, env: BenchEnv, doc: LargeDocument, rows: Rows): Promise<string[]> {
  const codeId = await codeIdOf(env);
  const apply = newCoding(api, doc, codeId, env.options.seed);
  for (let i = 0; i < APPLY_WARMUPS; i++) await apply();
  const quiet: number[] = [];
  for (let i = 0; i < APPLY_RUNS; i++) quiet.push(await apply());
  add(rows, 1, ...latency('1 create one coding, quiet', quiet));

  const load = await LoadProcess.start(env);
  const busy: number[] = [];
  try {
    while (busy.length < APPLY_UNDER_LOAD_CAP && load.running && (busy.length < APPLY_RUNS || !load.didBoth()))
      busy.push(await apply());
  } finally {
    await load.stop();
  }
  add(rows, 1, ...latency('1 create one coding, under load', busy, 10));
  return [`row 1 under load: beside it another process ran ${load.summary()}`];
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
function newCoding(api: Api, doc: LargeDocument, code: string, seed: number): () => Promise<number> {
  const rng = createRng(seed ^ 0xc0de);
  const taken = new Set<string>();
  return async () => {
    let span: { start: number; end: number };
    do {
      const w = rng.int(0, doc.words.length - 100);
      span = { start: (doc.words[w] as { start: number }).start, end: (doc.words[w + rng.int(61, 90)] as { end: number }).end };
    } while (taken.has(`${span.start} ${span.end}`));
    taken.add(`${span.start} ${span.end}`);
    const answer = await api.send('POST', projectPath(PROJECT, '/segments'), { source: doc.sourceId, code, ...span });
    if (answer.status !== 201) throw new Error(`creating a coding: ${described(answer)}`);
    return answer.ms;
  };
}

/** Row 7: the server's resident memory after everything above. */
function serverMemory(server: KodaServer, rows: Rows): void {
  const { peak, now } = residentMemory(server.pid);
  const load = loadNow();
  add(
    rows,
    7,
    { name: '7 server peak memory (VmHWM)', value: round1(peak / MIB), unit: 'MiB', load, target: { max: 200 } },
    { name: '7 server memory now (VmRSS)', value: round1(now / MIB), unit: 'MiB', load },
  );
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
