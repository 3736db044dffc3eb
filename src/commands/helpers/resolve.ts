import { sql } from 'kysely';
import { sameName } from '../../core/codebook/tree.js';
import { invalid, notFound } from '../../core/errors.js';
import type { ChangeRecorder } from '../../store/changes.js';
import type { Db } from '../../store/db.js';
import { newId, nowIso } from '../../store/ids.js';
import type { CaseRow, CodeRow, ProjectRow } from '../../store/schema.js';

/**
 * Users name things by name or by id (the CLI and the API both accept either). These find the
 * row or fail with a clear not-found error.
 */
export async function resolveProject(db: Db, ref: string): Promise<ProjectRow> {
  const row = await db.selectFrom('projects').selectAll().where('id', '=', projectIdOf(db, ref)).executeTakeFirst();
  if (!row) throw notFound('project.not-found', { project: ref });
  return row;
}

/**
 * The id of the project named `ref` by id or by name, as a subquery (null for none): the id wins
 * when one project's id is another's name. One statement for both, which a caller can also make
 * part of its own (the workbench names projects by name).
 */
export function projectIdOf(db: Db, ref: string) {
  return db
    .selectFrom('projects')
    .select('id')
    .where((eb) => eb.or([eb('id', '=', ref), eb('name', '=', ref)]))
    .orderBy(sql`id = ${ref}`, 'desc')
    .limit(1);
}

/** A source without its text and original bytes: what most callers need. */
export async function resolveSource(db: Db, projectId: string, ref: string) {
  const cols = ['id', 'project_id', 'name', 'kind', 'case_id', 'text_length', 'created_at'] as const;
  const byId = await db
    .selectFrom('sources')
    .select(cols)
    .where('project_id', '=', projectId)
    .where('id', '=', ref)
    .executeTakeFirst();
  const row =
    byId ??
    (await db.selectFrom('sources').select(cols).where('project_id', '=', projectId).where('name', '=', ref).executeTakeFirst());
  if (!row) throw notFound('source.not-found', { source: ref });
  return row;
}

export async function resolveCase(db: Db, projectId: string, ref: string): Promise<CaseRow> {
  const byId = await db
    .selectFrom('cases')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('id', '=', ref)
    .executeTakeFirst();
  const row =
    byId ??
    (await db.selectFrom('cases').selectAll().where('project_id', '=', projectId).where('name', '=', ref).executeTakeFirst());
  if (!row) throw notFound('case.not-found', { case: ref });
  return row;
}

export async function loadCodes(db: Db, projectId: string): Promise<CodeRow[]> {
  return db.selectFrom('codes').selectAll().where('project_id', '=', projectId).orderBy('position').execute();
}

/**
 * A code by id, by name, or by path (`Hinder/media`) when the name alone is ambiguous.
 * Names compare without case.
 */
export function findCode(codes: CodeRow[], ref: string): CodeRow {
  const byId = codes.find((c) => c.id === ref);
  if (byId) return byId;
  // A name that itself contains '/' is found whole before it is read as a path.
  const whole = codes.filter((c) => sameName(c.name, ref));
  if (whole.length === 1) return whole[0] as CodeRow;
  const parts = ref
    .split('/')
    .map((p) => p.trim())
    .filter(Boolean);
  const leaf = parts.at(-1) ?? ref;
  const candidates = codes.filter((c) => sameName(c.name, leaf) && pathMatches(codes, c, parts.slice(0, -1)));
  if (candidates.length === 1) return candidates[0] as CodeRow;
  if (candidates.length > 1) throw invalid('code.ambiguous', { code: ref, count: candidates.length });
  throw notFound('code.not-found', { code: ref });
}

function pathMatches(codes: CodeRow[], code: CodeRow, ancestors: string[]): boolean {
  let parentId = code.parent_id;
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const parent = codes.find((c) => c.id === parentId);
    if (!parent || !sameName(parent.name, ancestors[i] as string)) return false;
    parentId = parent.parent_id;
  }
  return true;
}

/** A code by id, name or path (findCode); by id one row is read, not the whole codebook. */
export async function resolveCode(db: Db, projectId: string, ref: string): Promise<CodeRow> {
  const byId = await db
    .selectFrom('codes')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('id', '=', ref)
    .executeTakeFirst();
  return byId ?? findCode(await loadCodes(db, projectId), ref);
}

/** The acting coder's id in a project, creating the coder on first use. */
export async function coderId(w: ChangeRecorder, projectId: string, name: string): Promise<string> {
  const found = await w.trx
    .selectFrom('coders')
    .select('id')
    .where('project_id', '=', projectId)
    .where('name', '=', name)
    .executeTakeFirst();
  if (found) return found.id;
  const id = newId();
  await w.insert('coders', { id, project_id: projectId, name, created_at: nowIso() });
  return id;
}
