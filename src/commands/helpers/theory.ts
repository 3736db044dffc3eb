import { conflict, notFound } from '../../core/errors.js';
import type { ChangeRecorder } from '../../store/changes.js';
import type { Db } from '../../store/db.js';
import type { TheoryConceptRow } from '../../store/schema.js';
import { findCode, loadCodes } from './resolve.js';
import { findSegment } from './segments.js';

/**
 * Theory concepts (migration 012) and what they are linked to. A link names a code, a segment or
 * a memo by id (`theory_links.target_kind`, `target_id`); a link never outlives what it names:
 * whatever deletes a code, segment or memo calls `unlinkTheory` first.
 */
export const LINK_KINDS = ['code', 'segment', 'memo'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

/** A concept of the project by id or by name (names compare without case), or a not-found error. */
export async function resolveConcept(db: Db, projectId: string, ref: string): Promise<TheoryConceptRow> {
  const rows = await db.selectFrom('theory_concepts').selectAll().where('project_id', '=', projectId).execute();
  const row = rows.find((c) => c.id === ref) ?? rows.find((c) => c.name.toLowerCase() === ref.trim().toLowerCase());
  if (!row) throw notFound('concept.not-found', { concept: ref });
  return row;
}

/** The id of what a link is to: a code by name, path or id; a segment or a memo by id. */
export async function linkTargetId(db: Db, projectId: string, kind: LinkKind, ref: string): Promise<string> {
  if (kind === 'code') return findCode(await loadCodes(db, projectId), ref).id;
  if (kind === 'segment') return (await findSegment(db, projectId, ref)).id;
  const memo = await db
    .selectFrom('memos')
    .select('id')
    .where('project_id', '=', projectId)
    .where('id', '=', ref)
    .executeTakeFirst();
  if (!memo) throw notFound('memo.not-found', { memo: ref });
  return memo.id;
}

/** Deletes every concept's links to these codes, segments or memos (undoably, through `w`). */
export async function unlinkTheory(w: ChangeRecorder, kind: LinkKind, ids: string[]): Promise<number> {
  let removed = 0;
  for (let i = 0; i < ids.length; i += 400) {
    const part = ids.slice(i, i + 400);
    const rows = await w.trx
      .selectFrom('theory_links')
      .select('id')
      .where('target_kind', '=', kind)
      .where('target_id', 'in', part)
      .execute();
    await w.delete(
      'theory_links',
      rows.map((r) => r.id),
    );
    removed += rows.length;
  }
  return removed;
}

/**
 * Moves the links to `fromId` over to `intoId` (a code merged into another, a segment collapsed
 * into its twin); a concept already linked to `intoId` keeps that one link.
 */
export async function moveTheoryLinks(w: ChangeRecorder, kind: LinkKind, fromId: string, intoId: string): Promise<void> {
  const links = await w.trx
    .selectFrom('theory_links')
    .select(['id', 'concept_id', 'target_id'])
    .where('target_kind', '=', kind)
    .where('target_id', 'in', [fromId, intoId])
    .execute();
  const held = new Set(links.filter((l) => l.target_id === intoId).map((l) => l.concept_id));
  for (const link of links.filter((l) => l.target_id === fromId)) {
    if (held.has(link.concept_id)) await w.delete('theory_links', [link.id]);
    else await w.update('theory_links', link.id, { target_id: intoId });
  }
}

/** Refuses a concept name the project already has (without case), but for the concept `except`. */
export async function assertFreeConceptName(db: Db, projectId: string, wanted: string, except?: string): Promise<void> {
  const rows = await db.selectFrom('theory_concepts').select(['id', 'name']).where('project_id', '=', projectId).execute();
  const taken = rows.find((c) => c.id !== except && c.name.toLowerCase() === wanted.toLowerCase());
  if (taken) throw conflict('concept.exists', { concept: taken.name });
}
