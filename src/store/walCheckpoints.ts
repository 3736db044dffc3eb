import { Worker } from 'node:worker_threads';
import type SQLite from 'better-sqlite3-multiple-ciphers';
import { workerScript } from './paths.js';

/** How long after a write the WAL is copied back: writes within it share one checkpoint. */
const DELAY_MS = 500;

/** SQLite's default: a checkpoint inside the COMMIT that takes the WAL past this many pages. */
const SQLITE_AUTOCHECKPOINT_PAGES = 1000;

/**
 * The server's embedded store copies its write-ahead log back into the database file on a worker
 * thread. SQLite's own automatic checkpoint runs inside the COMMIT that takes the WAL past 1000
 * pages, on the event loop: after a big import it held the server 95–135 ms (issue 13). While
 * the worker runs, the server's connection has that turned off and tells this after each write;
 * a write may be followed by more, so the copy waits DELAY_MS and then covers them all.
 *
 * Durability is not at stake: a commit is on disk in the WAL (synchronous = FULL) whether or not
 * it has been copied yet, and a WAL left behind by a crash is replayed when the store is opened.
 */
export class BackgroundCheckpoints {
  private worker: Worker | undefined;
  private key: Buffer | undefined;
  private timer: NodeJS.Timeout | undefined;
  private running = false;
  private again = false;

  /** `sqlite`: the server's connection to the store in `file`. */
  constructor(
    private readonly sqlite: SQLite.Database,
    private readonly file: string,
  ) {}

  /** Starts the worker; `key` is an encrypted store's raw key, for the worker's own connection. */
  start(key: Buffer | undefined): void {
    this.key = key;
    const worker = new Worker(workerScript(import.meta.url, 'checkpointWorker.js'), {
      workerData: { file: this.file, key: key?.toString('hex') },
    });
    worker.unref();
    worker.on('message', () => this.finished());
    // A worker that stops on its own (it could not open the store) gives SQLite's checkpoint back.
    worker.on('error', () => {});
    worker.once('exit', () => {
      if (this.worker === worker) this.handBack();
    });
    this.worker = worker;
    this.sqlite.pragma('wal_autocheckpoint = 0');
  }

  /** Called after every write that may have committed: schedules one checkpoint soon. */
  written(): void {
    if (!this.worker) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.timer ??= setTimeout(() => this.run(), DELAY_MS).unref();
  }

  private run(): void {
    this.timer = undefined;
    this.running = true;
    this.worker?.postMessage('checkpoint');
  }

  private finished(): void {
    this.running = false;
    if (this.again) {
      this.again = false;
      this.written();
    }
  }

  /** Stops the worker and closes its connection, before the store closes. */
  async stop(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    this.handBack();
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    // Held until it has closed its connection: an unreferenced worker would let the process end first.
    worker.ref();
    worker.postMessage('close');
    await exited;
  }

  /**
   * Runs `work` (a rekey: it needs the database to itself) with the worker stopped, then starts
   * it again, with the key `work` gives if any, else the one it had.
   */
  async whileStopped(work: () => Promise<Buffer | undefined>): Promise<void> {
    await this.stop();
    let key = this.key;
    try {
      key = (await work()) ?? key;
    } finally {
      this.start(key);
    }
  }

  private handBack(): void {
    this.worker = undefined;
    clearTimeout(this.timer);
    this.timer = undefined;
    this.running = false;
    this.again = false;
    this.sqlite.pragma(`wal_autocheckpoint = ${SQLITE_AUTOCHECKPOINT_PAGES}`);
  }
}
