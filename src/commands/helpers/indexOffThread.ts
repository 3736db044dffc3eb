import type { Store } from '../../store/db.js';
import type { SourceToIndex, SyncOptions } from '../../store/searchIndex.js';
import { BackgroundWorker } from './worker.js';
import { type StoreAccess, storeAccess } from './workerStore.js';

export interface IndexRequest {
  access: StoreAccess;
  sources: SourceToIndex[];
}

const indexer = new BackgroundWorker<IndexRequest, (number | null)[]>('indexWorker.js');

/**
 * The search index sync's way to index many or long texts on a worker thread with a connection
 * of its own (indexWorker.ts): their stemming otherwise runs on the server's thread, and on SQLite
 * their writing and COMMITs too (on PostgreSQL a first build held the event loop 154 ms).
 * Each source is written in one transaction as ever; the server waits for it without holding
 * its event loop.
 */
export function indexOffThread(store: Store): Pick<SyncOptions, 'indexApart'> {
  const access = storeAccess(store);
  if (!access) return {};
  return {
    indexApart: async (sources) => {
      const reply = await indexer.run({ access, sources });
      if ('crashed' in reply) throw new Error('the search index worker stopped');
      return reply.ok;
    },
  };
}
