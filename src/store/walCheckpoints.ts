import { Worker } from 'node:worker_threads';
import type SQLite from 'better-sqlite3-multiple-ciphers';
import { workerScript } from './paths.js';

/**
 * How long after a write the WAL is copied back: the writes until then share one checkpoint. Later
 * writes do not put it off, so under steady writing (a bulk coding, many people at once) the WAL
 * grows by at most this much time's writes between checkpoints.
 */
const DELAY_MS = 500;

/** How long the worker waits for more writes before it goes (a thread of its own costs ~12 MiB). */
const IDLE_MS = 20_000;

/** SQLite's default: a checkpoint inside the COMMIT that takes the WAL past this many pages. */
const SQLITE_AUTOCHECKPOINT_PAGES = 1000;

/**
 * The server's embedded store copies its write-ahead log back into the database file on a worker
 * thread. SQLite's own automatic checkpoint runs inside the COMMIT that takes the WAL past 1000
 * pages, on the event loop: after a big import it held the server 95–135 ms (issue 13). While
 * this is on, the server's connection has that turned off and tells this after each write; a
 * write may be followed by more, so the copy comes DELAY_MS after the first and covers them all.
 * The worker is started by the first write and goes after IDLE_MS without one.
 *
 * Durability is not at stake: a commit is on disk in the WAL (synchronous = FULL) whether or not
 * it has been copied yet, and a WAL left behind by a crash is replayed when the store is opened.
 */
export class BackgroundCheckpoints {
  private on = false;
  private worker: Worker | undefined;
  private key: Buffer | undefined;
  /** The next checkpoint, while one is due. */
  private due: NodeJS.Timeout | undefined;
  /** The worker's retirement, while it waits for writes. */
  private idle: NodeJS.Timeout | undefined;
  private running = false;
  private again = false;

  /** `sqlite`: the server's connection to the store in `file`. */
  constructor(
    private readonly sqlite: SQLite.Database,
    private readonly file: string,
  ) {}

  /** Takes over from SQLite's checkpoint; `key` is an encrypted store's raw key, for the worker's own connection. */
  start(key: Buffer | undefined): void {
    this.key = key;
    this.on = true;
    this.sqlite.pragma('wal_autocheckpoint = 0');
  }

  /** Called after every write that may have committed: schedules one checkpoint soon. */
  written(): void {
    if (!this.on) return;
    if (this.running) {
      this.again = true;
      return;
    }
    clearTimeout(this.idle);
    this.due ??= setTimeout(() => this.run(), DELAY_MS).unref();
  }

  private run(): void {
    this.due = undefined;
    this.running = true;
    this.worker ??= this.spawn();
    this.worker.postMessage('checkpoint');
  }

  private spawn(): Worker {
    const worker = new Worker(workerScript(import.meta.url, 'checkpointWorker.js'), {
      workerData: { file: this.file, key: this.key?.toString('hex') },
    });
    worker.unref();
    worker.on('message', () => this.finished());
    worker.on('error', () => {});
    // Gone on its own (it could not open the store): SQLite's own checkpoint comes back.
    worker.once('exit', () => {
      if (this.worker === worker) this.handBack();
    });
    return worker;
  }

  private finished(): void {
    this.running = false;
    if (this.again) {
      this.again = false;
      this.written();
    } else {
      this.idle = setTimeout(() => void this.retire(), IDLE_MS).unref();
    }
  }

  /** Closes the worker's connection and ends its thread, if it runs. */
  private async retire(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    this.worker = undefined;
    const exited = new Promise((resolve) => worker.once('exit', resolve));
    // Held until it has closed its connection: an unreferenced worker would let the process end first.
    worker.ref();
    worker.postMessage('close');
    await exited;
  }

  /** Gives the checkpoint back to SQLite and stops the worker, before the store closes. */
  async stop(): Promise<void> {
    if (!this.on) return;
    this.handBack();
    await this.retire();
  }

  /**
   * Runs `work` (a rekey: it needs the database to itself) with the worker stopped, then takes
   * over again, with the key `work` gives if any, else the one it had.
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
    this.on = false;
    clearTimeout(this.due);
    clearTimeout(this.idle);
    this.due = undefined;
    this.running = false;
    this.again = false;
    this.sqlite.pragma(`wal_autocheckpoint = ${SQLITE_AUTOCHECKPOINT_PAGES}`);
  }
}
