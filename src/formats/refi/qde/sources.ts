import { v7 } from 'uuid';
import { CodePointIndex, codePointLength } from '../../../core/text/codePoints.js';
import { detectTurns } from '../../../core/transcript/turns.js';
import { parseSource } from '../../index.js';
import type { SourceKind } from '../../types.js';
import { ArchiveFiles, type FoundFile } from '../files.js';
import { chooseReading } from '../offsets.js';
import type { PlanSource } from '../plan.js';
import { childOf, childrenOf, type XmlElement } from '../xml.js';
import { variableValue } from './cases.js';
import { archiveFile, type PlanContext } from './context.js';
import { normalizeGuid, referenced, SELECTIONS, SOURCES } from './guids.js';
import { attachNote } from './notes.js';
import { readPlainText } from './plainText.js';
import { addSegment, readSelection } from './selections.js';
import { coderOf } from './users.js';
import { dateTime, freeName, integer, sameExactly } from './values.js';

/**
 * `<Sources>`: text and PDF sources (and the transcripts of audio and video) become sources with
 * their text, original file and selections; pictures, audio and video are counted in the summary.
 */

const KIND_BY_EXT: Record<string, SourceKind> = {
  txt: 'txt',
  text: 'txt',
  md: 'md',
  markdown: 'md',
  docx: 'docx',
  odt: 'odt',
  pdf: 'pdf',
  vtt: 'vtt',
  srt: 'srt',
};
const MEDIA_BY_EXT: Record<string, string> = {
  txt: 'text/plain',
  md: 'text/markdown',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  odt: 'application/vnd.oasis.opendocument.text',
  pdf: 'application/pdf',
  vtt: 'text/vtt',
  srt: 'application/x-subrip',
  rtf: 'application/rtf',
};

const extOf = (name: string) => {
  const base = name.split('/').pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
};

export async function readSource(ctx: PlanContext, el: XmlElement): Promise<void> {
  if (!SOURCES.includes(el.name)) return;
  const guid = normalizeGuid(el.attrs.guid) as string;
  const path = el.attrs.plainTextPath ?? el.attrs.path ?? childOf(el, 'Representation')?.attrs.plainTextPath ?? '';
  const stem = (path.split('/').pop() ?? '').replace(/\.[^.]*$/, '');
  const label = (el.attrs.name ?? '').trim() || (normalizeGuid(stem) ? '' : stem) || `${ctx.words.source} ${guid.slice(0, 8)}`;
  for (const vv of childrenOf(el, 'VariableValue')) {
    variableValue(ctx, vv);
    ctx.summary.add('source-variables', label);
  }
  if (el.name === 'TextSource') return readTextSource(ctx, el, guid, label, el, null);
  if (el.name === 'PDFSource') {
    const pdf = archiveFile(ctx, el.attrs.path);
    const representation = childOf(el, 'Representation');
    for (const s of childrenOf(el, 'PDFSelection'))
      ctx.summary.add('pdf-area-selections', `${label}: ${s.attrs.name ?? s.attrs.page ?? ''}`);
    return readTextSource(ctx, el, guid, label, representation ?? null, pdf);
  }
  await readMediaSource(ctx, el, guid, label);
}

/** Picture, audio or video: counted, with its codings; a transcript of it may become a source. */
async function readMediaSource(ctx: PlanContext, el: XmlElement, guid: string, label: string): Promise<void> {
  const kind = el.name === 'PictureSource' ? 'picture-sources' : el.name === 'AudioSource' ? 'audio-sources' : 'video-sources';
  ctx.summary.add(kind, label);
  archiveFile(ctx, el.attrs.path);
  for (const s of el.children.filter((c) => SELECTIONS.includes(c.name))) {
    const n = childrenOf(s, 'Coding').length;
    if (n > 0) ctx.summary.add('media-codings', label, n);
  }
  for (const ref of childrenOf(el, 'NoteRef')) attachNote(ctx, ref, { kind: 'source', guid });
  for (const t of childrenOf(el, 'Transcript')) await readTranscript(ctx, t, label);
}

/** A transcript of audio or video becomes a text source, unless its text is already one. */
async function readTranscript(ctx: PlanContext, t: XmlElement, mediaLabel: string): Promise<void> {
  const path = t.attrs.plainTextPath;
  const found = path ? archiveFile(ctx, path) : null;
  if (found && ctx.textFilesUsed.has(found.entry)) {
    ctx.summary.add('transcripts-already-sources', mediaLabel);
    return;
  }
  const own = normalizeGuid(t.attrs.guid);
  const guid = own && !ctx.registry.has(own) ? own : v7();
  const label = (t.attrs.name ?? '').trim() || mediaLabel;
  if (childrenOf(t, 'TranscriptSelection').length > 0)
    ctx.summary.add('transcript-selections', label, childrenOf(t, 'TranscriptSelection').length);
  if (childrenOf(t, 'SyncPoint').length > 0) ctx.summary.add('sync-points', label, childrenOf(t, 'SyncPoint').length);
  await readTextSource(ctx, t, guid, label, t, null);
}

/** A source's text as found, and the file it came from. */
interface FoundText {
  raw: string;
  /** Read from the original (a PDF or docx), because the plain text was empty. */
  fromOriginal: boolean;
  original: FoundFile | null;
  plainFile: FoundFile | null;
}

/**
 * A text-bearing source: `textEl` carries the plain text (PlainTextContent or plainTextPath)
 * and the selections; `el` carries codings of the whole source and notes.
 */
