import { basename } from 'node:path';
import { z } from 'zod';
import { anchorColumns, anchorRange } from '../core/anchoring/anchor.js';
import type { TurnSpan } from '../core/anchoring/turnHolding.js';
import { sameName } from '../core/codebook/tree.js';
import { conflict, invalid } from '../core/errors.js';
import { shortenName, unsafeNameCharacter } from '../core/names.js';
import { CodePointIndex, codePointRange } from '../core/text/codePoints.js';
import type { ImportPlan, SummaryItem } from '../formats/refi/plan.js';
import type { ChangeRecorder } from '../store/changes.js';
import type { Db } from '../store/db.js';
import { mapInSlices, Slice } from '../store/eventLoop.js';
import { newId, nowIso } from '../store/ids.js';
import { writeOriginal } from '../store/originals.js';
import type { CodeRow, ProjectRow, TableName } from '../store/schema.js';
import { type CommandContext, runCommand } from './helpers/context.js';
import { addCreatorAsOwner, assertMayAct } from './helpers/members.js';
import { type MeasuredPlan, readRefiOffThread } from './helpers/readRefiOffThread.js';
import { loadCodes } from './helpers/resolve.js';
import type { SourceMeasures } from './helpers/sourceMeasures.js';
import { assertUploadSize } from './helpers/uploadLimit.js';
import { language, name as nameSchema, parseInput } from './helpers/validate.js';

export type { SummaryItem } from '../formats/refi/plan.js';

const Input = z.object({
  fileName: z.string().trim().min(1),
  bytes: z.custom<Uint8Array>((v) => v instanceof Uint8Array, 'expected file bytes'),
  /**
   * The project to create, by name (the file's project name when absent). A .qdc codebook naming
   * an existing project (by name or id) is added to that project instead.
   */
  project: nameSchema.optional(),
  /** Language of a new project (its templates and the names the import gives). */
  language: language.optional(),
});

export interface RefiImportResult {
  project: { id: string; name: string; created: boolean };
  format: 'qdpx' | 'qdc';
  origin: string | null;
  counts: Record<string, number>;
  /** Everything that did not come over as it was, kind by kind; nothing is dropped unsaid. */
  summary: SummaryItem[];
}

/**
 * Imports a REFI-QDA project (.qdpx) or codebook (.qdc). The file is read, checked and mapped
 * completely first (formats/refi): a hostile or inconsistent file is refused with one error and
 * nothing written. Then one transaction writes the plan: into a new project (not undoable, like
 * creating a project: the history lives inside it), or, for a codebook, into an existing project
 * (undoable). Incoming GUIDs are kept as Koda ids unless already used in this store.
 */
export async function importRefi(ctx: CommandContext, input: z.input<typeof Input>): Promise<RefiImportResult> {
  const args = parseInput(Input, input);
  assertUploadSize(args.bytes.byteLength, basename(args.fileName));
  const existing = args.project ? await findProject(ctx.store.db, args.project) : null;
  const lang = args.language ?? (existing?.language === 'en' ? 'en' : 'sv');
  const plan = await readRefiOffThread(args.bytes, args.fileName, { language: lang });
  assertPlanNames(plan);
  if (existing) {
    if (plan.format !== 'qdc') throw conflict('refi.project-exists', { project: existing.name });
    await assertMayAct(ctx.store.db, existing, ctx.account, 'codebook.import-refi');
    return importCodebookInto(ctx, existing, plan);
  }
  const fileStem = (args.fileName.split(/[\\/]/).pop() ?? '').replace(/\.[^.]*$/, '');
  // The file's own name is held to the rule for names like the one given, and shortened visibly.
  const derived = shortenName(plan.project.name || fileStem.trim()).name || 'REFI-QDA';
  const projectName = args.project ?? parseInput(z.object({ project: nameSchema }), { project: derived }).project;
  return runCommand(ctx, { action: 'project.import-refi', projectId: null }, async (w) => {
    const taken = await w.trx.selectFrom('projects').select('id').where('name', '=', projectName).executeTakeFirst();
    if (taken) throw conflict('refi.project-exists', { project: projectName });
    const ids = await IdMap.create(w.trx, plan);
    const projectId = newId();
    await w.insert('projects', {
      id: projectId,
      name: projectName,
      language: lang,
      description: plan.project.description,
      created_at: plan.project.createdAt ?? nowIso(),
      // Whoever imports a project owns it (blind mode), as whoever creates one does.
      owner: ctx.actor,
    });
    await addCreatorAsOwner(w, projectId, ctx.account);
    const counts = await writePlan(w, ctx.actor, projectId, plan, ids);
    const result: RefiImportResult = {
      project: { id: projectId, name: projectName, created: true },
      format: plan.format,
      origin: plan.origin,
      counts,
      summary: plan.summary,
    };
    return {
      result,
      objectIds: [projectId],
      details: { ...counts, format: plan.format, notCarried: plan.summary.length },
      projectId,
    };
  });
}

