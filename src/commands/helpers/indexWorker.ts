import { indexOneSource } from '../../store/searchIndex.js';
import type { IndexRequest } from './indexOffThread.js';
import { serveJobs } from './worker.js';
import { openStoreOnWorker } from './workerStore.js';

/**
 * The worker side of indexOffThread.ts: opens the store, indexes the sources one by one, closes it.
 * Opened per job rather than kept: a connection left open here would stop a passphrase change,
 * which needs the store to itself, and a job (a million characters) outweighs an open.
 */
serveJobs<IndexRequest, (number | null)[]>(async ({ access, sources }) => {
  const store = await openStoreOnWorker(access);
  try {
    const counts: (number | null)[] = [];
    for (const source of sources) counts.push(await indexOneSource(store.db, source));
    return { result: counts, transfer: [] };
  } finally {
    await store.close();
  }
});
