import { z } from 'zod';
import { type TurnSpan, turnHolding } from '../core/anchoring/turnHolding.js';
import { pathOf, sameName } from '../core/codebook/tree.js';
import { conflict, invalid } from '../core/errors.js';
import { codePointOffset } from '../core/text/codePoints.js';
import type { ChangeRecorder } from '../store/changes.js';
import { newId, nowIso } from '../store/ids.js';
import type { CodeRow, SegmentRow } from '../store/schema.js';
import { turnSpan } from './helpers/anchor.js';
import { asNodes, siblingsOf } from './helpers/codebook.js';
import { type CommandContext, runCommand } from './helpers/context.js';
import { coderKind } from './helpers/layers.js';
import { loadCodes, resolveProject } from './helpers/resolve.js';
import { parseInput } from './helpers/validate.js';

export const Input = z.object({
  /** The project that receives the layers. */
  project: z.string(),
  /** The other copy of the study (imported from .qdpx or Koda's export), left unchanged. */
  from: z.string(),
  dryRun: z.boolean().default(false),
});

/**
 * Merges the coding layers of another copy of a study into this project, for two coders who
 * coded apart. Each segment of `from` is copied to the source here with the same canonical text
 * (matched by text hash), under the code with the same path (created when missing, with its
 * colour and description) and the coder with the same name (created when missing). Coders are
 * matched by exact name only: two different names stay two layers, so different coders'
 * segments are never merged. A segment this project already has (same source, code, coder and
 * span) is skipped and counted; its memos are added to the twin when not already there. A
 * segment whose source has no twin here is not copied but reported, so every segment of `from`
 * is accounted for: copied + duplicates + unmatched = all.
 */
