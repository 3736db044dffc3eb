import { type IncomingMessage, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { Api, request as call, described } from '../reliability/http.js';
import { type KodaServer, startServer } from '../reliability/server.js';
import { addCode } from '../src/commands/addCode.js';
import { createProject } from '../src/commands/createProject.js';
import { importSource } from '../src/commands/importSource.js';
import type { Engine } from '../src/store/db.js';
import { generateTranscript } from './corpus.js';
import type { BenchEnv } from './fixture.js';
import { type BenchResult, loadNow, type Metric, summarise } from './measure.js';

const SAMPLES = 200;
/** How long one change may take to reach the other server before it counts as not delivered. */
const WAIT_MS = 2_000;
/** Changes missed in a row after which the run stops: nothing relays them. */
const GIVE_UP_AFTER = 3;
const PROJECT = 'Delivery';

/**
 * Cross-server delivery (issue 13): two `koda serve` processes on the bench's store, a browser
 * watching the project on server B (its live-update stream) while a coder codes through server
 * A's API. Each sample is one coding: the time from A's request going out to B's `change` event
 * naming the new segment, one at a time. A's own stream is timed beside it, so the relay's share
 * shows. On SQLite the two servers share the data folder's file.
 */
export async function benchDelivery(env: BenchEnv): Promise<BenchResult> {
  const { projectId, sourceId, codeId, length } = await seedProject(env);
  // Undefined drops a URL the shell may have set: on SQLite both servers open the data folder.
  const serverEnv = { KODA_DATABASE_URL: env.database?.url };
  const a = await startServer(env.dataDir, { env: serverEnv });
  let b: KodaServer | undefined;
  const streams: EventStream[] = [];
  try {
    b = await startServer(env.dataDir, { env: serverEnv });
    const path = `/api/projects/${projectId}/events`;
    // Sessions live in the store: one sign-in holds on both servers, as for a person behind a load balancer.
    const cookie = await localSession(a.port, env.ctx.actor);
    const onA = await EventStream.open(a.port, path, cookie);
    const onB = await EventStream.open(b.port, path, cookie);
    streams.push(onA, onB);
    const api = new Api(a.port, cookie);
    const acrossMs: number[] = [];
    const sameMs: number[] = [];
    const answerMs: number[] = [];
    let missedInARow = 0;
    let attempted = 0;
    // Once B has missed GIVE_UP_AFTER changes in a row it is no longer waited for (nothing relays
    // them), but A's own figures go on to SAMPLES: three cold samples made a noisy p50.
    let waitedOnB = 0;
    for (let i = 0; i < SAMPLES; i++) {
      attempted++;
      const start = (i * 7) % Math.max(1, length - 6);
      const t0 = performance.now();
      const answer = await api.send('POST', `/api/projects/${projectId}/segments`, {
        source: sourceId,
        code: codeId,
        start,
        end: start + 5,
      });
      answerMs.push(performance.now() - t0);
      const id = (answer.json as { id?: string } | undefined)?.id;
      if (answer.status !== 201 || !id)
        throw new Error(`coding on server A failed: ${answer.status} ${answer.text.slice(0, 200)}`);
      const seenOnA = await onA.arrival(id, t0 + WAIT_MS);
      if (seenOnA !== undefined) sameMs.push(seenOnA - t0);
      if (missedInARow >= GIVE_UP_AFTER) continue;
      waitedOnB++;
      const seenOnB = await onB.arrival(id, t0 + WAIT_MS);
      if (seenOnB === undefined) {
        missedInARow++;
        continue;
      }
      missedInARow = 0;
      acrossMs.push(seenOnB - t0);
    }
    return report(env.store.engine, { attempted, waitedOnB }, acrossMs, sameMs, answerMs);
  } finally {
    for (const s of streams) s.close();
    await Promise.all([a.stop(), b?.stop()]);
  }
}

/** A project of its own (the bench may run alone): one transcript, one code. */
async function seedProject(env: BenchEnv): Promise<{ projectId: string; sourceId: string; codeId: string; length: number }> {
  const { ctx } = env;
  const project = await createProject(ctx, { name: PROJECT, language: 'sv' });
  const text = generateTranscript(env.options.seed, { words: 2_000 });
  const source = await importSource(ctx, { project: PROJECT, fileName: 'delivery.txt', bytes: new TextEncoder().encode(text) });
  const code = await addCode(ctx, { project: PROJECT, name: 'samverkan' });
  return { projectId: project.id, sourceId: source.id, codeId: code.id, length: [...text].length };
}

/** A session of the bench's person on a server in local mode (named once, no password). */
async function localSession(port: number, name: string): Promise<string> {
  const answer = await call({
    port,
    method: 'POST',
    path: '/api/session/local',
    headers: { origin: `http://127.0.0.1:${port}`, 'x-koda-csrf': '1', 'content-type': 'application/json' },
    body: JSON.stringify({ name }),
  });
  const cookie = String([answer.headers['set-cookie']].flat()[0] ?? '').split(';')[0];
  if (answer.status !== 200 || !cookie) throw new Error(`local sign-in as ${name} failed: ${described(answer)}`);
  return cookie;
}

function report(
  engine: Engine,
  { attempted, waitedOnB }: { attempted: number; waitedOnB: number },
  acrossMs: number[],
  sameMs: number[],
  answerMs: number[],
): BenchResult {
  const load = loadNow();
  const metrics: Metric[] = [{ name: 'changes made on A', value: attempted, unit: '', load }];
  const notes: string[] = [];
  metrics.push({ name: 'seen on B', value: acrossMs.length, unit: '', load });
  if (acrossMs.length > 0) {
    const s = summarise(acrossMs);
    metrics.push(
      { name: 'A → B p50', value: s.p50, unit: 'ms', load },
      { name: 'A → B p95', value: s.p95, unit: 'ms', load, target: { max: 250 } },
      { name: 'A → B max', value: s.max, unit: 'ms', load },
    );
  }
  if (acrossMs.length < waitedOnB) {
    notes.push(
      `not delivered: server B's stream missed ${waitedOnB - acrossMs.length} of the ${waitedOnB} changes made on A it was waited for ` +
        `(${WAIT_MS} ms each${waitedOnB < attempted ? `; not waited for after ${GIVE_UP_AFTER} missed in a row` : ''})` +
        (engine === 'sqlite' ? '; SQLite has no change feed between processes' : ''),
    );
  }
  if (sameMs.length > 0) {
    const s = summarise(sameMs);
    metrics.push(
      { name: 'A → A p50 (same server)', value: s.p50, unit: 'ms', load },
      { name: 'A → A p95', value: s.p95, unit: 'ms', load },
    );
  }
  const answer = summarise(answerMs);
  metrics.push({ name: 'A answers the coding p50', value: answer.p50, unit: 'ms', load });
  return { name: 'delivery', metrics, notes, extra: { acrossMs, sameMs } };
}

/** A browser's live-update stream: when each object id first arrived in a `change` event. */
class EventStream {
  private readonly arrivals = new Map<string, number>();
  private readonly waiting = new Map<string, () => void>();
  private buffer = '';

  private constructor(private readonly response: IncomingMessage) {
    response.setEncoding('utf8');
    response.on('data', (chunk: string) => this.receive(chunk));
  }

  static open(port: number, path: string, cookie: string): Promise<EventStream> {
    const headers = { accept: 'text/event-stream', cookie };
    return new Promise((resolve, reject) => {
      const req = request({ host: '127.0.0.1', port, path, headers, agent: false }, (res) => {
        if (res.statusCode !== 200) reject(new Error(`event stream on port ${port}: ${res.statusCode}`));
        else resolve(new EventStream(res));
      });
      req.on('error', reject);
      req.end();
    });
  }

  /** When `id` arrived (performance.now()), waiting for it until `deadline`; undefined if it did not. */
  async arrival(id: string, deadline: number): Promise<number | undefined> {
    const left = deadline - performance.now();
    if (!this.arrivals.has(id) && left > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiting.set(id, () => {
          clearTimeout(timer);
          resolve();
        });
      });
      this.waiting.delete(id);
    }
    return this.arrivals.get(id);
  }

  close(): void {
    this.response.destroy();
  }

  private receive(chunk: string): void {
    const at = performance.now();
    this.buffer += chunk;
    for (let end = this.buffer.indexOf('\n\n'); end !== -1; end = this.buffer.indexOf('\n\n')) {
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      const data = block.split('\n').find((line) => line.startsWith('data: '));
      if (!block.includes('event: change') || !data) continue;
      const event = JSON.parse(data.slice('data: '.length)) as { objectIds?: string[] };
      for (const id of event.objectIds ?? []) {
        if (this.arrivals.has(id)) continue;
        this.arrivals.set(id, at);
        this.waiting.get(id)?.();
      }
    }
  }
}
