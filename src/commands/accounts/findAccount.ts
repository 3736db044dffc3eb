import { notFound } from '../../core/errors.js';
import type { Db } from '../../store/db.js';

/** The account of a name, or `account.not-found`. */
export async function findAccount(db: Db, name: string) {
  const row = await db.selectFrom('accounts').selectAll().where('name', '=', name.trim()).executeTakeFirst();
  if (!row) throw notFound('account.not-found', { name: name.trim() });
  return row;
}
