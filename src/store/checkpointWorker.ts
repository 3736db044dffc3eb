import { parentPort, workerData } from 'node:worker_threads';
import SQLite from 'better-sqlite3-multiple-ciphers';
import { unlock } from './encryption.js';
import { yieldToEventLoopThread } from './threadPriority.js';

/**
 * The worker side of walCheckpoints.ts: its own connection to the store, which copies the WAL's
 * committed pages into the database file when asked. PASSIVE: it waits for no reader or writer,
 * and what it cannot copy yet (pages a reader may still need) is left for the next round.
 */
yieldToEventLoopThread();
const { file, key } = workerData as { file: string; key?: string };
const db = new SQLite(file);
if (key) unlock(db, Buffer.from(key, 'hex'));
db.pragma('synchronous = FULL');
db.pragma('wal_autocheckpoint = 0');

parentPort?.on('message', (message: 'checkpoint' | 'close') => {
  if (message === 'close') {
    db.close();
    parentPort?.close();
    return;
  }
  try {
    const [result] = db.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[];
    parentPort?.postMessage({ done: result });
  } catch (e) {
    parentPort?.postMessage({ failed: (e as Error).message });
  }
});
