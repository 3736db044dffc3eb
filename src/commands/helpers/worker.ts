import { parentPort, type Transferable, Worker } from 'node:worker_threads';
import { type ErrorParams, KodaError } from '../../core/errors.js';
import { workerScript } from '../../store/paths.js';
import { yieldToEventLoopThread } from '../../store/threadPriority.js';

/**
 * Work that would hold the server's event loop for seconds (parsing a huge import, drawing the
 * charts and writing the document of a report) runs in a worker thread. Each kind of work has
 * one worker, started on first use and kept while jobs come (loading the libraries takes longer
 * than a typical job), ended after IDLE_MS without one: a thread's heap, grown by a big job,
 * is tens of MiB the server would otherwise hold at rest. It keeps the process alive only while
 * a job is pending.
 */
export type WorkerReply<T> =
  | { ok: T }
  | { error: { code: string; params: ErrorParams; kind: KodaError['kind'] } }
  | { crashed: true };

/** How long a worker waits for its next job before it ends. */
const IDLE_MS = 30_000;

/** How far a job has come: `done` of `total` steps. */
export type Progress = (done: number, total: number) => void;

/** What a worker sends about job `id`: its progress, or its reply (the last message). */
type JobMessage<Result> = { id: number; progress: [number, number] } | { id: number; reply: WorkerReply<Result> };

export class BackgroundWorker<Request, Result> {
  private worker: Worker | undefined;
  private idle: NodeJS.Timeout | undefined;
  private readonly pending = new Map<number, { settle: (reply: WorkerReply<Result>) => void; progress?: Progress }>();
  private nextId = 0;

  /** `script`: the worker's module beside this one, e.g. `importWorker.js`. */
  constructor(
    private readonly script: string,
    private readonly idleMs = IDLE_MS,
  ) {}

  /**
   * Runs one job; a KodaError thrown in the worker is thrown here again. Buffers in `transfer`
   * are moved to the worker, not copied (and can no longer be used here).
   */
  async run(request: Request, transfer: Transferable[] = [], progress?: Progress): Promise<{ ok: Result } | { crashed: true }> {
    const reply = await this.send(request, transfer, progress);
    if ('error' in reply) throw new KodaError(reply.error.code, reply.error.params, reply.error.kind);
    return reply;
  }

  private send(request: Request, transfer: Transferable[], progress?: Progress): Promise<WorkerReply<Result>> {
    const worker = this.start();
    clearTimeout(this.idle);
    const id = this.nextId++;
    if (this.pending.size === 0) worker.ref();
    return new Promise((resolve) => {
      this.pending.set(id, { settle: resolve, progress });
      worker.postMessage({ id, request }, transfer);
    });
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(workerScript(import.meta.url, this.script), { resourceLimits: { maxYoungGenerationSizeMb: 8 } });
    worker.unref();
    worker.on('message', (message: JobMessage<Result>) => {
      if ('progress' in message) this.pending.get(message.id)?.progress?.(...message.progress);
      else this.settle(message.id, message.reply);
    });
    const gone = () => {
      if (this.worker === worker) this.worker = undefined;
      for (const id of [...this.pending.keys()]) this.settle(id, { crashed: true });
    };
    worker.once('error', gone);
    worker.once('exit', gone);
    this.worker = worker;
    return worker;
  }

  /**
   * Starts the thread ahead of a job that is on its way, so that its libraries load while the
   * caller gathers the job's input (a report's quotes); it ends after the idle time if none comes.
   */
  warm(): void {
    if (this.worker) return;
    this.start();
    this.endWhenIdle();
  }

  private settle(id: number, reply: WorkerReply<Result>) {
    this.pending.get(id)?.settle(reply);
    this.pending.delete(id);
    if (this.pending.size > 0) return;
    this.worker?.unref();
    this.endWhenIdle();
  }

  private endWhenIdle() {
    const worker = this.worker;
    clearTimeout(this.idle);
    this.idle = setTimeout(() => {
      if (this.worker !== worker || this.pending.size > 0) return;
      this.worker = undefined;
      void worker?.terminate();
    }, this.idleMs).unref();
  }
}

/**
 * The worker side: answers each job with `handle`'s result, its buffers transferred, not copied;
 * `handle` may tell the job's progress on the way.
 */
export function serveJobs<Request, Result>(
  handle: (request: Request, progress: Progress) => Promise<{ result: Result; transfer: Transferable[] }>,
) {
  yieldToEventLoopThread();
  parentPort?.on('message', async ({ id, request }: { id: number; request: Request }) => {
    const progress: Progress = (done, total) => parentPort?.postMessage({ id, progress: [done, total] });
    try {
      const { result, transfer } = await handle(request, progress);
      parentPort?.postMessage({ id, reply: { ok: result } }, transfer);
    } catch (e) {
      const reply: WorkerReply<Result> =
        e instanceof KodaError ? { error: { code: e.code, params: e.params, kind: e.kind } } : { crashed: true };
      parentPort?.postMessage({ id, reply });
    }
  });
}