async function findProject(db: Db, ref: string): Promise<ProjectRow | null> {
  return (
    (await db.selectFrom('projects').selectAll().where('id', '=', ref).executeTakeFirst()) ??
    (await db.selectFrom('projects').selectAll().where('name', '=', ref).executeTakeFirst()) ??
    null
  );
}

/** A codebook into an existing project: codes already there (same name, same place) are reused. */
async function importCodebookInto(ctx: CommandContext, project: ProjectRow, plan: ImportPlan): Promise<RefiImportResult> {
  return runCommand(ctx, { action: 'codebook.import-refi', projectId: project.id }, async (w) => {
    const ids = await IdMap.create(w.trx, plan);
    const codes = await loadCodes(w.trx, project.id);
    const codeId = new Map<string, string>();
    const summary = [...plan.summary];
    let reused = 0;
    const added: string[] = [];
    for (const code of plan.codes) {
      const parentId = code.parentGuid ? (codeId.get(code.parentGuid) ?? null) : null;
      const siblings = codes.filter((c) => c.parent_id === parentId);
      const same = siblings.find((c) => sameName(c.name, code.name));
      if (same) {
        codeId.set(code.guid, same.id);
        reused++;
        continue;
      }
      const row: CodeRow = {
        id: ids.id('codes', code.guid),
        project_id: project.id,
        parent_id: parentId,
        position: siblings.length,
        name: code.name,
        color: code.color,
        description: code.description,
        created_at: nowIso(),
      };
      await w.insert('codes', row);
      codes.push(row);
      codeId.set(code.guid, row.id);
      added.push(row.id);
    }
    if (reused > 0) summary.push({ kind: 'codes-already-present', count: reused, examples: [] });
    const memos = await writeMemos(w, project.id, plan, ids, { code: codeId });
    const counts = { codes: added.length, memos };
    const result: RefiImportResult = {
      project: { id: project.id, name: project.name, created: false },
      format: plan.format,
      origin: plan.origin,
      counts,
      summary,
    };
    return { result, objectIds: added, details: { ...counts, reused } };
  });
}

/** One project plan being written into the new project `projectId`; `at` stamps rows the file leaves undated. */
interface PlanWrite {
  w: ChangeRecorder;
  projectId: string;
  plan: MeasuredPlan;
  ids: IdMap;
  at: string;
}

/** A written source: its id, and what its segments are anchored against. */
interface WrittenSource {
  id: string;
  index: CodePointIndex;
  turns: TurnSpan[];
}

/** Writes everything of a project plan into the new project `projectId`; returns the counts. */
async function writePlan(
  w: ChangeRecorder,
  actor: string,
  projectId: string,
  plan: MeasuredPlan,
  ids: IdMap,
): Promise<Record<string, number>> {
  const write: PlanWrite = { w, projectId, plan, ids, at: nowIso() };
  const { coderCount, segmentCoders } = await writeCoders(write, actor);
  const codeIds = await writeCodes(write);
  const attributeIds = await writeAttributes(write);
  const caseIds = await writeCases(write, attributeIds);
  const sources = await writeSources(write, caseIds);
  const segmentIds = await writeSegments(write, { sources, codeIds, segmentCoders });
  const memos = await writeMemos(w, projectId, plan, ids, {
    code: codeIds,
    case: caseIds,
    source: new Map([...sources].map(([guid, s]) => [guid, s.id])),
    segment: segmentIds,
  });
  const sets = await writeSets(write, { case: caseIds, source: new Map([...sources].map(([guid, s]) => [guid, s.id])) });
  return {
    users: coderCount,
    codes: plan.codes.length,
    attributes: plan.variables.length,
    cases: plan.cases.length,
    sources: plan.sources.length,
    segments: plan.segments.length,
    memos,
    sets,
  };
}

