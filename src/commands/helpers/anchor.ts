import { type InferResult, sql } from 'kysely';
import type { Anchor } from '../../core/anchoring/anchor.js';
import { contextRanges } from '../../core/anchoring/quoteSelector.js';
import { type TurnSpan, turnHolding } from '../../core/anchoring/turnHolding.js';
import { notFound } from '../../core/errors.js';
import { CodePointIndex, codePointOffset } from '../../core/text/codePoints.js';
import type { CodePointOffset, CodePointRange } from '../../core/text/offsetUnits.js';
import type { Db } from '../../store/db.js';
import { type Statement, shapedTemplate } from '../../store/statementTemplate.js';
import { type KeptText, LONGEST_KEPT_TEXT, recentTexts } from './recentTexts.js';

/** A stored turn row as anchoring sees it: the store's offsets are code points. */
export const turnSpan = (row: { id: string; start_offset: number; end_offset: number }): TurnSpan => ({
  id: row.id,
  start: codePointOffset(row.start_offset),
  end: codePointOffset(row.end_offset),
});

/** A case whose words a range is, and whether their consent is recorded. */
export interface Participant {
  name: string;
  consented: boolean;
}

/** An anchor in a stored source, with whose words it is: the participant of its turn, else the source's. */
export interface StoredAnchor extends Anchor {
  participant: Participant | null;
}

/**
 * The anchor of a range of a stored source, in one statement (anchorLookup).
 * `longestKept` is for tests, to reach the database's cut.
 */
export async function anchorInStore(
  db: Db,
  sourceId: string,
  range: CodePointRange,
  options: { longestKept?: number } = {},
): Promise<StoredAnchor> {
  const anchor = anchorLookup(sourceId, range, options);
  const [row] = await anchorOnly(db, anchor, {});
  if (!row) throw notFound('source.not-found', { source: sourceId });
  return anchor.anchorOf(row);
}

/** Whether the anchor statement can cut `range` before it is checked against its text: whole offsets in order, within the database's integers. */
export const cuttable = (range: { start: number; end: number }): range is CodePointRange =>
  Number.isInteger(range.start) &&
  Number.isInteger(range.end) &&
  0 <= range.start &&
  range.start < range.end &&
  range.end < 2 ** 31;

/** What the anchor statement is run with: the source, the range's start, and where the cut begins and how long it is (in code points). */
interface AnchorValues {
  sourceId: string;
  start: number;
  cutFrom: number;
  cutLength: number;
  longestKept: number;
  /** The hash of the text kept in memory ('' when none is). */
  keptHash: string;
}

/** What makes one anchor statement differ from another beyond its values: a text is kept in memory, a text is worth keeping. */
type AnchorShape = {
  kept: boolean;
  worth: boolean;
};

/**
 * The statement of a range's anchor, and how its row becomes the anchor: its values and shape,
 * for anchorTemplate. It reads the source's hash and length, the turn that can hold the start
 * (the last to begin at or before it), the cases of both with their consent, and the text
 * around the range, cut by the database (whose substr counts code points on both engines) unless
 * the text kept in memory for the source (recentTexts.ts) still has the stored hash. A text
 * short enough to keep and cut a second time is read whole instead, and kept. The range is not
 * checked against the text: a command validates it with the length the row brings before it
 * makes the anchor.
 */
export function anchorLookup(
  sourceId: string,
  range: CodePointRange,
  { longestKept = LONGEST_KEPT_TEXT }: { longestKept?: number } = {},
) {
  // The text's length is not known yet: the cut may run past its end, where substr stops.
  const { prefix, suffix } = contextRanges(range, codePointOffset(Number.MAX_SAFE_INTEGER));
  const kept = recentTexts.get(sourceId);
  const worth = recentTexts.worthKeeping(sourceId);
  const values: AnchorValues = {
    sourceId,
    start: range.start,
    cutFrom: prefix.start + 1,
    cutLength: suffix.end - prefix.start,
    longestKept,
    keptHash: kept?.hash ?? '',
  };
  const shape: AnchorShape = { kept: kept !== undefined, worth };
  const anchorOf = (row: AnchorRow): StoredAnchor => {
    const whole = worth && row.text_length <= longestKept;
    const { cut, from } = cutOf(sourceId, row, kept, whole, prefix.start);
    const at = (offset: CodePointOffset) => codePointOffset(offset - from);
    const context = contextRanges(range, codePointOffset(row.text_length));
    const turns =
      row.turn_id === null
        ? []
        : [turnSpan({ id: row.turn_id, start_offset: Number(row.turn_start), end_offset: Number(row.turn_end) })];
    const turnId = turnHolding(turns, range.start);
    return {
      selector: {
        exact: cut.slice(at(range.start), at(range.end)),
        prefix: cut.slice(at(context.prefix.start), at(context.prefix.end)),
        suffix: cut.slice(at(context.suffix.start), at(context.suffix.end)),
      },
      turnId,
      participant: participantOf(row, turnId !== null),
    };
  };
  return { values, shape, anchorOf };
}

