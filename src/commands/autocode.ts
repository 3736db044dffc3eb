import { z } from 'zod';
import { anchorColumns, anchorRange } from '../core/anchoring/anchor.js';
import type { TurnSpan } from '../core/anchoring/turnHolding.js';
import { type PriorCoding, priorCodingCounts, priorCodings, type SpanStatus } from '../core/autocode/existing.js';
import { compilePattern, type Finder } from '../core/autocode/pattern.js';
import { expandTo, sentences, turnContent } from '../core/autocode/units.js';
import { KodaError } from '../core/errors.js';
import { kwic } from '../core/queries/kwic.js';
import { paragraphs } from '../core/queries/paragraphs.js';
import { CodePointIndex, utf16Range } from '../core/text/codePoints.js';
import type { CodePointRange, Utf16Range } from '../core/text/offsetUnits.js';
import { speakerRole } from '../core/transcript/roles.js';
import type { ChangeRecorder } from '../store/changes.js';
import type { Db } from '../store/db.js';
import { Slice } from '../store/eventLoop.js';
import { newId, nowIso } from '../store/ids.js';
import type { CodeRow, ProjectRow, SegmentRow } from '../store/schema.js';
import { turnSpan } from './helpers/anchor.js';
import { casesWithoutConsent } from './helpers/consent.js';
import { type CommandContext, runCommand } from './helpers/context.js';
import { projectOwner, visibleLayer, type Who } from './helpers/layers.js';
import type { ProgressHook } from './helpers/queryData.js';
import { assertRegexesFinish } from './helpers/regexGuard.js';
import { coderId, findCode, loadCodes, resolveCase, resolveProject, resolveSource } from './helpers/resolve.js';
import { parseInput } from './helpers/validate.js';

export const Input = z.object({
  project: z.string(),
  /** The code to apply (it must exist). */
  code: z.string(),
  pattern: z.string().min(1).max(500),
  /** word, phrase, stem or regex (core/autocode/pattern.ts). */
  kind: z.enum(['word', 'phrase', 'stem', 'regex']).default('word'),
  /** What a hit codes: the match itself, its sentence, or its speaker turn. */
  unit: z.enum(['match', 'sentence', 'turn']).default('match'),
  /** Only these sources; only the words of these cases (their sources and their turns elsewhere). */
  sources: z.array(z.string()).default([]),
  cases: z.array(z.string()).default([]),
  /** Only turns of this role (the interviewee's: participant), or of these speaker labels. */
  role: z.enum(['interviewer', 'participant']).optional(),
  speakers: z.array(z.string().trim().min(1)).default([]),
  caseSensitive: z.boolean().default(false),
  /** For kind `stem`: the stemming language (default: the project's). */
  language: z.enum(['sv', 'en']).optional(),
  /** The coding layer; the acting user's when absent. */
  coder: z.string().trim().min(1).optional(),
  /** Preview: find and list every segment it would create, writing nothing. */
  dryRun: z.boolean().default(false),
  /** Most segments listed in the answer (all are counted and written). */
  limit: z.number().int().min(0).optional(),
});

export interface PlannedSegment {
  source: { id: string; name: string };
  case: { id: string; name: string } | null;
  /** Code points of the source's canonical text. */
  start: number;
  end: number;
  text: string;
  /** A little text either side, for the preview. */
  left: string;
  right: string;
  /** Coders who already have the code here: on this very span, or overlapping it. */
  codedBy: PriorCoding[];
}

interface Turn {
  id: string;
  source_id: string;
  start_offset: number;
  end_offset: number;
  speaker: string | null;
  case_id: string | null;
}

type Args = z.output<typeof Input>;
type Planned = PlannedSegment & { turnId: string | null; row: SegmentRow };
type ScopedSource = { id: string; name: string; case_id: string | null };

/** The sources, cases and turns a run may reach, and how turns are filtered. */
interface Scope {
  sources: ScopedSource[];
  caseById: Map<string, { id: string; name: string }>;
  turnsBySource: Map<string, Turn[]>;
  onlySources: Set<string>;
  onlyCases: Set<string>;
  role: Args['role'];
  /** Speaker labels, lowercase. */
  speakers: Set<string>;
  /** Whether turns are filtered by role, speaker or case. */
  turnFilter: boolean;
}

