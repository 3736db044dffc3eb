import { createHash } from 'node:crypto';
import { z } from 'zod';
import { anchorColumns, anchorRange } from '../core/anchoring/anchor.js';
import { QUOTE_CONTEXT } from '../core/anchoring/quoteSelector.js';
import { reanchor } from '../core/anchoring/reanchor.js';
import { clearOfChange, offsetAfter, type TextChange, textChange } from '../core/anchoring/textChange.js';
import { type TurnSpan, turnHolding } from '../core/anchoring/turnHolding.js';
import { conflict } from '../core/errors.js';
import { canonicalText } from '../core/text/canonical.js';
import { CodePointIndex, codePointRange } from '../core/text/codePoints.js';
import type { CodePointRange } from '../core/text/offsetUnits.js';
import { detectTurns, type SpeakerTurn } from '../core/transcript/turns.js';
import { type EditedTurn, type StoredTurn, turnsAfterEdit } from '../core/transcript/turnsAfterEdit.js';
import type { ChangeRecorder } from '../store/changes.js';
import { newId } from '../store/ids.js';
import type { ProjectRow } from '../store/schema.js';
import { syncSearchIndex } from '../store/searchIndex.js';
import { type CommandContext, runCommand } from './helpers/context.js';
import { indexOffThread } from './helpers/indexOffThread.js';
import { visibleLayer } from './helpers/layers.js';
import { resolveProject, resolveSource } from './helpers/resolve.js';
import { followTextChange } from './helpers/suggestions.js';
import { sourceTurns } from './helpers/turns.js';
import { parseInput } from './helpers/validate.js';

export const Input = z.object({
  project: z.string(),
  source: z.string(),
  /** The whole new text; made canonical (NFC, `\n`) before it is stored. */
  text: z.string(),
  /** The `textHash` of the text the edit was made on: a text changed since is not overwritten. */
  baseHash: z.string(),
});

/** A segment whose words the edit removed or left in several equally likely places. */
export interface BrokenAnchor {
  id: string;
  codeId: string;
  /** The coding layer it belongs to. */
  coderId: string;
  /** Where it is kept: its old place in the text around it. */
  start: number;
  end: number;
  /** The words it was made on. */
  exact: string;
  /** `missing`: the words are gone; `ambiguous`: several places fit; `taken`: its place holds its twin. */
  reason: 'missing' | 'ambiguous' | 'taken';
}

/**
 * Replaces a source's text with an edited version (a transcript corrected or being typed) and
 * brings what refers to it along: turns detected again (`turnsAfterEdit`), every segment found
 * again through its quote selector. A segment whose words are gone or ambiguous is not moved to
 * a guess: it stays where it was in the text around it, keeps its old selector, is marked broken
 * and listed in the answer; the next edit tries it again. Refused, changing nothing, when the
 * source's text is no longer the one the edit was based on (two tabs never clobber each other).
 * Undoable: text, turns and segments go back together.
 */
export async function editTranscript(ctx: CommandContext, input: z.input<typeof Input>) {
  const args = parseInput(Input, input);
  const project = await resolveProject(ctx.store.db, args.project);
  const result = await runCommand(ctx, { action: 'source.edit-text', projectId: project.id }, async (w) => {
    const source = await resolveSource(w.trx, project.id, args.source);
    const { text, text_hash } = await w.trx
      .selectFrom('sources')
      .select(['text', 'text_hash'])
      .where('id', '=', source.id)
      .executeTakeFirstOrThrow();
    if (text_hash !== args.baseHash) throw conflict('source.text-changed', { source: source.name });
    const edit = await applyEdit(w, source, new CodePointIndex(text), new CodePointIndex(canonicalText(args.text)));
    const broken = await visibleBroken(w, project, ctx, edit.broken);
    return {
      result: { textHash: edit.textHash, turns: await sourceTurns(w.trx, source.id), broken },
      objectIds: [source.id],
      details: { changed: edit.changed, turns: edit.turns, moved: edit.moved, broken: edit.broken.length },
    };
  });
  await syncSearchIndex(ctx.store.db, project.id, { refreshOnly: true, ...indexOffThread(ctx.store) });
  return result;
}

/** The broken segments the editor may see: in blind mode, a coder but the owner only their own layer's. */
async function visibleBroken(w: ChangeRecorder, project: ProjectRow, ctx: CommandContext, broken: BrokenAnchor[]) {
  const only = await visibleLayer(w.trx, project, ctx);
  if (only === null) return broken;
  const layer = await w.trx
    .selectFrom('coders')
    .select('id')
    .where('project_id', '=', project.id)
    .where('name', '=', only)
    .executeTakeFirst();
  return broken.filter((b) => b.coderId === layer?.id);
}

interface EditedSource {
  id: string;
  name: string;
}

