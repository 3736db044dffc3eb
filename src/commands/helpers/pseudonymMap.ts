import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PseudonymMapping } from '../../core/pseudonyms/replace.js';
import type { NameLists } from '../../core/pseudonyms/suggest.js';
import type { Db } from '../../store/db.js';
import { packageRoot } from '../../store/paths.js';
import type { PseudonymKey } from '../../store/pseudonymKey.js';
import type { PseudonymEntryRow } from '../../store/schema.js';

/**
 * Shared by the pseudonym commands: the shipped name and place lists, and a project's map as
 * the two halves it is stored in (fictive forms in their rows, real forms in the encrypted key).
 */

let lists: NameLists | undefined;

/** The shipped lists (`data/pseudonyms/`, one name a line), read once. */
export function nameLists(): NameLists {
  lists ??= {
    firstNames: [...readList('sv-first-names.txt'), ...readList('en-first-names.txt')],
    places: [...readList('sv-places.txt'), ...readList('en-places.txt')],
  };
  return lists;
}

function readList(file: string): string[] {
  return readFileSync(join(packageRoot(), 'data', 'pseudonyms', file), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}

export async function entryRows(db: Db, projectId: string): Promise<PseudonymEntryRow[]> {
  return db
    .selectFrom('pseudonym_entries')
    .selectAll()
    .where('project_id', '=', projectId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/**
 * The map with its real forms: each entry of the database joined to its forms in the key.
 * Key entries without a row (an add undone before undo took the key back too) are left out; so
 * are rows without key entries (their real forms are not known).
 */
export function joinMap(rows: readonly PseudonymEntryRow[], key: PseudonymKey): PseudonymMapping[] {
  const real = new Map(key.entries.map((e) => [e.id, e.real]));
  return rows.flatMap((r) => {
    const forms = real.get(r.id);
    return forms && forms.length > 0 ? [{ id: r.id, real: forms, fictive: r.fictive }] : [];
  });
}
