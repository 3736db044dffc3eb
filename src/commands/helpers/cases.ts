import { conflict } from '../../core/errors.js';
import type { ChangeRecorder } from '../../store/changes.js';
import { newId, nowIso } from '../../store/ids.js';

/** Writes a new case (names are unique in a project: a taken one is refused) and returns its id. */
export async function insertCase(w: ChangeRecorder, projectId: string, name: string, description = ''): Promise<string> {
  const taken = await w.trx
    .selectFrom('cases')
    .select('id')
    .where('project_id', '=', projectId)
    .where('name', '=', name)
    .executeTakeFirst();
  if (taken) throw conflict('case.exists', { case: name });
  const id = newId();
  await w.insert('cases', { id, project_id: projectId, name, description, created_at: nowIso() });
  return id;
}
