import { v7 } from 'uuid';
import type { CodePointIndex } from '../../../core/text/codePoints.js';
import { type chooseReading, nameMatches } from '../offsets.js';
import type { PlanSegment, PlanSource } from '../plan.js';
import { childOf, childrenOf, type XmlElement } from '../xml.js';
import { uncodedCode } from './codes.js';
import type { PlanContext, SelectionInfo } from './context.js';
import { normalizeGuid, referenced } from './guids.js';
import { attachNote } from './notes.js';
import { coderOf } from './users.js';
import { dateTime, integer } from './values.js';

/**
 * `<PlainTextSelection>`: a span of a source's text, placed through the source's reading of its
 * offsets, becomes one segment per coding (or a case's turn, or a segment of the uncoded code).
 */

type MappedText = ReturnType<typeof chooseReading>['mapped'];

export function readSelection(
  ctx: PlanContext,
  s: XmlElement,
  source: PlanSource,
  mapped: MappedText,
  index: CodePointIndex,
): void {
  const guid = normalizeGuid(s.attrs.guid) as string;
  const info: SelectionInfo = { guid, sourceGuid: source.guid, segments: [] };
  ctx.selections.set(guid, info);
  const codings = childrenOf(s, 'Coding').map((c) => ({
    el: c,
    code: referenced(ctx, childOf(c, 'CodeRef') ?? c, ['Code']).guid,
  }));
  for (const ref of childrenOf(s, 'NoteRef')) attachNote(ctx, ref, { kind: 'segment', guid });
  for (const c of codings) for (const ref of childrenOf(c.el, 'NoteRef')) attachNote(ctx, ref, { kind: 'segment', guid });
  const where = `${source.name} ${s.attrs.startPosition ?? '?'}–${s.attrs.endPosition ?? '?'}`;
  const span = placeSpan(ctx, s, mapped, where);
  if (!span) return;
  const { start, end } = span;
  const selected = index.slice(start, end);
  const name = s.attrs.name?.trim();
  if (name && !nameMatches(name, selected)) ctx.summary.add('selection-names', name.slice(0, 80));
  const memo = childOf(s, 'Description')?.text ?? '';
  const selUser = s.attrs.creatingUser;
  if (codings.length === 0) {
    const caseGuid = ctx.caseOfSelection.get(guid);
    if (caseGuid) {
      const turn = source.turns.findIndex((t) => t.start === start && t.end === end);
      if (turn >= 0) source.turnCases.push({ turn, caseGuid, selectionGuid: guid });
      else ctx.summary.add('case-selections', where);
      return;
    }
    ctx.summary.add('selections-uncoded', selected.slice(0, 60));
    info.segments.push(
      addSegment(ctx, {
        guid,
        sourceGuid: source.guid,
        codeGuid: uncodedCode(ctx),
        userGuid: coderOf(ctx, selUser),
        start,
        end,
        memo,
        createdAt: dateTime(s.attrs.creationDateTime),
        updatedAt: dateTime(s.attrs.modifiedDateTime) ?? dateTime(s.attrs.creationDateTime),
      }),
    );
    return;
  }
  if (ctx.caseOfSelection.has(guid)) ctx.summary.add('case-selections', where);
  codings.forEach((c, k) => {
    const codingGuid = normalizeGuid(c.el.attrs.guid);
    info.segments.push(
      addSegment(ctx, {
        guid: k === 0 ? guid : codingGuid && !ctx.registry.has(codingGuid) ? codingGuid : v7(),
        sourceGuid: source.guid,
        codeGuid: c.code,
        userGuid: coderOf(ctx, c.el.attrs.creatingUser ?? selUser),
        start,
        end,
        memo,
        createdAt: dateTime(c.el.attrs.creationDateTime) ?? dateTime(s.attrs.creationDateTime),
        updatedAt:
          dateTime(s.attrs.modifiedDateTime) ?? dateTime(c.el.attrs.creationDateTime) ?? dateTime(s.attrs.creationDateTime),
      }),
    );
  });
}

/** The selection's `[start, end)` in Koda's code points; null, counted, when it does not fit. */
function placeSpan(ctx: PlanContext, s: XmlElement, mapped: MappedText, where: string): { start: number; end: number } | null {
  const rawStart = integer(s.attrs.startPosition);
  const rawEnd = integer(s.attrs.endPosition);
  if (rawStart === null || rawEnd === null) {
    ctx.summary.add('selections-not-fitting', where);
    return null;
  }
  if (rawStart === rawEnd) {
    ctx.summary.add('selections-zero-length', where);
    return null;
  }
  const start = mapped.map(rawStart);
  const end = mapped.map(rawEnd);
  if (start === null || end === null || rawEnd < rawStart) {
    ctx.summary.add('selections-not-fitting', `${where} (${mapped.rawLength})`);
    return null;
  }
  if (end <= start) {
    ctx.summary.add('selections-zero-length', where);
    return null;
  }
  if (mapped.splitsCharacter(rawStart) || mapped.splitsCharacter(rawEnd)) ctx.summary.add('selections-split-character', where);
  return { start, end };
}

/** Adds a segment, or folds it into an identical one (same span, code and coder). */
export function addSegment(ctx: PlanContext, segment: PlanSegment): PlanSegment {
  const key = [segment.sourceGuid, segment.codeGuid, segment.userGuid, segment.start, segment.end].join('|');
  const twin = ctx.segmentByKey.get(key);
  if (!twin) {
    ctx.segments.push(segment);
    ctx.segmentByKey.set(key, segment);
    return segment;
  }
  ctx.summary.add('codings-merged', `${segment.start}–${segment.end}`);
  if (segment.memo && !twin.memo.includes(segment.memo)) twin.memo = twin.memo ? `${twin.memo}\n\n${segment.memo}` : segment.memo;
  return twin;
}
