import { invalid } from '../../core/errors.js';
import type { Db } from '../../store/db.js';
import { findCode, loadCodes, resolveCase, resolveSource } from './resolve.js';
import { findSegment } from './segments.js';

/** What a memo can be on. */
export const MEMO_TARGETS = ['project', 'source', 'case', 'code', 'segment'] as const;
export type MemoTarget = (typeof MEMO_TARGETS)[number];

/** The id of what a memo is on: a source, case or code by name or id, a segment by id; none for the project. */
export async function memoTargetId(db: Db, projectId: string, kind: MemoTarget, ref?: string): Promise<string | null> {
  if (kind === 'project') return null;
  if (!ref?.trim()) throw invalid('memo.target-missing', { target: kind });
  if (kind === 'source') return (await resolveSource(db, projectId, ref)).id;
  if (kind === 'case') return (await resolveCase(db, projectId, ref)).id;
  if (kind === 'segment') return (await findSegment(db, projectId, ref)).id;
  return findCode(await loadCodes(db, projectId), ref).id;
}