/** What every source is searched and coded with, fixed before the first source is read. */
interface Run {
  db: Db;
  args: Args;
  finder: Finder;
  projectId: string;
  code: CodeRow;
  /** The layer written to, its coder, and the only layer seen (blind mode) or null. */
  layer: string;
  coder: string;
  visible: string | null;
  at: string;
  slice: Slice;
}

/** One source's text as the plan reads it, with what its segments are anchored against. */
interface SourceText {
  source: ScopedSource;
  text: string;
  index: CodePointIndex;
  turnSpans: TurnSpan[];
  turnCases: Map<string, string | null>;
  caseById: Scope['caseById'];
}

/** The segments planned, with the counts the answer reports. */
interface AutocodePlan {
  planned: Planned[];
  hits: number;
  alreadyCoded: number;
  statuses: SpanStatus[];
}

/**
 * Auto-coding: finds a word, phrase, stem or regular expression in the sources in scope,
 * expands each hit to the match, its sentence or its speaker turn, and codes those spans in one
 * command: one transaction, one history entry (undo removes exactly these segments), one audit
 * event. A dry run plans the same segments by the same code and writes nothing, so the preview
 * is what a real run then writes. Speaker labels (`Albin:`) are never searched or coded. A span
 * the target layer already has the code on, or on a span holding it, is skipped (a duplicate);
 * a span that only overlaps earlier coding is written, and the preview names who coded there.
 */
export async function autocode(ctx: CommandContext, input: z.input<typeof Input>, hooks: { progress?: ProgressHook } = {}) {
  const args = parseInput(Input, input);
  const project = await resolveProject(ctx.store.db, args.project);
  const finder = compilePattern(args.kind, args.pattern, {
    caseSensitive: args.caseSensitive,
    language: args.language ?? (project.language === 'en' ? 'en' : 'sv'),
  });
  if (args.kind === 'regex') await assertPatternFinishes(ctx, project.id, args);
  const spec = { action: 'segment.autocode' as const, projectId: project.id, dryRun: args.dryRun };
  const outcome = await runCommand(ctx, spec, (w) => codeMatches(ctx, w, project, args, finder, hooks.progress));
  return autocodeAnswer(ctx, args, outcome);
}

/** Refuses a regular expression that would not finish on this project's texts in time. */
async function assertPatternFinishes(ctx: CommandContext, projectId: string, args: Args): Promise<void> {
  const texts = await ctx.store.db.selectFrom('sources').select('text').where('project_id', '=', projectId).execute();
  await assertRegexesFinish(
    [args.pattern.trim()],
    `gu${args.caseSensitive ? '' : 'i'}`,
    texts.map((t) => t.text),
    ctx.regexBudgetMs,
  );
}

/** Inside the command: plans the segments and, unless a dry run, writes them. */
async function codeMatches(
  ctx: CommandContext,
  w: ChangeRecorder,
  project: ProjectRow,
  args: Args,
  finder: Finder,
  progress: ProgressHook | undefined,
) {
  const db = w.trx;
  const code = findCode(await loadCodes(db, project.id), args.code);
  const { layer, visible } = await codingLayer(db, project, ctx, args.coder);
  const coder = await coderId(w, project.id, layer);
  const scope = await loadScope(db, project.id, args);
  const at = nowIso();
  // Planning tens of thousands of segments is long work: the server answers others meanwhile.
  const run: Run = { db, args, finder, projectId: project.id, code, layer, coder, visible, at, slice: new Slice() };
  const plan = await planSegments(run, scope, progress);
  if (!args.dryRun)
    await w.insert(
      'segments',
      plan.planned.map((p) => p.row),
    );
  const touched = new Set(plan.planned.map((p) => p.source.id));
  const { hits, alreadyCoded, planned } = plan;
  const details = { hits, segments: planned.length, alreadyCoded, sources: touched.size, dryRun: args.dryRun };
  return {
    result: {
      code: { id: code.id, name: code.name },
      layer,
      planned,
      hits,
      alreadyCoded,
      codedBy: priorCodingCounts(plan.statuses),
      sources: touched.size,
    },
    objectIds: [code.id],
    details,
  };
}

