import { z } from 'zod';
import type { CommandContext } from './helpers/context.js';
import { resolveProject } from './helpers/resolve.js';
import { findSegments } from './helpers/retrieval.js';
import { parseInput } from './helpers/validate.js';

export const Input = z.object({ project: z.string() });

type Found = Awaited<ReturnType<typeof findSegments>>[number];

/**
 * The project's theory concepts by name, each with its definition and reference and what it is
 * linked to: codes (with how many segments they and the codes below them have), segments (with
 * their words, source and case) and memos (with their titles). Segments the acting coder may not
 * see in blind mode are neither listed nor counted.
 */
export async function listConcepts(ctx: CommandContext, input: z.input<typeof Input>) {
  const args = parseInput(Input, input);
  const { db } = ctx.store;
  const project = await resolveProject(db, args.project);
  const concepts = await db
    .selectFrom('theory_concepts')
    .selectAll()
    .where('project_id', '=', project.id)
    .orderBy('name')
    .execute();
  const links = await db
    .selectFrom('theory_links')
    .innerJoin('theory_concepts', 'theory_concepts.id', 'theory_links.concept_id')
    .select(['theory_links.concept_id', 'theory_links.target_kind', 'theory_links.target_id', 'theory_links.created_at'])
    .where('theory_concepts.project_id', '=', project.id)
    .orderBy('theory_links.created_at')
    .execute();
  const [codes, segments, memos] = await Promise.all([
    linkedCodes(ctx, project.id, idsOf(links, 'code')),
    linkedSegments(ctx, project.id, idsOf(links, 'segment')),
    db
      .selectFrom('memos')
      .select(['id', 'title', 'target_kind', 'target_id'])
      .where('project_id', '=', project.id)
      .where('id', 'in', ['', ...idsOf(links, 'memo')])
      .execute(),
  ]);
  const memoById = new Map(memos.map((m) => [m.id, m]));
  return concepts.map((c) => {
    const own = links.filter((l) => l.concept_id === c.id);
    const of = (kind: string) => own.filter((l) => l.target_kind === kind).map((l) => l.target_id);
    return {
      id: c.id,
      name: c.name,
      definition: c.definition,
      reference: c.reference,
      codes: of('code').flatMap((id) => codes.get(id) ?? []),
      segments: of('segment').flatMap((id) => {
        const s = segments.get(id);
        return s ? [segmentOf(s)] : [];
      }),
      memos: of('memo').flatMap((id) => {
        const m = memoById.get(id);
        return m ? [{ id: m.id, title: m.title, target: m.target_kind, targetId: m.target_id }] : [];
      }),
      updatedAt: c.updated_at,
    };
  });
}

const idsOf = (links: { target_kind: string; target_id: string }[], kind: string) => [
  ...new Set(links.filter((l) => l.target_kind === kind).map((l) => l.target_id)),
];

/** Each linked code by id: its name and the segments it and the codes below it have (those the actor may see). */
async function linkedCodes(ctx: CommandContext, projectId: string, ids: string[]) {
  const out = new Map<string, { id: string; name: string; color: string; segments: number }>();
  const codes = await ctx.store.db
    .selectFrom('codes')
    .select(['id', 'name', 'color'])
    .where('id', 'in', ['', ...ids])
    .execute();
  for (const code of codes) {
    const found = await findSegments(ctx, { project: projectId, code: code.id, includeDescendants: true });
    out.set(code.id, { id: code.id, name: code.name, color: code.color, segments: found.length });
  }
  return out;
}

/** The linked segments the actor may see, by id, read through retrieval (which attributes them to their case). */
async function linkedSegments(ctx: CommandContext, projectId: string, ids: string[]): Promise<Map<string, Found>> {
  const out = new Map<string, Found>();
  const wanted = new Set(ids);
  const rows = await ctx.store.db
    .selectFrom('segments')
    .select('source_id')
    .where('id', 'in', ['', ...ids])
    .execute();
  for (const source of new Set(rows.map((r) => r.source_id))) {
    const found = await findSegments(ctx, { project: projectId, source, includeDescendants: true });
    for (const s of found) if (wanted.has(s.id)) out.set(s.id, s);
  }
  return out;
}

function segmentOf(s: Found) {
  return {
    id: s.id,
    source: s.source,
    case: s.case,
    code: s.code,
    coder: s.coder,
    start: s.start,
    end: s.end,
    text: s.text,
  };
}