/** The edit's writes, through the recorder so undo takes them back in reverse. */
async function applyEdit(w: ChangeRecorder, source: EditedSource, before: CodePointIndex, after: CodePointIndex) {
  const textHash = createHash('sha256').update(after.text).digest('hex');
  const change = textChange(before, after);
  if (!change) return { textHash, changed: false, turns: 0, moved: 0, broken: [] as BrokenAnchor[] };
  const stored = await storedTurns(w, source.id);
  const turns = turnsAfterEdit(stored, detectTurns(after.text), change, detectTurns(before.text).length > 0);
  const spans = await writeTurns(w, source.id, stored, turns, change);
  const { moved, broken } = await moveSegments(w, source, { change, after, spans });
  await followTextChange(w, source.id, change);
  const kept = new Set(spans.map((t) => t.id));
  await w.delete(
    'turns',
    stored.filter((t) => !kept.has(t.id)).map((t) => t.id),
  );
  await w.update('sources', source.id, { text_length: after.length, text_hash: textHash });
  await w.splice('sources', source.id, 'text', after.text);
  return { textHash, changed: true, turns: turns.length, moved, broken };
}

/** A stored turn with its place in the order, as the edit found it. */
interface TurnRow extends StoredTurn {
  position: number;
}

async function storedTurns(w: ChangeRecorder, sourceId: string): Promise<TurnRow[]> {
  const rows = await w.trx
    .selectFrom('turns')
    .select(['id', 'position', 'start_offset', 'end_offset', 'speaker', 'start_ms', 'end_ms'])
    .where('source_id', '=', sourceId)
    .orderBy('position')
    .execute();
  return rows.map((t) => ({
    id: t.id,
    position: t.position,
    start: t.start_offset,
    end: t.end_offset,
    speaker: t.speaker,
    startMs: t.start_ms,
    endMs: t.end_ms,
  }));
}

/**
 * Writes the turns after the edit; returns every turn's span, by start. The turns after the
 * change move together, in one shift; then each turn whose place, order, speaker or times
 * still differ is updated, and the new ones inserted.
 */
async function writeTurns(w: ChangeRecorder, sourceId: string, stored: TurnRow[], turns: EditedTurn[], change: TextChange) {
  const delta = change.newEnd - change.oldEnd;
  const firstAfter = stored.findIndex((t) => t.start >= change.oldEnd);
  const movedTo = firstAfter === -1 ? -1 : turns.findIndex((t) => t.id === stored[firstAfter]?.id);
  const positions = movedTo === -1 ? 0 : movedTo - (stored[firstAfter] as TurnRow).position;
  await w.shift('turns', sourceId, change.oldEnd, delta, movedTo === -1 ? 0 : positions);
  const now = new Map(
    stored.map((t) => {
      const shifted = t.start >= change.oldEnd;
      const moved = (n: number) => (shifted ? n + delta : n);
      const position = shifted && movedTo !== -1 ? t.position + positions : t.position;
      return [t.id, { ...turnColumns({ ...t, start: moved(t.start), end: moved(t.end) }, position) }];
    }),
  );
  const spans: TurnSpan[] = [];
  const added = [];
  for (const [position, t] of turns.entries()) {
    const columns = turnColumns(t, position);
    const id = t.id ?? newId();
    if (t.id) await w.update('turns', t.id, differing(now.get(t.id) ?? {}, columns));
    else added.push({ id, source_id: sourceId, case_id: null, ...columns });
    spans.push({ id, ...codePointRange(t) });
  }
  if (added.length > 0) await w.insert('turns', added);
  return spans;
}

function turnColumns(t: SpeakerTurn, position: number) {
  return { position, start_offset: t.start, end_offset: t.end, speaker: t.speaker, start_ms: t.startMs, end_ms: t.endMs };
}

/** Of `wanted`, the columns whose value differs from `current`'s: an unchanged row leaves no history. */
function differing<T extends Record<string, unknown>>(current: Record<string, unknown>, wanted: T): Partial<T> {
  return Object.fromEntries(Object.entries(wanted).filter(([k, v]) => current[k] !== v)) as Partial<T>;
}

interface Placing {
  change: TextChange;
  after: CodePointIndex;
  spans: TurnSpan[];
}

interface StoredSegment {
  id: string;
  code_id: string;
  coder_id: string;
  start_offset: number;
  end_offset: number;
  exact: string;
  prefix: string;
  suffix: string;
  turn_id: string | null;
  anchor_broken?: number;
}

/** A segment's place after the edit, and how it got there. */
interface Placed {
  segment: StoredSegment;
  range: CodePointRange;
  /** How its row moves: not at all, in the shift of everything after the change, or parked and placed. */
  move: 'none' | 'shift' | 'park';
  broken: BrokenAnchor['reason'] | null;
}

/**
 * Finds every segment of the source in the new text and writes its new place and anchor. The
 * segments looked for by their quote are first parked on negative offsets (distinct, since
 * negation is one-to-one), as a new place may be another's old one under
 * `segments_one_per_span`; then those after the change move in one shift; then the parked are placed.
 */