/** The answer: counts, the segments listed (up to `limit`), and cases coded without consent. */
async function autocodeAnswer(ctx: CommandContext, args: Args, outcome: Awaited<ReturnType<typeof codeMatches>>['result']) {
  const caseIds = [...new Set(outcome.planned.map((p) => p.case?.id).filter((id): id is string => Boolean(id)))];
  const warnings = (await casesWithoutConsent(ctx, caseIds)).map((name) => ({ code: 'consent.missing', params: { case: name } }));
  const listed = args.limit === undefined ? outcome.planned : outcome.planned.slice(0, args.limit);
  return {
    code: outcome.code,
    pattern: args.pattern,
    kind: args.kind,
    unit: args.unit,
    dryRun: args.dryRun,
    /** Pattern matches in scope. */
    hits: outcome.hits,
    /** Segments planned (a dry run) or created. */
    segments: outcome.planned.length,
    created: args.dryRun ? 0 : outcome.planned.length,
    /** Spans skipped: the coding layer already has the code there (or on a span holding it). */
    alreadyCoded: outcome.alreadyCoded,
    /** The layer written to. */
    coder: outcome.layer,
    /** Per coder (only the visible layer in blind mode): spans found that they already have the code on. */
    codedBy: outcome.codedBy,
    sources: outcome.sources,
    listed: listed.map(({ turnId: _turnId, row: _row, ...p }) => p),
    warnings,
  };
}

/**
 * The layer written to (the actor's unless `coder`) and the only layer the actor sees, or null.
 * In blind mode a coder writes only into their own layer and sees no other layer's coding.
 */
async function codingLayer(db: Db, project: ProjectRow, who: Who, coder: string | undefined) {
  const layer = coder ?? who.actor;
  const visible = await visibleLayer(db, project, who);
  if (visible !== null && layer !== who.actor) {
    throw new KodaError('coders.blind', { owner: (await projectOwner(db, project)) ?? '-' }, 'forbidden');
  }
  return { layer, visible };
}

/** The project's sources (by name), cases and turns (in text order), and the run's filters. */
async function loadScope(db: Db, projectId: string, args: Args): Promise<Scope> {
  const [sources, cases, turns] = await Promise.all([
    db.selectFrom('sources').select(['id', 'name', 'case_id']).where('project_id', '=', projectId).orderBy('name').execute(),
    db.selectFrom('cases').select(['id', 'name']).where('project_id', '=', projectId).execute(),
    db
      .selectFrom('turns as t')
      .innerJoin('sources as s', 's.id', 't.source_id')
      .select(['t.id', 't.source_id', 't.start_offset', 't.end_offset', 't.speaker', 't.case_id'])
      .where('s.project_id', '=', projectId)
      .orderBy('t.source_id')
      .orderBy('t.start_offset')
      .execute(),
  ]);
  const onlySources = new Set<string>();
  for (const ref of args.sources) onlySources.add((await resolveSource(db, projectId, ref)).id);
  const onlyCases = new Set<string>();
  for (const ref of args.cases) onlyCases.add((await resolveCase(db, projectId, ref)).id);
  const turnsBySource = new Map<string, Turn[]>();
  for (const t of turns) {
    const list = turnsBySource.get(t.source_id);
    if (list) list.push(t);
    else turnsBySource.set(t.source_id, [t]);
  }
  const speakers = new Set(args.speakers.map((s) => s.toLowerCase()));
  const turnFilter = args.role !== undefined || speakers.size > 0 || onlyCases.size > 0;
  const caseById = new Map(cases.map((c) => [c.id, c]));
  return { sources, caseById, turnsBySource, onlySources, onlyCases, role: args.role, speakers, turnFilter };
}