export async function mergeLayers(ctx: CommandContext, input: z.input<typeof Input>) {
  const args = parseInput(Input, input);
  const { db } = ctx.store;
  const project = await resolveProject(db, args.project);
  const other = await resolveProject(db, args.from);
  if (other.id === project.id) throw invalid('merge.same-project', { project: project.name });
  return runCommand(ctx, { action: 'coders.merge', projectId: project.id, dryRun: args.dryRun }, async (w) => {
    const sourceMap = await matchSources(w, project.id, other.id);
    const { map: codeMap, created: codesCreated } = await matchCodes(w, project.id, other.id);
    const { map: coderMap, created: codersCreated } = await matchCoders(w, project.id, other.id);

    const theirs = await w.trx
      .selectFrom('segments')
      .selectAll()
      .where('project_id', '=', other.id)
      .orderBy('source_id')
      .orderBy('start_offset')
      .execute();
    const targetSources = [...new Set(sourceMap.values())];
    const key = (s: Pick<SegmentRow, 'source_id' | 'code_id' | 'coder_id' | 'start_offset' | 'end_offset'>) =>
      `${s.source_id} ${s.code_id} ${s.coder_id} ${s.start_offset} ${s.end_offset}`;
    const existing = new Map<string, string>();
    const turns = new Map<string, TurnSpan[]>();
    for (let i = 0; i < targetSources.length; i += 400) {
      const part = targetSources.slice(i, i + 400);
      const ours = await w.trx
        .selectFrom('segments')
        .select(['id', 'source_id', 'code_id', 'coder_id', 'start_offset', 'end_offset'])
        .where('source_id', 'in', part)
        .execute();
      for (const s of ours) existing.set(key(s), s.id);
      const rows = await w.trx
        .selectFrom('turns')
        .select(['id', 'source_id', 'start_offset', 'end_offset'])
        .where('source_id', 'in', part)
        .orderBy('start_offset')
        .execute();
      for (const t of rows) pushTo(turns, t.source_id, turnSpan(t));
    }

    const theirMemos = await w.trx
      .selectFrom('memos')
      .selectAll()
      .where('project_id', '=', other.id)
      .where('target_kind', '=', 'segment')
      .execute();
    const memosBySegment = new Map<string, typeof theirMemos>();
    for (const m of theirMemos) pushTo(memosBySegment, m.target_id as string, m);

    const at = nowIso();
    const rows: SegmentRow[] = [];
    const memoTargets: { memo: (typeof theirMemos)[number]; segment: string; twin: boolean }[] = [];
    const unmatched = new Map<string, number>();
    const perLayer = new Map<string, { copied: number; duplicates: number; unmatched: number }>();
    const layerCount = (coderId: string) => {
      const name = coderMap.get(coderId)?.name as string;
      let c = perLayer.get(name);
      if (!c) {
        c = { copied: 0, duplicates: 0, unmatched: 0 };
        perLayer.set(name, c);
      }
      return c;
    };
    for (const s of theirs) {
      const target = sourceMap.get(s.source_id);
      const counts = layerCount(s.coder_id);
      if (!target) {
        unmatched.set(s.source_id, (unmatched.get(s.source_id) ?? 0) + 1);
        counts.unmatched++;
        continue;
      }
      const row: SegmentRow = {
        ...s,
        id: newId(),
        project_id: project.id,
        source_id: target,
        code_id: codeMap.get(s.code_id) as string,
        coder_id: coderMap.get(s.coder_id)?.id as string,
        turn_id: turnHolding(turns.get(target) ?? [], codePointOffset(s.start_offset)),
        updated_at: at,
      };
      const twin = existing.get(key(row));
      for (const memo of memosBySegment.get(s.id) ?? []) memoTargets.push({ memo, segment: twin ?? row.id, twin: Boolean(twin) });
      if (twin) {
        counts.duplicates++;
        continue;
      }
      existing.set(key(row), row.id);
      rows.push(row);
      counts.copied++;
    }
    await w.insert('segments', rows);
    const memos = await copyMemos(w, project.id, memoTargets, at);

    const unmatchedNames = await w.trx.selectFrom('sources').select(['id', 'name']).where('project_id', '=', other.id).execute();
    const nameOf = new Map(unmatchedNames.map((s) => [s.id, s.name]));
    const layers = [...perLayer].map(([coder, c]) => ({ coder, ...c })).sort((a, b) => a.coder.localeCompare(b.coder));
    const total = (f: 'copied' | 'duplicates' | 'unmatched') => layers.reduce((sum, l) => sum + l[f], 0);
    const result = {
      into: project.name,
      from: other.name,
      segments: theirs.length,
      copied: total('copied'),
      duplicates: total('duplicates'),
      unmatched: total('unmatched'),
      layers,
      sourcesMatched: sourceMap.size,
      unmatchedSources: [...unmatched].map(([id, segments]) => ({ source: nameOf.get(id) ?? id, segments })),
      codesCreated,
      codersCreated,
      memos,
    };
    return {
      result,
      objectIds: [project.id, other.id],
      details: {
        segments: theirs.length,
        copied: result.copied,
        duplicates: result.duplicates,
        unmatched: result.unmatched,
        codes: codesCreated.length,
        coders: codersCreated.length,
      },
    };
  });
}

function pushTo<T>(map: Map<string, T[]>, key: string, item: T): void {
  const list = map.get(key);
  if (list) list.push(item);
  else map.set(key, [item]);
}

/** Their source id → ours, by text hash; among several twins, the one with the same name, else the first by name. */
async function matchSources(w: ChangeRecorder, projectId: string, otherId: string): Promise<Map<string, string>> {
  const cols = ['id', 'name', 'text_hash'] as const;
  const ours = await w.trx.selectFrom('sources').select(cols).where('project_id', '=', projectId).orderBy('name').execute();
  const theirs = await w.trx.selectFrom('sources').select(cols).where('project_id', '=', otherId).execute();
  const map = new Map<string, string>();
  for (const t of theirs) {
    const twins = ours.filter((o) => o.text_hash === t.text_hash);
    const twin = twins.find((o) => o.name === t.name) ?? twins[0];
    if (twin) map.set(t.id, twin.id);
  }
  return map;
}