async function moveSegments(w: ChangeRecorder, source: EditedSource, placing: Placing) {
  const segments = (await w.trx
    .selectFrom('segments')
    .select(['id', 'code_id', 'coder_id', 'start_offset', 'end_offset', 'exact', 'prefix', 'suffix', 'turn_id', 'anchor_broken'])
    .where('source_id', '=', source.id)
    .orderBy('start_offset')
    .orderBy('id')
    .execute()) as StoredSegment[];
  if (segments.length > 0 && placing.after.length === 0)
    throw conflict('source.edit-empties-coded', { source: source.name, segments: segments.length });
  const placed = placeAll(segments, placing);
  for (const { segment: s } of placed.filter((p) => p.move === 'park')) {
    await w.update('segments', s.id, { start_offset: -1 - s.start_offset, end_offset: -1 - s.end_offset });
  }
  const { change } = placing;
  await w.shift('segments', source.id, change.oldEnd + QUOTE_CONTEXT, change.newEnd - change.oldEnd);
  for (const p of placed) await writePlace(w, p, placing);
  const moved = placed.filter((p) => p.range.start !== p.segment.start_offset).length;
  return { moved, broken: placed.filter((p) => p.broken).map((p) => brokenAnchor(p)) };
}

/** Each segment's new place: moved with the text when clear of the change, else found by its quote or kept broken. */
function placeAll(segments: StoredSegment[], { change, after }: Placing): Placed[] {
  const taken = new Set<string>();
  const key = (s: StoredSegment, r: CodePointRange) => `${s.code_id} ${s.coder_id} ${r.start} ${r.end}`;
  const placed: Placed[] = [];
  const searched: StoredSegment[] = [];
  for (const s of segments) {
    const range = codePointRange({ start: s.start_offset, end: s.end_offset });
    // Clear of the change, reanchor would find it at its shifted place (full context, the nearest
    // of any ties), so it is placed there without searching the whole text.
    if (!s.anchor_broken && clearOfChange(change, range, QUOTE_CONTEXT)) {
      const moved = codePointRange({ start: offsetAfter(change, range.start), end: offsetAfter(change, range.end) });
      taken.add(key(s, moved));
      placed.push({ segment: s, range: moved, move: range.start >= change.oldEnd ? 'shift' : 'none', broken: null });
    } else searched.push(s);
  }
  const kept: { segment: StoredSegment; reason: BrokenAnchor['reason'] }[] = [];
  for (const s of searched) {
    const found = reanchor(s, after, offsetAfter(change, s.start_offset));
    if (found.status === 'found' && !taken.has(key(s, found.range))) {
      taken.add(key(s, found.range));
      placed.push({ segment: s, range: found.range, move: 'park', broken: null });
    } else kept.push({ segment: s, reason: found.status === 'found' ? 'taken' : found.status });
  }
  for (const { segment, reason } of kept) {
    const range = keptPlace(segment, change, after.length, (r) => taken.has(key(segment, r)));
    taken.add(key(segment, range));
    placed.push({ segment, range, move: 'park', broken: reason });
  }
  return placed;
}

/**
 * A broken segment's place: where it was in the text around it (at least one character, within
 * the new text), moved back a character at a time in the rare case its twin holds that place.
 */
function keptPlace(
  s: StoredSegment,
  change: TextChange,
  length: number,
  isTaken: (r: CodePointRange) => boolean,
): CodePointRange {
  const end = Math.min(Math.max(offsetAfter(change, s.end_offset), offsetAfter(change, s.start_offset) + 1), length);
  const start = Math.min(offsetAfter(change, s.start_offset), end - 1);
  for (let back = 0; back <= start; back++) {
    const range = codePointRange({ start: start - back, end: end - back });
    if (!isTaken(range)) return range;
  }
  throw conflict('source.edit-empties-coded', { source: s.id, segments: 1 });
}

/** Writes a segment's place and anchor where they differ from its row as it now stands. */
async function writePlace(w: ChangeRecorder, p: Placed, { after, spans, change }: Placing) {
  const s = p.segment;
  const anchor = p.broken
    ? { exact: s.exact, prefix: s.prefix, suffix: s.suffix, turn_id: turnHolding(spans, p.range.start) }
    : anchorColumns(anchorRange(after, p.range, spans));
  const wanted = { start_offset: p.range.start, end_offset: p.range.end, ...anchor, anchor_broken: p.broken ? 1 : 0 };
  const delta = change.newEnd - change.oldEnd;
  const now =
    p.move === 'park'
      ? { ...s, start_offset: -1 - s.start_offset, end_offset: -1 - s.end_offset }
      : p.move === 'shift'
        ? { ...s, start_offset: s.start_offset + delta, end_offset: s.end_offset + delta }
        : s;
  await w.update('segments', s.id, differing(now as unknown as Record<string, unknown>, wanted));
}

function brokenAnchor(p: Placed): BrokenAnchor {
  return {
    id: p.segment.id,
    codeId: p.segment.code_id,
    coderId: p.segment.coder_id,
    start: p.range.start,
    end: p.range.end,
    exact: p.segment.exact,
    reason: p.broken as BrokenAnchor['reason'],
  };
}
