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

export class BackgroundWorker<Request, Result> {
  private worker: Worker | undefined;
  private idle: NodeJS.Timeout | undefined;
  private readonly pending = new Map<number, (reply: WorkerReply<Result>) => void>();
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
  async run(request: Request, transfer: Transferable[] = []): Promise<{ ok: Result } | { crashed: true }> {
    const reply = await this.send(request, transfer);
    if ('error' in reply) throw new KodaError(reply.error.code, reply.error.params, reply.error.kind);
    return reply;
  }

  private send(request: Request, transfer: Transferable[]): Promise<WorkerReply<Result>> {
    const worker = this.start();
    clearTimeout(this.idle);
    const id = this.nextId++;
    if (this.pending.size === 0) worker.ref();
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      worker.postMessage({ id, request }, transfer);
    });
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(workerScript(import.meta.url, this.script), { resourceLimits: { maxYoungGenerationSizeMb: 8 } });
    worker.unref();
    worker.on('message', ({ id, reply }: { id: number; reply: WorkerReply<Result> }) => this.settle(id, reply));
    const gone = () => {
      if (this.worker === worker) this.worker = undefined;
      for (const id of [...this.pending.keys()]) this.settle(id, { crashed: true });
    };
    worker.once('error', gone);
    worker.once('exit', gone);
    this.worker = worker;
    return worker;
  }

  private settle(id: number, reply: WorkerReply<Result>) {
    this.pending.get(id)?.(reply);
    this.pending.delete(id);
    if (this.pending.size > 0) return;
    this.worker?.unref();
    const worker = this.worker;
    this.idle = setTimeout(() => {
      if (this.worker !== worker || this.pending.size > 0) return;
      this.worker = undefined;
      void worker?.terminate();
    }, this.idleMs).unref();
  }
}

/** The worker side: answers each job with `handle`'s result, its buffers transferred, not copied. */
export function serveJobs<Request, Result>(handle: (request: Request) => Promise<{ result: Result; transfer: Transferable[] }>) {
  yieldToEventLoopThread();
  parentPort?.on('message', async ({ id, request }: { id: number; request: Request }) => {
    try {
      const { result, transfer } = await handle(request);
      parentPort?.postMessage({ id, reply: { ok: result } }, transfer);
    } catch (e) {
      const reply: WorkerReply<Result> =
        e instanceof KodaError ? { error: { code: e.code, params: e.params, kind: e.kind } } : { crashed: true };
      parentPort?.postMessage({ id, reply });
    }
  });
}