/** Writes the file's source and case sets with their members; a set with a rule keeps none. */
async function writeSets(
  { w, projectId, plan, ids, at }: PlanWrite,
  memberIds: Record<'source' | 'case', Map<string, string>>,
): Promise<number> {
  for (const set of plan.sets) {
    const id = ids.id('sets', set.guid);
    await w.insert('sets', {
      id,
      project_id: projectId,
      kind: set.kind,
      name: set.name,
      description: set.description,
      rule: set.rule ? JSON.stringify(set.rule) : null,
      created_at: at,
    });
    const members = set.members.map((guid) => ({ id: newId(), set_id: id, member_id: memberIds[set.kind].get(guid) as string }));
    if (members.length > 0) await w.insert('set_members', members);
  }
  return plan.sets.length;
}

/**
 * Writes the file's users as coders and returns each segment's coder. Segments the file gives no
 * user belong to the importing user, who becomes a coder only if such a segment exists.
 */
async function writeCoders(
  { w, projectId, plan, ids, at }: PlanWrite,
  actor: string,
): Promise<{ coderCount: number; segmentCoders: string[] }> {
  const coderIds = new Map<string, string>();
  const coders = plan.users.map((u) => {
    const id = ids.id('coders', u.guid);
    coderIds.set(u.guid, id);
    return { id, project_id: projectId, name: u.name, created_at: at, kind: u.consensus ? 'consensus' : 'coder' };
  });
  let actorCoder: string | null = null;
  const coderOf = (guid: string | null): string => {
    if (guid) return coderIds.get(guid) as string;
    if (!actorCoder) {
      const same = coders.find((c) => c.name === actor);
      actorCoder = same?.id ?? newId();
      if (!same) coders.push({ id: actorCoder, project_id: projectId, name: actor, created_at: at, kind: 'coder' });
    }
    return actorCoder;
  };
  const segmentCoders = plan.segments.map((s) => coderOf(s.userGuid));
  await w.insert('coders', coders);
  return { coderCount: coders.length, segmentCoders };
}

/** Writes the codebook; returns code GUID → id. */
async function writeCodes({ w, projectId, plan, ids, at }: PlanWrite): Promise<Map<string, string>> {
  const codeIds = new Map(plan.codes.map((c) => [c.guid, ids.id('codes', c.guid)]));
  await w.insert(
    'codes',
    plan.codes.map((c) => ({
      id: codeIds.get(c.guid) as string,
      project_id: projectId,
      parent_id: c.parentGuid ? (codeIds.get(c.parentGuid) as string) : null,
      position: c.position,
      name: c.name,
      color: c.color,
      description: c.description,
      created_at: at,
    })),
  );
  return codeIds;
}

/** Writes the file's variables as attributes, in file order; returns variable GUID → id. */
async function writeAttributes({ w, projectId, plan, ids }: PlanWrite): Promise<Map<string, string>> {
  const attributeIds = new Map(plan.variables.map((v) => [v.guid, ids.id('attributes', v.guid)]));
  await w.insert(
    'attributes',
    plan.variables.map((v, position) => ({
      id: attributeIds.get(v.guid) as string,
      project_id: projectId,
      name: v.name,
      type: v.type,
      choices: JSON.stringify(v.type === 'choice' ? v.choices : []),
      position,
    })),
  );
  return attributeIds;
}

