import { compactStore } from '../../store/compact.js';
import type { Store } from '../../store/db.js';
import { recentTexts } from './recentTexts.js';

/**
 * After an erasure (a withdrawal, pseudonymisation, retention's deletions): no copy of the erased
 * words is left in this process's kept texts, nor in the store's free pages and write-ahead log.
 */
export async function leaveNoCopies(store: Store): Promise<void> {
  recentTexts.clear();
  await compactStore(store);
}