/** The anchor statement of one shape, built from its values (stand-ins in a template). */
function anchorQuery(db: Db, v: AnchorValues, shape: AnchorShape) {
  const turnAt = db
    .selectFrom('turns')
    .select('turns.id')
    .where('turns.source_id', '=', v.sourceId)
    .where('turns.start_offset', '<=', v.start)
    .orderBy('turns.start_offset', 'desc')
    .limit(1);
  const part = sql<string>`substr(sources.text, ${v.cutFrom}, ${v.cutLength})`;
  const text = shape.worth
    ? sql<string>`case when sources.text_length <= ${v.longestKept} then sources.text else ${part} end`
    : part;
  return (
    db
      .selectFrom('sources')
      .leftJoin('turns as t', (join) => join.on('t.id', '=', turnAt))
      .select(['sources.text_hash', 'sources.text_length'])
      .select(['t.id as turn_id', 't.start_offset as turn_start', 't.end_offset as turn_end'])
      // Subqueries, not joins: PostgreSQL plans each statement anew, and joins cost it twice the time.
      .select((eb) => [
        eb.selectFrom('cases').select('name').whereRef('cases.id', '=', 't.case_id').as('turn_case'),
        eb.selectFrom('consent_records').select('id').whereRef('consent_records.case_id', '=', 't.case_id').as('turn_consent'),
        eb.selectFrom('cases').select('name').whereRef('cases.id', '=', 'sources.case_id').as('source_case'),
        eb
          .selectFrom('consent_records')
          .select('id')
          .whereRef('consent_records.case_id', '=', 'sources.case_id')
          .as('source_consent'),
      ])
      .select(
        (shape.kept ? sql<string | null>`case when sources.text_hash = ${v.keptHash} then null else ${text} end` : text).as(
          'cut',
        ),
      )
      .where('sources.id', '=', v.sourceId)
  );
}

type AnchorQuery = ReturnType<typeof anchorQuery>;
type AnchorRow = InferResult<AnchorQuery>[number];

/**
 * A statement extending the anchor's with a command's own columns of the same source (applyCoding
 * finds the coding's parts with it), compiled once for each shape of anchor (statementTemplate).
 * `extend` is given the anchor's statement and stand-ins for the command's values `V`.
 */
export function anchorTemplate<V extends object, Q extends Statement>(extend: (db: Db, anchor: AnchorQuery, values: V) => Q) {
  const run = shapedTemplate((db, all: AnchorValues & V, shape: AnchorShape) => extend(db, anchorQuery(db, all, shape), all));
  return (db: Db, anchor: { values: AnchorValues; shape: AnchorShape }, values: V) =>
    run(db, anchor.shape, { ...anchor.values, ...values });
}

const anchorOnly = anchorTemplate((_db, anchor) => anchor);

/** Whose words: the case of the turn holding the range when it has one, else the source's. */
function participantOf(
  row: { turn_case: string | null; turn_consent: string | null; source_case: string | null; source_consent: string | null },
  inTurn: boolean,
): Participant | null {
  if (inTurn && row.turn_case !== null) return { name: row.turn_case, consented: row.turn_consent !== null };
  if (row.source_case !== null) return { name: row.source_case, consented: row.source_consent !== null };
  return null;
}

/** The text the statement gave (null: the kept one is current), as an index and the code point it starts at. */
function cutOf(
  sourceId: string,
  row: { text_hash: string; cut: string | null },
  kept: KeptText | undefined,
  whole: boolean,
  spanStart: number,
): { cut: CodePointIndex; from: number } {
  if (row.cut === null) return { cut: (kept as KeptText).index, from: 0 };
  if (whole) return { cut: recentTexts.remember(sourceId, row.text_hash, row.cut), from: 0 };
  return { cut: new CodePointIndex(row.cut), from: spanStart };
}
