import { createHash } from 'node:crypto';

/**
 * The statements PostgreSQL keeps prepared on each connection: those of statementTemplate,
 * whose text never changes. The database parses and plans such a statement once per connection
 * rather than at every run (issue 17: a coding's anchor statement cost its backend 0.32 ms of
 * CPU sent unnamed, 0.07 ms prepared). Named by a digest of the text, so a name always means the
 * same statement, whichever process or connection prepared it.
 */
const names = new Map<string, string>();

/** Keeps `sql` prepared from now on (postgres.ts names it when it is sent). */
export function prepareStatement(sql: string): void {
  if (!names.has(sql)) names.set(sql, `koda_${createHash('sha256').update(sql).digest('hex').slice(0, 24)}`);
}

/** The name `sql` is prepared under, or undefined when it is sent unnamed. */
export const preparedName = (sql: string): string | undefined => names.get(sql);