/** Plans the segments source by source, in name order, pausing for the event loop. */
async function planSegments(run: Run, scope: Scope, progress: ProgressHook | undefined): Promise<AutocodePlan> {
  const plan: AutocodePlan = { planned: [], hits: 0, alreadyCoded: 0, statuses: [] };
  for (const [done, source] of scope.sources.entries()) {
    progress?.(done + 1, scope.sources.length);
    if (run.slice.due()) await run.slice.pause();
    const turns = scope.turnsBySource.get(source.id) ?? [];
    const turnOk = turnInScope(scope, source);
    if (!sourceInScope(scope, source, turns, turnOk)) continue;
    const part = await planSource(run, scope, source, turns, scope.turnFilter ? turnOk : null);
    plan.hits += part.hits;
    plan.alreadyCoded += part.alreadyCoded;
    plan.statuses.push(...part.statuses);
    for (const p of part.planned) plan.planned.push(p);
  }
  return plan;
}

/** Whether a turn of `source` passes the role, speaker and case filters. */
function turnInScope(scope: Scope, source: ScopedSource): (t: Turn) => boolean {
  return (t) =>
    (scope.role === undefined || speakerRole(t.speaker) === scope.role) &&
    (scope.speakers.size === 0 || scope.speakers.has((t.speaker ?? '').toLowerCase())) &&
    (scope.onlyCases.size === 0 || scope.onlyCases.has(t.case_id ?? source.case_id ?? ''));
}

/** A source can hold words in scope only through its turns or, without turns, whole. */
function sourceInScope(scope: Scope, source: ScopedSource, turns: Turn[], turnOk: (t: Turn) => boolean): boolean {
  if (scope.onlySources.size > 0 && !scope.onlySources.has(source.id)) return false;
  if (turns.length === 0) {
    if (scope.role !== undefined || scope.speakers.size > 0) return false;
    return scope.onlyCases.size === 0 || scope.onlyCases.has(source.case_id ?? '');
  }
  return !scope.turnFilter || turns.some(turnOk);
}

/** One source's hits, expanded to their unit; spans the layer already has the code on are skipped. */
async function planSource(
  run: Run,
  scope: Scope,
  source: ScopedSource,
  turns: Turn[],
  keep: ((t: Turn) => boolean) | null,
): Promise<AutocodePlan> {
  const { text } = await run.db.selectFrom('sources').select('text').where('id', '=', source.id).executeTakeFirstOrThrow();
  const index = new CodePointIndex(text);
  const regions = await searchRegions(text, index, turns, keep, run.slice);
  const found = run.finder
    .find(text)
    .map((h) => utf16Range(h.start, h.end))
    .filter((h) => regionOf(regions, h) !== null);
  if (found.length === 0) return { planned: [], hits: 0, alreadyCoded: 0, statuses: [] };
  const spans = await expand(text, index, found, regions, run.args.unit, run.slice);
  const ranges: CodePointRange[] = spans.map((span) => ({
    start: index.toCodePoint(span.start),
    end: index.toCodePoint(span.end),
  }));
  const statuses = priorCodings(ranges, await codingsOfCode(run, source.id), run.layer);
  const at: SourceText = {
    source,
    text,
    index,
    turnSpans: turns.map(turnSpan),
    turnCases: new Map(turns.map((t) => [t.id, t.case_id])),
    caseById: scope.caseById,
  };
  const planned: Planned[] = [];
  let alreadyCoded = 0;
  for (const [i, span] of spans.entries()) {
    if (run.slice.due()) await run.slice.pause();
    const status = statuses[i] as SpanStatus;
    if (status.covered) alreadyCoded++;
    else planned.push(plannedSegment(run, at, span, ranges[i] as CodePointRange, status));
  }
  return { planned, hits: found.length, alreadyCoded, statuses };
}

/** Where the source already has the code, by coder (only the visible layer in blind mode). */
async function codingsOfCode(run: Run, sourceId: string) {
  return run.db
    .selectFrom('segments as g')
    .innerJoin('coders as c', 'c.id', 'g.coder_id')
    .select(['g.start_offset as start', 'g.end_offset as end', 'c.name as coder'])
    .where('g.source_id', '=', sourceId)
    .where('g.code_id', '=', run.code.id)
    .$if(run.visible !== null, (q) => q.where('c.name', '=', run.visible as string))
    .execute();
}