/** Writes the cases and their attribute values; returns case GUID → id. */
async function writeCases(
  { w, projectId, plan, ids, at }: PlanWrite,
  attributeIds: Map<string, string>,
): Promise<Map<string, string>> {
  const caseIds = new Map(plan.cases.map((c) => [c.guid, ids.id('cases', c.guid)]));
  await w.insert(
    'cases',
    plan.cases.map((c) => ({
      id: caseIds.get(c.guid) as string,
      project_id: projectId,
      name: c.name,
      description: c.description,
      created_at: at,
    })),
  );
  await w.insert(
    'attribute_values',
    plan.cases.flatMap((c) =>
      c.values.map((v) => ({
        id: newId(),
        case_id: caseIds.get(c.guid) as string,
        attribute_id: attributeIds.get(v.variableGuid) as string,
        value: v.value,
      })),
    ),
  );
  return caseIds;
}

/** Writes each source and then its turns; returns source GUID → the written source. */
async function writeSources(write: PlanWrite, caseIds: Map<string, string>): Promise<Map<string, WrittenSource>> {
  const { w, projectId, plan, ids, at } = write;
  const sources = new Map<string, WrittenSource>();
  // A source's few statements run synchronously on SQLite: a project's sources one after another were one hold.
  const slice = new Slice();
  for (const [i, s] of plan.sources.entries()) {
    if (slice.due()) await slice.pause();
    const measures = plan.measures[i] as SourceMeasures;
    const id = ids.id('sources', s.guid);
    await w.insert('sources', {
      id,
      project_id: projectId,
      name: s.name,
      kind: s.kind,
      case_id: s.caseGuid ? (caseIds.get(s.caseGuid) ?? null) : null,
      text: s.text,
      text_length: measures.textLength,
      text_hash: measures.textHash,
      original_name: s.original.name,
      original_media_type: s.original.mediaType,
      original_hash: measures.originalHash,
      metadata: JSON.stringify(s.metadata),
      created_at: s.createdAt ?? at,
      verified_at: null,
      delete_original_when_verified: 0,
      original_deleted_at: null,
    });
    await writeOriginal(w, id, s.original.bytes);
    const turns = await writeTurns(write, s, id, caseIds);
    sources.set(s.guid, { id, index: new CodePointIndex(s.text), turns });
  }
  return sources;
}

/** Writes one source's speaker turns (a turn the file links to a case keeps its selection GUID). */
async function writeTurns(
  { w, ids }: PlanWrite,
  source: ImportPlan['sources'][number],
  sourceId: string,
  caseIds: Map<string, string>,
): Promise<TurnSpan[]> {
  // In slices: a subtitle file's 200,000 turns mapped at once held the server's thread (issue 13).
  const turns = await mapInSlices(source.turns, (t, position) => {
    const link = source.turnCases.find((l) => l.turn === position);
    return {
      id: link ? ids.id('turns', link.selectionGuid) : newId(),
      source_id: sourceId,
      position,
      start_offset: t.start,
      end_offset: t.end,
      speaker: t.speaker,
      case_id: link ? (caseIds.get(link.caseGuid) ?? null) : null,
      start_ms: t.startMs,
      end_ms: t.endMs,
    };
  });
  await w.insert('turns', turns);
  return turns.map((t) => ({ id: t.id, ...codePointRange({ start: t.start_offset, end: t.end_offset }) }));
}

/** Writes the coded segments, anchored in their source; returns segment GUID → id. */
async function writeSegments(
  { w, projectId, plan, ids, at }: PlanWrite,
  written: { sources: Map<string, WrittenSource>; codeIds: Map<string, string>; segmentCoders: string[] },
): Promise<Map<string, string>> {
  const segmentIds = new Map<string, string>();
  await w.insert(
    'segments',
    await mapInSlices(plan.segments, (seg, i) => {
      const source = written.sources.get(seg.sourceGuid) as WrittenSource;
      const id = ids.id('segments', seg.guid);
      segmentIds.set(seg.guid, id);
      return {
        id,
        project_id: projectId,
        source_id: source.id,
        code_id: written.codeIds.get(seg.codeGuid) as string,
        coder_id: written.segmentCoders[i] as string,
        start_offset: seg.start,
        end_offset: seg.end,
        memo: seg.memo,
        ...anchorColumns(anchorRange(source.index, codePointRange(seg), source.turns)),
        created_at: seg.createdAt ?? at,
        updated_at: seg.updatedAt ?? seg.createdAt ?? at,
      };
    }),
  );
  return segmentIds;
}

