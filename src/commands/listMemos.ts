import { z } from 'zod';
import { memoMatcher } from '../core/memos/memoSearch.js';
import type { CommandContext } from './helpers/context.js';
import { visibleLayer } from './helpers/layers.js';
import { MEMO_TARGETS, memoTargetId } from './helpers/memos.js';
import { loadCodes, resolveProject } from './helpers/resolve.js';
import { parseInput } from './helpers/validate.js';

export const Input = z.object({
  project: z.string(),
  /** Only memos on this kind of object. */
  target: z.enum(MEMO_TARGETS).optional(),
  /** With `target`: only memos on this source, case or code (name or id) or segment (id). */
  on: z.string().optional(),
  /** Words to find in the title or body (core/memos/memoSearch.ts: every word, stemmed). */
  q: z.string().max(500).optional(),
});

/** A segment a memo is on: where it is and its words (its stored quote). */
export interface MemoSegment {
  sourceId: string;
  start: number;
  end: number;
  text: string;
  code: string;
}

/**
 * The project's memos, the most recently written first, each with what it is on by name (the
 * project, a source, a case, a code, or a segment with its source, place and words) and the
 * theory concepts linked to it. In blind mode a coder sees the memos on their own segments only.
 */
export async function listMemos(ctx: CommandContext, input: z.input<typeof Input>) {
  const args = parseInput(Input, input);
  const { db } = ctx.store;
  const project = await resolveProject(db, args.project);
  const onId = args.target && args.on ? await memoTargetId(db, project.id, args.target, args.on) : null;
  let query = db.selectFrom('memos').selectAll().where('project_id', '=', project.id);
  if (args.target) query = query.where('target_kind', '=', args.target);
  if (onId) query = query.where('target_id', '=', onId);
  const matches = memoMatcher(args.q ?? '');
  const rows = (await query.orderBy('updated_at', 'desc').orderBy('id').execute()).filter((m) =>
    matches(`${m.title}\n${m.body}`),
  );
  const names = await targetNames(ctx, project.id, project.name);
  const layer = await visibleLayer(db, project, ctx);
  const concepts = await conceptsOfMemos(ctx, project.id);
  return rows.flatMap((m) => {
    const segment = m.target_kind === 'segment' ? names.segments.get(m.target_id ?? '') : undefined;
    if (m.target_kind === 'segment' && (!segment || (layer !== null && segment.coder !== layer))) return [];
    return [
      {
        id: m.id,
        target: m.target_kind,
        targetId: m.target_id,
        targetName: segment ? segment.sourceName : names.of(m.target_kind, m.target_id),
        ...(segment ? { segment: segment.at } : {}),
        title: m.title,
        body: m.body,
        concepts: concepts.get(m.id) ?? [],
        createdAt: m.created_at,
        updatedAt: m.updated_at,
      },
    ];
  });
}

/** Names of everything a memo can be on, looked up once per listing. */
async function targetNames(ctx: CommandContext, projectId: string, projectName: string) {
  const { db } = ctx.store;
  const [sources, cases, codes, coders, segments] = await Promise.all([
    db.selectFrom('sources').select(['id', 'name']).where('project_id', '=', projectId).execute(),
    db.selectFrom('cases').select(['id', 'name']).where('project_id', '=', projectId).execute(),
    loadCodes(db, projectId),
    db.selectFrom('coders').select(['id', 'name']).where('project_id', '=', projectId).execute(),
    db
      .selectFrom('segments')
      .innerJoin('memos', (j) => j.onRef('memos.target_id', '=', 'segments.id').on('memos.target_kind', '=', 'segment'))
      .select(['segments.id', 'segments.source_id', 'segments.code_id', 'segments.coder_id', 'segments.start_offset'])
      .select(['segments.end_offset', 'segments.exact'])
      .where('segments.project_id', '=', projectId)
      .execute(),
  ]);
  const byId = new Map<string, string>([...sources, ...cases, ...codes].map((r) => [r.id, r.name]));
  const coderName = new Map(coders.map((c) => [c.id, c.name]));
  const sourceName = new Map(sources.map((s) => [s.id, s.name]));
  const codeName = new Map(codes.map((c) => [c.id, c.name]));
  return {
    of: (kind: string, id: string | null) => (kind === 'project' ? projectName : (byId.get(id ?? '') ?? '')),
    segments: new Map(
      segments.map((s) => [
        s.id,
        {
          coder: coderName.get(s.coder_id) ?? '',
          sourceName: sourceName.get(s.source_id) ?? '',
          at: {
            sourceId: s.source_id,
            start: s.start_offset,
            end: s.end_offset,
            text: s.exact,
            code: codeName.get(s.code_id) ?? '',
          } satisfies MemoSegment,
        },
      ]),
    ),
  };
}

/** The names of the concepts linked to each memo. */
async function conceptsOfMemos(ctx: CommandContext, projectId: string): Promise<Map<string, string[]>> {
  const rows = await ctx.store.db
    .selectFrom('theory_links')
    .innerJoin('theory_concepts', 'theory_concepts.id', 'theory_links.concept_id')
    .select(['theory_links.target_id', 'theory_concepts.name'])
    .where('theory_concepts.project_id', '=', projectId)
    .where('theory_links.target_kind', '=', 'memo')
    .orderBy('theory_concepts.name')
    .execute();
  const out = new Map<string, string[]>();
  for (const r of rows) out.set(r.target_id, [...(out.get(r.target_id) ?? []), r.name]);
  return out;
}