/** Their code id → ours, by path (names compared as in the codebook); missing codes are created. */
async function matchCodes(w: ChangeRecorder, projectId: string, otherId: string) {
  const ours = await loadCodes(w.trx, projectId);
  const theirs = await loadCodes(w.trx, otherId);
  const theirNodes = asNodes(theirs);
  const map = new Map<string, string>();
  const created: string[] = [];
  // Parents before children: by depth.
  const depth = (c: CodeRow) => pathOf(theirNodes, c.id).length;
  for (const code of [...theirs].sort((a, b) => depth(a) - depth(b) || a.position - b.position)) {
    const parentId = code.parent_id ? (map.get(code.parent_id) as string) : null;
    const twin = ours.find((o) => o.parent_id === parentId && sameName(o.name, code.name));
    if (twin) {
      map.set(code.id, twin.id);
      continue;
    }
    const row: CodeRow = {
      id: newId(),
      project_id: projectId,
      parent_id: parentId,
      position: siblingsOf(ours, parentId).length,
      name: code.name,
      color: code.color,
      description: code.description,
      created_at: nowIso(),
    };
    await w.insert('codes', row);
    ours.push(row);
    map.set(code.id, row.id);
    created.push(pathOf(theirNodes, code.id).join('/'));
  }
  return { map, created };
}

/** Their coder id → ours, by exact name; missing coders are created with their kind. */
async function matchCoders(w: ChangeRecorder, projectId: string, otherId: string) {
  const ours = await w.trx.selectFrom('coders').selectAll().where('project_id', '=', projectId).execute();
  const theirs = await w.trx.selectFrom('coders').selectAll().where('project_id', '=', otherId).execute();
  const map = new Map<string, { id: string; name: string }>();
  const created: string[] = [];
  for (const coder of theirs) {
    const twin = ours.find((o) => o.name === coder.name);
    if (twin && coderKind(twin) !== coderKind(coder)) {
      throw conflict('merge.kind-mismatch', { coder: coder.name, ours: coderKind(twin), theirs: coderKind(coder) });
    }
    if (twin) {
      map.set(coder.id, { id: twin.id, name: twin.name });
      continue;
    }
    const row = { id: newId(), project_id: projectId, name: coder.name, kind: coderKind(coder), created_at: nowIso() };
    await w.insert('coders', row);
    map.set(coder.id, { id: row.id, name: row.name });
    created.push(coder.name);
  }
  return { map, created };
}

/** Memos of copied segments follow them; a duplicate's memos join its twin unless an equal memo is there. */
async function copyMemos(
  w: ChangeRecorder,
  projectId: string,
  targets: { memo: { title: string; body: string; created_at: string }; segment: string; twin: boolean }[],
  at: string,
): Promise<number> {
  if (targets.length === 0) return 0;
  const twinIds = [...new Set(targets.filter((t) => t.twin).map((t) => t.segment))];
  const present = new Set<string>();
  for (let i = 0; i < twinIds.length; i += 400) {
    const rows = await w.trx
      .selectFrom('memos')
      .select(['target_id', 'title', 'body'])
      .where('target_kind', '=', 'segment')
      .where('target_id', 'in', twinIds.slice(i, i + 400))
      .execute();
    for (const r of rows) present.add(`${r.target_id}\n${r.title}\n${r.body}`);
  }
  const rows = targets
    .filter((t) => !present.has(`${t.segment}\n${t.memo.title}\n${t.memo.body}`))
    .map((t) => ({
      id: newId(),
      project_id: projectId,
      target_kind: 'segment',
      target_id: t.segment,
      title: t.memo.title,
      body: t.memo.body,
      created_at: t.memo.created_at,
      updated_at: at,
    }));
  await w.insert('memos', rows);
  return rows.length;
}
