import type { MemoTarget } from '../plan.js';
import { childOf, childrenOf, type XmlElement } from '../xml.js';
import type { PlanContext } from './context.js';
import { normalizeGuid, referenced, SOURCES } from './guids.js';
import { readPlainText } from './plainText.js';
import { dateTime, firstLine } from './values.js';

/**
 * `<Notes>`, the `<NoteRef>`s and `<Links>` that attach them: each note becomes a memo on the
 * first object that refers to it; a note without a title on a selection becomes that segment's memo.
 */

export function attachNote(ctx: PlanContext, ref: XmlElement, target: MemoTarget): void {
  const { guid } = referenced(ctx, ref, ['Note']);
  addNoteTarget(ctx, guid, target);
}

function addNoteTarget(ctx: PlanContext, noteGuid: string, target: MemoTarget): void {
  const list = ctx.noteTargets.get(noteGuid) ?? [];
  list.push(target);
  ctx.noteTargets.set(noteGuid, list);
}

/** A link from a note to something Koda imports attaches the note; any other link is counted. */
export function readLinks(ctx: PlanContext): void {
  for (const link of childrenOf(childOf(ctx.root, 'Links'), 'Link')) {
    const origin = normalizeGuid(link.attrs.originGUID);
    const target = normalizeGuid(link.attrs.targetGUID);
    const from = origin ? ctx.registry.get(origin) : undefined;
    const to = target ? ctx.registry.get(target) : undefined;
    const memoTarget = to ? targetOf(to.kind, target as string) : null;
    if (from?.kind === 'Note' && memoTarget) addNoteTarget(ctx, origin as string, memoTarget);
    else ctx.summary.add('links', link.attrs.name ?? '');
  }
}

function targetOf(kind: string, guid: string): MemoTarget | null {
  if (kind === 'Case') return { kind: 'case', guid };
  if (kind === 'Code') return { kind: 'code', guid };
  if (kind === 'PlainTextSelection') return { kind: 'segment', guid };
  if (SOURCES.includes(kind)) return { kind: 'source', guid };
  return null;
}

export function readNotes(ctx: PlanContext): void {
  for (const note of childrenOf(childOf(ctx.root, 'Notes'), 'Note')) {
    const guid = normalizeGuid(note.attrs.guid) as string;
    const body = noteBody(ctx, note, guid);
    const named = (note.attrs.name ?? '').trim();
    const selections = childrenOf(note, 'PlainTextSelection');
    const codings = selections.reduce((n, s) => n + childrenOf(s, 'Coding').length, childrenOf(note, 'Coding').length);
    if (codings > 0) ctx.summary.add('note-codings', named || guid, codings);
    const target = noteTarget(ctx, guid, named, body);
    if (target === null) continue;
    ctx.memos.push({
      guid,
      target,
      title: (named || firstLine(body) || ctx.words.note).slice(0, 300),
      body,
      createdAt: dateTime(note.attrs.creationDateTime),
      updatedAt: dateTime(note.attrs.modifiedDateTime) ?? dateTime(note.attrs.creationDateTime),
    });
  }
}

/** The note's text, its description first when that says something else. */
function noteBody(ctx: PlanContext, note: XmlElement, guid: string): string {
  const plain = readPlainText(ctx, note);
  const content = plain && plain !== 'unreadable' ? plain.text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n') : '';
  if (plain === 'unreadable') ctx.summary.add('notes-unreadable', note.attrs.name ?? guid);
  const description = (childOf(note, 'Description')?.text ?? '').trim();
  return description && description !== content.trim() ? (content ? `${description}\n\n${content}` : description) : content;
}

/**
 * What the note becomes a memo on; null when an untitled note on a selection has become its
 * segments' own memo instead.
 */
function noteTarget(ctx: PlanContext, guid: string, named: string, body: string): MemoTarget | null {
  const targets = ctx.noteTargets.get(guid) ?? [];
  if (targets.length > 1) ctx.summary.add('notes-on-several', named || firstLine(body));
  const target: MemoTarget = targets[0] ?? { kind: 'project', guid: null };
  if (target.kind === 'segment') {
    const selection = ctx.selections.get(target.guid);
    const first = selection?.segments[0];
    if (!first) {
      ctx.summary.add('notes-moved-to-project', named || firstLine(body));
      return { kind: 'project', guid: null };
    }
    if (!named) {
      // A note without a title on a selection is its comment: the segment's own memo.
      for (const segment of selection.segments) segment.memo = segment.memo ? `${segment.memo}\n\n${body}` : body;
      return null;
    }
    return { kind: 'segment', guid: first.guid };
  }
  if (target.kind === 'source' && !ctx.sources.some((s) => s.guid === target.guid)) {
    ctx.summary.add('notes-moved-to-project', named || firstLine(body));
    return { kind: 'project', guid: null };
  }
  return target;
}