async function writeMemos(
  w: ChangeRecorder,
  projectId: string,
  plan: ImportPlan,
  ids: IdMap,
  targets: Partial<Record<'code' | 'case' | 'source' | 'segment', Map<string, string>>>,
): Promise<number> {
  const at = nowIso();
  const rows = plan.memos.map((m) => {
    const targetId = m.target.guid === null ? null : (targets[m.target.kind as keyof typeof targets]?.get(m.target.guid) ?? null);
    const onProject = m.target.kind === 'project' || targetId === null;
    return {
      id: ids.id('memos', m.guid),
      project_id: projectId,
      target_kind: onProject ? 'project' : m.target.kind,
      target_id: onProject ? null : targetId,
      title: m.title,
      body: m.body,
      created_at: m.createdAt ?? at,
      updated_at: m.updatedAt ?? m.createdAt ?? at,
    };
  });
  await w.insert('memos', rows);
  return rows.length;
}

/**
 * GUID → Koda id: the GUID itself (lowercase) unless this store already has a row with that id,
 * or the import already gave it to something else; then a new id.
 */
class IdMap {
  private readonly given = new Map<string, string>();
  private readonly used = new Set<string>();

  private constructor(private readonly taken: Set<string>) {}

  static async create(db: Db, plan: ImportPlan): Promise<IdMap> {
    const guids = [
      ...plan.users.map((x) => x.guid),
      ...plan.codes.map((x) => x.guid),
      ...plan.variables.map((x) => x.guid),
      ...plan.cases.map((x) => x.guid),
      ...plan.sources.map((x) => x.guid),
      ...plan.sources.flatMap((x) => x.turnCases.map((t) => t.selectionGuid)),
      ...plan.segments.map((x) => x.guid),
      ...plan.memos.map((x) => x.guid),
      ...plan.sets.map((x) => x.guid),
    ];
    const taken = new Set<string>();
    // On SQLite each query runs synchronously: without a pause the hundreds of them are one hold.
    const slice = new Slice();
    const tables: TableName[] = [
      'projects',
      'coders',
      'codes',
      'attributes',
      'attribute_values',
      'cases',
      'sources',
      'turns',
      'segments',
      'memos',
      'sets',
    ];
    for (let i = 0; i < guids.length; i += 400) {
      const part = guids.slice(i, i + 400);
      for (const table of tables) {
        const rows = await (db as unknown as Db)
          .selectFrom(table as 'codes')
          .select('id')
          .where('id', 'in', part)
          .execute();
        for (const r of rows) taken.add(r.id);
      }
      if (slice.due()) await slice.pause();
    }
    return new IdMap(taken);
  }

  id(table: TableName, guid: string): string {
    const key = `${table}:${guid}`;
    const known = this.given.get(key);
    if (known) return known;
    const id = this.taken.has(guid) || this.used.has(guid) ? newId() : guid;
    this.used.add(id);
    this.given.set(key, id);
    return id;
  }
}

/** Names from a file meet the rule typed ones do (core/names.ts): the whole file is refused. */
function assertPlanNames(plan: ImportPlan): void {
  const names: [string, string][] = [
    ['project', plan.project.name],
    ...plan.users.map((u): [string, string] => ['coder', u.name]),
    ...plan.codes.map((c): [string, string] => ['code', c.name]),
    ...plan.cases.map((c): [string, string] => ['case', c.name]),
    ...plan.sources.map((s): [string, string] => ['source', s.name]),
    ...plan.sets.map((s): [string, string] => ['set', s.name]),
    ...plan.variables.flatMap((v): [string, string][] => [
      ['attribute', v.name],
      ...v.choices.map((c): [string, string] => ['attribute', c]),
    ]),
  ];
  for (const [field, name] of names) {
    const character = unsafeNameCharacter(name);
    if (character) throw invalid('name.unsafe', { field, character });
  }
}