async function readTextSource(
  ctx: PlanContext,
  el: XmlElement,
  guid: string,
  label: string,
  textEl: XmlElement | null,
  pdf: FoundFile | null,
): Promise<void> {
  const found = await findText(ctx, el, label, textEl, pdf);
  if (!found) return;
  const { raw, fromOriginal, original, plainFile } = found;
  if (plainFile) ctx.textFilesUsed.add(plainFile.entry);
  const selectionEls = childrenOf(textEl ?? undefined, 'PlainTextSelection');
  if (fromOriginal) {
    ctx.summary.add('sources-text-from-original', label);
    if (selectionEls.length > 0) ctx.summary.add('selections-of-missing-sources', label, selectionEls.length);
  }
  const probes = fromOriginal
    ? []
    : selectionEls.map((s) => ({
        start: integer(s.attrs.startPosition) ?? -1,
        end: integer(s.attrs.endPosition) ?? -1,
        name: s.attrs.name ?? null,
      }));
  const { mapped, reading, decided } = chooseReading(raw, probes);
  if (decided && raw.includes('\r\n')) ctx.summary.add(reading.crlf === 'one' ? 'crlf-as-one' : 'crlf-as-two', label);
  if (mapped.text.trim() === '') ctx.summary.add('sources-without-text', label);
  const ext = original ? extOf(original.entry) : 'txt';
  const kind: SourceKind = pdf ? 'pdf' : (KIND_BY_EXT[ext] ?? 'txt');
  const originalBytes = original?.bytes ?? plainFile?.bytes ?? new TextEncoder().encode(mapped.text);
  const name = freeName(
    label.slice(0, 200),
    ctx.sources.map((s) => s.name),
    sameExactly,
  );
  const source: PlanSource = {
    guid,
    name,
    kind,
    caseGuid: ctx.sourceCase.get(guid) ?? null,
    text: mapped.text,
    turns: detectTurns(mapped.text),
    turnCases: [],
    original: {
      bytes: originalBytes,
      name: `${name}.${original ? ext : 'txt'}`,
      mediaType: MEDIA_BY_EXT[original ? ext : 'txt'] ?? 'application/octet-stream',
    },
    metadata: { importedFrom: ctx.input.file.split(/[\\/]/).pop() ?? '' },
    createdAt: dateTime(el.attrs.creationDateTime),
  };
  ctx.sources.push(source);
  const index = new CodePointIndex(source.text);
  for (const s of selectionEls) {
    if (fromOriginal) continue;
    readSelection(ctx, s, source, mapped, index);
  }
  readWholeSource(ctx, el, source, label);
}

/**
 * The text of a source: its plain text, or its original's (PDF, docx) when that is empty; null,
 * with the reason in the summary, when there is none.
 */
async function findText(
  ctx: PlanContext,
  el: XmlElement,
  label: string,
  textEl: XmlElement | null,
  pdf: FoundFile | null,
): Promise<FoundText | null> {
  const rich = el.name === 'TextSource' && el.attrs.richTextPath ? archiveFile(ctx, el.attrs.richTextPath) : null;
  const plain = textEl ? readPlainText(ctx, textEl) : null;
  if (plain === 'unreadable') {
    ctx.summary.add('sources-unreadable', label);
    return null;
  }
  let raw = plain?.text ?? null;
  let fromOriginal = false;
  const original = pdf ?? rich ?? (plain?.file ? ctx.input.files?.original(plain.file.entry) : null) ?? null;
  if ((raw === null || raw.trim() === '') && original && (extOf(original.entry) === 'pdf' || extOf(original.entry) === 'docx')) {
    try {
      raw = (await parseSource(original.bytes, original.entry)).text;
      fromOriginal = raw.trim() !== '';
    } catch {
      // Keep what the file had; reported below as a source without text.
    }
  }
  if (raw === null) {
    ctx.summary.add(
      el.attrs.plainTextPath && ArchiveFiles.isExternal(el.attrs.plainTextPath) ? 'sources-external' : 'sources-missing-text',
      label,
    );
    for (const s of childrenOf(textEl ?? el, 'PlainTextSelection'))
      ctx.summary.add('selections-of-missing-sources', s.attrs.name ?? label);
    return null;
  }
  return { raw, fromOriginal, original, plainFile: plain?.file ?? null };
}

/** Codings of the whole source become segments over all its text; its notes and description, memos. */
function readWholeSource(ctx: PlanContext, el: XmlElement, source: PlanSource, label: string): void {
  const { guid } = source;
  const length = codePointLength(source.text);
  for (const coding of childrenOf(el, 'Coding')) {
    const code = referenced(ctx, childOf(coding, 'CodeRef') ?? coding, ['Code']);
    if (length === 0) continue;
    ctx.summary.add('source-codings', label);
    addSegment(ctx, {
      guid: normalizeGuid(coding.attrs.guid) ?? v7(),
      sourceGuid: guid,
      codeGuid: code.guid,
      userGuid: coderOf(ctx, coding.attrs.creatingUser),
      start: 0,
      end: length,
      memo: '',
      createdAt: dateTime(coding.attrs.creationDateTime),
      updatedAt: dateTime(coding.attrs.creationDateTime),
    });
  }
  for (const ref of childrenOf(el, 'NoteRef')) attachNote(ctx, ref, { kind: 'source', guid });
  const description = childOf(el, 'Description')?.text ?? '';
  if (description.trim() !== '') {
    ctx.memos.push({
      guid: v7(),
      target: { kind: 'source', guid },
      title: ctx.words.description,
      body: description,
      createdAt: null,
      updatedAt: null,
    });
  }
}
