import { openStore, type Store } from '../../store/db.js';

/**
 * How a worker thread opens the store its main thread has open (store.workerAccess), as a
 * message can carry it: an encrypted store's raw key as hex, a Buffer arriving as a plain byte array.
 */
export interface StoreAccess {
  dataDir: string;
  key?: string;
  database?: string;
  allowPlaintext?: boolean;
}

/** `store`'s access for a worker; undefined when a worker cannot open it. */
export function storeAccess(store: Store): StoreAccess | undefined {
  const access = store.workerAccess;
  return access && { ...access, key: access.key?.toString('hex') };
}

/** The worker's own connection to the store `access` names. */
export function openStoreOnWorker({ dataDir, key, database, allowPlaintext }: StoreAccess): Promise<Store> {
  return openStore(dataDir, { key: key ? Buffer.from(key, 'hex') : undefined, database, allowPlaintext });
}
