import { z } from 'zod';
import type { Db } from '../store/db.js';
import type { CommandContext } from './helpers/context.js';
import { visibleLayer, type Who } from './helpers/layers.js';
import { resolveProject } from './helpers/resolve.js';
import { parseInput } from './helpers/validate.js';

export const Input = z.object({
  project: z.string().optional(),
  action: z.string().optional(),
  limit: z.number().int().min(1).max(10_000).default(200),
});

/**
 * The audit log, newest first: who did what, when, to which ids. It holds no text content. Of a
 * project in blind mode a coder other than the owner sees only their own events. Each id is
 * described as it is now (`objects`): its kind and, for projects, sources, codes and attributes,
 * its current name. Names are looked up here, never stored in the log.
 */
export async function listAudit(ctx: CommandContext, input: z.input<typeof Input>) {
  const args = parseInput(Input, input);
  const { db } = ctx.store;
  let query = db.selectFrom('audit_events').selectAll();
  if (args.project) query = query.where('project_id', '=', (await resolveProject(db, args.project)).id);
  if (args.action) query = query.where('action', '=', args.action);
  const blinded = await blindedProjects(db, ctx);
  if (blinded.length > 0)
    query = query.where((eb) =>
      eb.or([eb('project_id', 'is', null), eb('project_id', 'not in', blinded), eb('actor', '=', ctx.actor)]),
    );
  const rows = await query.orderBy('at', 'desc').orderBy('id', 'desc').limit(args.limit).execute();
  const events = rows.map((r) => ({ row: r, objectIds: JSON.parse(r.object_ids) as string[] }));
  const known = await describeObjects(db, [...new Set(events.flatMap((e) => e.objectIds))]);
  const people = await accountsOf(db, rows);
  return events.map(({ row, objectIds }) => ({
    at: row.at,
    actor: row.actor,
    /** The signed-in person who acted (absent for the CLI's operator and older entries). */
    account: (row.actor_id && people.get(row.actor_id)) || null,
    action: row.action,
    projectId: row.project_id,
    objectIds,
    objects: objectIds.map((id) => known.get(id) ?? { id, kind: null, name: null }),
    details: JSON.parse(row.details) as Record<string, unknown>,
  }));
}

export type AuditObjectKind = 'project' | 'source' | 'code' | 'attribute' | 'case' | 'segment' | 'memo' | 'turn' | 'coder';

/**
 * An id of an audit event as it is now: `kind` null when it is no longer there (deleted, or
 * erased with a withdrawn participant). Only names that are no personal data are given: a
 * case's name can be a participant's, and in blind mode a coder's name is hidden.
 */
export interface AuditObject {
  id: string;
  kind: AuditObjectKind | null;
  name: string | null;
}

const NAMED = ['project', 'source', 'code', 'attribute'] as const;
const TABLES = {
  project: 'projects',
  source: 'sources',
  code: 'codes',
  attribute: 'attributes',
  case: 'cases',
  segment: 'segments',
  memo: 'memos',
  turn: 'turns',
  coder: 'coders',
} as const;

/** Looks the ids up in each table of things an event can name: one query per table and slice of ids. */
async function describeObjects(db: Db, ids: string[]): Promise<Map<string, AuditObject>> {
  const out = new Map<string, AuditObject>();
  for (const [kind, table] of Object.entries(TABLES) as [AuditObjectKind, (typeof TABLES)[AuditObjectKind]][]) {
    const named = (NAMED as readonly string[]).includes(kind);
    for (let i = 0; i < ids.length; i += 500) {
      const wanted = ids.slice(i, i + 500).filter((id) => !out.has(id));
      if (wanted.length === 0) continue;
      const found = named
        ? await db
            .selectFrom(table as (typeof TABLES)[(typeof NAMED)[number]])
            .select(['id', 'name'])
            .where('id', 'in', wanted)
            .execute()
        : (await db.selectFrom(table).select('id').where('id', 'in', wanted).execute()).map((r) => ({ id: r.id, name: null }));
      for (const r of found) out.set(r.id, { id: r.id, kind, name: r.name });
    }
  }
  return out;
}

/** The accounts the events name, by id: id and name only, never a password hash or e-mail. */
async function accountsOf(db: Db, rows: { actor_id?: string | null }[]): Promise<Map<string, { id: string; name: string }>> {
  const ids = [...new Set(rows.flatMap((r) => (r.actor_id ? [r.actor_id] : [])))];
  const out = new Map<string, { id: string; name: string }>();
  for (let i = 0; i < ids.length; i += 500) {
    const found = await db
      .selectFrom('accounts')
      .select(['id', 'name'])
      .where('id', 'in', ids.slice(i, i + 500))
      .execute();
    for (const a of found) out.set(a.id, a);
  }
  return out;
}

/** Projects in blind mode whose other coders’ actions `who` may not see. */
async function blindedProjects(db: Db, who: Who): Promise<string[]> {
  const blind = await db.selectFrom('projects').selectAll().where('blind', '=', 1).execute();
  const hidden = await Promise.all(blind.map(async (p) => ((await visibleLayer(db, p, who)) === null ? null : p.id)));
  return hidden.filter((id) => id !== null);
}