/** The segment a span becomes: its row, and what the preview shows of it. */
function plannedSegment(run: Run, at: SourceText, span: Utf16Range, range: CodePointRange, status: SpanStatus): Planned {
  const anchor = anchorRange(at.index, range, at.turnSpans);
  const turnId = anchor.turnId;
  const turnCase = turnId ? (at.turnCases.get(turnId) ?? null) : null;
  const theCase = at.caseById.get(turnCase ?? at.source.case_id ?? '');
  const from = Math.max(0, span.start - 200);
  const line = kwic(at.text.slice(from, span.end + 200), span.start - from, span.end - from, 40);
  return {
    source: { id: at.source.id, name: at.source.name },
    case: theCase ? { id: theCase.id, name: theCase.name } : null,
    start: range.start,
    end: range.end,
    text: anchor.selector.exact,
    left: line.left,
    right: line.right,
    codedBy: status.codedBy,
    turnId,
    row: {
      id: newId(),
      project_id: run.projectId,
      source_id: at.source.id,
      code_id: run.code.id,
      coder_id: run.coder,
      start_offset: range.start,
      end_offset: range.end,
      memo: '',
      ...anchorColumns(anchor),
      created_at: run.at,
      updated_at: run.at,
    },
  };
}

/**
 * Where a source may be searched (UTF-16 ranges, sorted): without turns, the whole text; with
 * turns, each turn's words without its speaker label (only the turns `keep` accepts, when given),
 * plus any text before the first turn when no turn filter applies.
 */
async function searchRegions(
  text: string,
  index: CodePointIndex,
  turns: Turn[],
  keep: ((t: Turn) => boolean) | null,
  slice: Slice,
): Promise<Region[]> {
  if (turns.length === 0) return [{ ...utf16Range(0, text.length), turn: false }];
  const out: Region[] = [];
  const firstStart = index.toUtf16((turns[0] as Turn).start_offset);
  if (!keep && text.slice(0, firstStart).trim()) out.push({ ...utf16Range(0, firstStart), turn: false });
  for (const t of turns) {
    if (slice.due()) await slice.pause();
    if (keep && !keep(t)) continue;
    const range = { start: index.toUtf16(t.start_offset), end: index.toUtf16(t.end_offset) };
    out.push({ ...turnContent(text, range, t.speaker), turn: true });
  }
  return out;
}

interface Region extends Utf16Range {
  /** A turn's words (else the whole text, or the text before the first turn). */
  turn: boolean;
}

function regionOf(regions: Region[], hit: Utf16Range): Region | null {
  let lo = 0;
  let hi = regions.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((regions[mid] as Region).end <= hit.start) lo = mid + 1;
    else hi = mid;
  }
  const r = regions[lo];
  return r && r.start <= hit.start && hit.end <= r.end ? r : null;
}

/**
 * Hits expanded to their unit, clipped to their region, merged when equal, in text order. A
 * turn unit outside turns (a source without speaker turns) is the hit's paragraph.
 */
async function expand(
  text: string,
  index: CodePointIndex,
  hits: Utf16Range[],
  regions: Region[],
  unit: 'match' | 'sentence' | 'turn',
  slice: Slice,
): Promise<Utf16Range[]> {
  let units: Utf16Range[] | null = null;
  const unitsOf = () => {
    if (units) return units;
    units =
      unit === 'sentence'
        ? sentences(text)
        : paragraphs(text).map((p) => ({ start: index.toUtf16(p.start), end: index.toUtf16(p.end) }));
    return units;
  };
  const seen = new Set<string>();
  const out: Utf16Range[] = [];
  for (const hit of hits) {
    if (slice.due()) await slice.pause();
    const region = regionOf(regions, hit) as Region;
    let span: Utf16Range = hit;
    if (unit === 'turn' && region.turn) span = region;
    else if (unit !== 'match') span = expandTo(unitsOf(), hit) ?? hit;
    const clipped = utf16Range(Math.max(span.start, region.start), Math.min(span.end, region.end));
    const key = `${clipped.start}:${clipped.end}`;
    if (clipped.end <= clipped.start || seen.has(key)) continue;
    seen.add(key);
    out.push(clipped);
  }
  return out.sort((a, b) => a.start - b.start || a.end - b.end);
}
