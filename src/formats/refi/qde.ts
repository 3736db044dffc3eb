import { v7 } from 'uuid';
import { type AttributeType, normalizeAttributeValue } from '../../core/cases/attributeValue.js';
import { paletteColor, parseColor } from '../../core/codebook/colors.js';
import { sameName } from '../../core/codebook/tree.js';
import { invalid } from '../../core/errors.js';
import { CodePointIndex, codePointLength } from '../../core/text/codePoints.js';
import { detectTurns } from '../../core/transcript/turns.js';
import { parseSource } from '../index.js';
import type { SourceKind } from '../types.js';
import { ArchiveFiles, type FoundFile } from './files.js';
import { chooseReading, nameMatches } from './offsets.js';
import type {
  ImportPlan,
  MemoTarget,
  PlanCase,
  PlanCode,
  PlanMemo,
  PlanSegment,
  PlanSource,
  PlanUser,
  PlanVariable,
} from './plan.js';
import { CONSENSUS_ID, Summary } from './plan.js';
import { WORDS, type Words } from './words.js';
import { childOf, childrenOf, type XmlElement } from './xml.js';

/**
 * REFI-QDA XML (project.qde or a .qdc codebook) → an import plan. Pure mapping apart from reading
 * the archive's files: every reference is checked, every GUID is unique, and everything Koda
 * cannot hold is counted in the summary. Throws a KodaError (nothing is written) when the file
 * is not a REFI-QDA project or codebook, or is inconsistent.
 */
export interface PlanInput {
  file: string;
  /** The archive's files (.qdpx); null for a bare .qdc. */
  files: ArchiveFiles | null;
  /** The .qde entry, left out of the unused-files count. */
  qdeEntry?: string;
  language: 'sv' | 'en';
}

const GUID = /^\{?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\}?$/;

/** Elements whose GUID names something Koda may import or refer to: these must be unique. */
const IDENTITY = new Set([
  'User',
  'Code',
  'Variable',
  'Case',
  'TextSource',
  'PDFSource',
  'PictureSource',
  'AudioSource',
  'VideoSource',
  'Note',
  'Set',
  'PlainTextSelection',
]);
const SOURCES = ['TextSource', 'PDFSource', 'PictureSource', 'AudioSource', 'VideoSource'];
const SELECTIONS = [
  'PlainTextSelection',
  'PDFSelection',
  'PictureSelection',
  'AudioSelection',
  'VideoSelection',
  'TranscriptSelection',
];
const NAMESPACE = /^urn:QDA-XML:(project|codebook):/;

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

export function normalizeGuid(value: string | undefined): string | null {
  const m = GUID.exec((value ?? '').trim());
  return m ? (m[1] as string).toLowerCase() : null;
}

const extOf = (name: string) => {
  const base = name.split('/').pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
};

interface Registered {
  kind: string;
  el: XmlElement;
}

/** A selection as read, before it becomes segments. */
interface SelectionInfo {
  guid: string;
  sourceGuid: string;
  segments: PlanSegment[];
}

export async function planFromXml(root: XmlElement, input: PlanInput): Promise<ImportPlan> {
  return new Planner(root, input).plan();
}

class Planner {
  private readonly summary = new Summary();
  private readonly words: Words;
  private readonly registry = new Map<string, Registered>();
  /** GUIDs of elements Koda does not import but that references may name (PDF selections, …). */
  private readonly others = new Map<string, string>();
  private readonly users: PlanUser[] = [];
  private readonly userGuids = new Set<string>();
  private readonly codes: PlanCode[] = [];
  private readonly variables: PlanVariable[] = [];
  private readonly cases: PlanCase[] = [];
  private readonly sources: PlanSource[] = [];
  private readonly segments: PlanSegment[] = [];
  private readonly segmentByKey = new Map<string, PlanSegment>();
  private readonly memos: PlanMemo[] = [];
  /** Note GUID → the objects that refer to it, in document order. */
  private readonly noteTargets = new Map<string, MemoTarget[]>();
  private readonly sourceCase = new Map<string, string>();
  private readonly caseOfSelection = new Map<string, string>();
  private readonly selections = new Map<string, SelectionInfo>();
  private readonly textFilesUsed = new Set<string>();
  private uncodedGuid: string | null = null;
  private readonly origin: string | null;

  constructor(
    private readonly root: XmlElement,
    private readonly input: PlanInput,
  ) {
    this.words = WORDS[input.language];
    this.origin = root.attrs.origin ?? null;
  }

  async plan(): Promise<ImportPlan> {
    const { root, input } = this;
    const ns = root.attrs.xmlns;
    if ((root.name !== 'Project' && root.name !== 'CodeBook') || (ns !== undefined && !NAMESPACE.test(ns))) {
      throw invalid('refi.not-refi', { file: input.file });
    }
    this.register(root);
    const format = root.name === 'Project' ? 'qdpx' : 'qdc';
    if (format === 'qdc') {
      this.readCodes(childOf(root, 'Codes'), null);
      this.readSets(childrenOf(childOf(root, 'Sets'), 'Set'));
      return this.result('qdc', { name: '', description: '', createdAt: null });
    }
    this.readUsers();
    this.readCodes(childOf(childOf(root, 'CodeBook'), 'Codes'), null);
    this.readVariables();
    const caseValues = this.readCases();
    this.checkValues(caseValues);
    for (const el of childOf(root, 'Sources')?.children ?? []) await this.readSource(el);
    for (const ref of childrenOf(root, 'NoteRef')) this.attachNote(ref, { kind: 'project', guid: null });
    this.readLinks();
    this.readSets(childrenOf(childOf(root, 'Sets'), 'Set'));
    for (const g of childrenOf(childOf(root, 'Graphs'), 'Graph')) this.summary.add('graphs', g.attrs.name);
    this.readNotes();
    this.reportUnusedFiles();
    return this.result('qdpx', {
      name: (root.attrs.name ?? '').trim(),
      description: childOf(root, 'Description')?.text ?? '',
      createdAt: dateTime(root.attrs.creationDateTime),
    });
  }

  private result(format: 'qdpx' | 'qdc', project: ImportPlan['project']): ImportPlan {
    return {
      format,
      origin: this.origin,
      project,
      users: this.users,
      codes: this.codes,
      variables: this.variables,
      cases: this.cases,
      sources: this.sources,
      segments: this.segments,
      memos: this.memos,
      summary: this.summary.list(),
    };
  }

  // --- GUIDs and references -------------------------------------------------------------------

  private register(el: XmlElement): void {
    const stack = [el];
    while (stack.length > 0) {
      const node = stack.pop() as XmlElement;
      if ('guid' in node.attrs && node.name !== 'MemberCode') {
        const guid = normalizeGuid(node.attrs.guid);
        if (IDENTITY.has(node.name)) {
          if (!guid) throw invalid('refi.bad-guid', { file: this.input.file, element: node.name, guid: node.attrs.guid ?? '' });
          const first = this.registry.get(guid);
          if (first) throw invalid('refi.duplicate-guid', { file: this.input.file, guid, first: first.kind, second: node.name });
          this.registry.set(guid, { kind: node.name, el: node });
        } else if (guid) this.others.set(guid, node.name);
      } else if (IDENTITY.has(node.name)) {
        throw invalid('refi.bad-guid', { file: this.input.file, element: node.name, guid: '' });
      }
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as XmlElement);
    }
  }

  /** The GUID a reference element names; it must name an element of one of `kinds`. */
  private ref(el: XmlElement, kinds: string[], attr = 'targetGUID'): { guid: string; imported: boolean } {
    const raw = el.attrs[attr];
    const guid = normalizeGuid(raw);
    if (!guid) throw invalid('refi.bad-guid', { file: this.input.file, element: el.name, guid: raw ?? '' });
    const found = this.registry.get(guid);
    if (found && kinds.includes(found.kind)) return { guid, imported: true };
    const other = this.others.get(guid);
    if (!found && other && kinds.includes(other)) return { guid, imported: false };
    throw invalid('refi.unknown-guid', { file: this.input.file, element: el.name, guid });
  }

  /** The coder a `creatingUser` names; a GUID the file does not list becomes a coder of its own. */
  private user(raw: string | undefined): string | null {
    if (raw === undefined || raw.trim() === '') return null;
    const guid = normalizeGuid(raw);
    if (!guid) return null;
    if (this.userGuids.has(guid)) return guid;
    const known = this.registry.get(guid);
    if (known && known.kind !== 'User') return null;
    this.summary.add('unknown-users', guid);
    this.addUser(guid, `${this.words.user} ${guid.slice(0, 8)}`);
    return guid;
  }

  private addUser(guid: string, wanted: string, consensus = false): void {
    this.userGuids.add(guid);
    this.users.push({
      guid,
      name: freeName(
        wanted,
        this.users.map((u) => u.name),
        (a, b) => a === b,
      ),
      consensus,
    });
  }

  private attachNote(ref: XmlElement, target: MemoTarget): void {
    const { guid } = this.ref(ref, ['Note']);
    const list = this.noteTargets.get(guid) ?? [];
    list.push(target);
    this.noteTargets.set(guid, list);
  }

  // --- users, codes, variables, cases ---------------------------------------------------------

  private readUsers(): void {
    for (const u of childrenOf(childOf(this.root, 'Users'), 'User')) {
      const guid = normalizeGuid(u.attrs.guid) as string;
      const name = (u.attrs.name ?? '').trim() || (u.attrs.id ?? '').trim() || `${this.words.user} ${guid.slice(0, 8)}`;
      this.addUser(guid, name.slice(0, 200), u.attrs.id === CONSENSUS_ID);
    }
  }

  private readCodes(parentEl: XmlElement | undefined, parent: PlanCode | null): void {
    const siblings: PlanCode[] = [];
    for (const c of childrenOf(parentEl, 'Code')) {
      const guid = normalizeGuid(c.attrs.guid) as string;
      let name = (c.attrs.name ?? '').trim();
      if (name === '') {
        name = `${this.words.code} ${guid.slice(0, 8)}`;
        this.summary.add('codes-unnamed', name);
      }
      if (name.length > 200) {
        this.summary.add('names-shortened', name.slice(0, 60));
        name = name.slice(0, 200);
      }
      const unique = freeName(
        name,
        siblings.map((s) => s.name),
        sameName,
      );
      if (unique !== name) this.summary.add('codes-renamed', `${name} → ${unique}`);
      let color: string;
      try {
        color = parseColor(c.attrs.color ?? '');
      } catch {
        color = parent?.color ?? paletteColor(parent ? 0 : siblings.length);
        this.summary.add(c.attrs.color ? 'codes-bad-colour' : 'codes-without-colour', name);
      }
      if (c.attrs.isCodable === 'false' || c.attrs.isCodable === '0') this.summary.add('codes-not-codable', name);
      const code: PlanCode = {
        guid,
        parentGuid: parent?.guid ?? null,
        name: unique,
        color,
        description: childOf(c, 'Description')?.text ?? '',
        position: siblings.length,
      };
      siblings.push(code);
      this.codes.push(code);
      for (const ref of childrenOf(c, 'NoteRef')) this.attachNote(ref, { kind: 'code', guid });
      this.readCodes(c, code);
    }
  }

  private readVariables(): void {
    for (const v of childrenOf(childOf(this.root, 'Variables'), 'Variable')) {
      const guid = normalizeGuid(v.attrs.guid) as string;
      const name = freeName(
        (v.attrs.name ?? '').trim().slice(0, 200) || guid.slice(0, 8),
        this.variables.map((x) => x.name),
        (a, b) => a === b,
      );
      const description = childOf(v, 'Description')?.text ?? '';
      const choices = kodaChoices(description);
      const type = choices ? 'choice' : variableType(v.attrs.typeOfVariable);
      if (v.attrs.typeOfVariable === 'DateTime') this.summary.add('variables-datetime-as-text', name);
      if (!choices && description.trim() !== '') this.summary.add('variable-descriptions', name);
      this.variables.push({ guid, name, type, choices: choices ?? [] });
    }
  }

  private readCases(): Map<string, { caseGuid: string; variableGuid: string; raw: string }[]> {
    const values = new Map<string, { caseGuid: string; variableGuid: string; raw: string }[]>();
    for (const c of childrenOf(childOf(this.root, 'Cases'), 'Case')) {
      const guid = normalizeGuid(c.attrs.guid) as string;
      const name = freeName(
        (c.attrs.name ?? '').trim().slice(0, 200) || `${this.words.case} ${this.cases.length + 1}`,
        this.cases.map((x) => x.name),
        (a, b) => a === b,
      );
      this.cases.push({ guid, name, description: childOf(c, 'Description')?.text ?? '', values: [] });
      for (const ref of childrenOf(c, 'CodeRef')) {
        this.ref(ref, ['Code']);
        this.summary.add('case-codes', name);
      }
      for (const vv of childrenOf(c, 'VariableValue')) {
        const value = this.variableValue(vv);
        if (!value) continue;
        const list = values.get(value.variableGuid) ?? [];
        list.push({ caseGuid: guid, ...value });
        values.set(value.variableGuid, list);
      }
      for (const ref of childrenOf(c, 'SourceRef')) {
        const source = this.ref(ref, SOURCES);
        const first = this.sourceCase.get(source.guid);
        if (first && first !== guid) this.summary.add('sources-in-several-cases', name);
        else this.sourceCase.set(source.guid, guid);
      }
      for (const ref of childrenOf(c, 'SelectionRef')) {
        const selection = this.ref(ref, SELECTIONS);
        if (selection.imported && !this.caseOfSelection.has(selection.guid)) this.caseOfSelection.set(selection.guid, guid);
        else this.summary.add('case-selections', name);
      }
    }
    return values;
  }

  private variableValue(vv: XmlElement): { variableGuid: string; raw: string } | null {
    const ref = childOf(vv, 'VariableRef');
    if (!ref) return null;
    const { guid } = this.ref(ref, ['Variable']);
    const valueEl = vv.children.find((c) => c.name.endsWith('Value'));
    const raw = (valueEl?.text ?? '').trim();
    return raw === '' ? null : { variableGuid: guid, raw };
  }

  /** Types each variable's values; a variable whose values do not all fit its type becomes text. */
  private checkValues(values: Map<string, { caseGuid: string; variableGuid: string; raw: string }[]>): void {
    for (const variable of this.variables) {
      const list = values.get(variable.guid) ?? [];
      const typed = (type: AttributeType) =>
        list.map((v) => normalizeAttributeValue({ name: variable.name, type, choices: variable.choices }, v.raw));
      let stored: string[];
      try {
        stored = typed(variable.type);
      } catch {
        this.summary.add('variables-as-text', variable.name);
        variable.type = 'text';
        variable.choices = [];
        stored = typed('text');
      }
      list.forEach((v, i) => {
        const c = this.cases.find((x) => x.guid === v.caseGuid) as PlanCase;
        if (c.values.some((x) => x.variableGuid === variable.guid)) this.summary.add('values-repeated', c.name);
        else c.values.push({ variableGuid: variable.guid, value: stored[i] as string });
      });
    }
  }

  // --- sources and selections -----------------------------------------------------------------

  private async readSource(el: XmlElement): Promise<void> {
    if (!SOURCES.includes(el.name)) return;
    const guid = normalizeGuid(el.attrs.guid) as string;
    const path = el.attrs.plainTextPath ?? el.attrs.path ?? childOf(el, 'Representation')?.attrs.plainTextPath ?? '';
    const stem = (path.split('/').pop() ?? '').replace(/\.[^.]*$/, '');
    const label = (el.attrs.name ?? '').trim() || (normalizeGuid(stem) ? '' : stem) || `${this.words.source} ${guid.slice(0, 8)}`;
    for (const vv of childrenOf(el, 'VariableValue')) {
      this.variableValue(vv);
      this.summary.add('source-variables', label);
    }
    if (el.name === 'TextSource') return this.readTextSource(el, guid, label, el, null);
    if (el.name === 'PDFSource') {
      const pdf = this.file(el.attrs.path);
      const representation = childOf(el, 'Representation');
      for (const s of childrenOf(el, 'PDFSelection'))
        this.summary.add('pdf-area-selections', `${label}: ${s.attrs.name ?? s.attrs.page ?? ''}`);
      return this.readTextSource(el, guid, label, representation ?? null, pdf);
    }
    const kind = el.name === 'PictureSource' ? 'picture-sources' : el.name === 'AudioSource' ? 'audio-sources' : 'video-sources';
    this.summary.add(kind, label);
    this.file(el.attrs.path);
    for (const s of el.children.filter((c) => SELECTIONS.includes(c.name))) {
      const n = childrenOf(s, 'Coding').length;
      if (n > 0) this.summary.add('media-codings', label, n);
    }
    for (const ref of childrenOf(el, 'NoteRef')) this.attachNote(ref, { kind: 'source', guid });
    for (const t of childrenOf(el, 'Transcript')) await this.readTranscript(t, label);
  }

  private file(path: string | undefined): FoundFile | null {
    if (!path || !this.input.files) return null;
    return this.input.files.resolve(path);
  }

  /** A transcript of audio or video becomes a text source, unless its text is already one. */
  private async readTranscript(t: XmlElement, mediaLabel: string): Promise<void> {
    const path = t.attrs.plainTextPath;
    const found = path ? this.file(path) : null;
    if (found && this.textFilesUsed.has(found.entry)) {
      this.summary.add('transcripts-already-sources', mediaLabel);
      return;
    }
    const own = normalizeGuid(t.attrs.guid);
    const guid = own && !this.registry.has(own) ? own : v7();
    const label = (t.attrs.name ?? '').trim() || mediaLabel;
    if (childrenOf(t, 'TranscriptSelection').length > 0)
      this.summary.add('transcript-selections', label, childrenOf(t, 'TranscriptSelection').length);
    if (childrenOf(t, 'SyncPoint').length > 0) this.summary.add('sync-points', label, childrenOf(t, 'SyncPoint').length);
    await this.readTextSource(t, guid, label, t, null);
  }

  /**
   * A text-bearing source: `textEl` carries the plain text (PlainTextContent or plainTextPath)
   * and the selections; `el` carries codings of the whole source and notes.
   */
  private async readTextSource(
    el: XmlElement,
    guid: string,
    label: string,
    textEl: XmlElement | null,
    pdf: FoundFile | null,
  ): Promise<void> {
    const rich = el.name === 'TextSource' && el.attrs.richTextPath ? this.file(el.attrs.richTextPath) : null;
    const plain = textEl ? this.readPlainText(textEl) : null;
    if (plain === 'unreadable') {
      this.summary.add('sources-unreadable', label);
      return;
    }
    let raw = plain?.text ?? null;
    let fromOriginal = false;
    const original = pdf ?? rich ?? (plain?.file ? this.input.files?.original(plain.file.entry) : null) ?? null;
    if (
      (raw === null || raw.trim() === '') &&
      original &&
      (extOf(original.entry) === 'pdf' || extOf(original.entry) === 'docx')
    ) {
      try {
        raw = (await parseSource(original.bytes, original.entry)).text;
        fromOriginal = raw.trim() !== '';
      } catch {
        // Keep what the file had; reported below as a source without text.
      }
    }
    if (raw === null) {
      this.summary.add(
        el.attrs.plainTextPath && ArchiveFiles.isExternal(el.attrs.plainTextPath) ? 'sources-external' : 'sources-missing-text',
        label,
      );
      for (const s of childrenOf(textEl ?? el, 'PlainTextSelection'))
        this.summary.add('selections-of-missing-sources', s.attrs.name ?? label);
      return;
    }
    if (plain?.file) this.textFilesUsed.add(plain.file.entry);
    const selectionEls = childrenOf(textEl ?? undefined, 'PlainTextSelection');
    if (fromOriginal) {
      this.summary.add('sources-text-from-original', label);
      if (selectionEls.length > 0) this.summary.add('selections-of-missing-sources', label, selectionEls.length);
    }
    const probes = fromOriginal
      ? []
      : selectionEls.map((s) => ({
          start: integer(s.attrs.startPosition) ?? -1,
          end: integer(s.attrs.endPosition) ?? -1,
          name: s.attrs.name ?? null,
        }));
    const { mapped, reading, decided } = chooseReading(raw, probes);
    if (decided && raw.includes('\r\n')) this.summary.add(reading.crlf === 'one' ? 'crlf-as-one' : 'crlf-as-two', label);
    if (mapped.text.trim() === '') this.summary.add('sources-without-text', label);
    const ext = original ? extOf(original.entry) : 'txt';
    const kind: SourceKind = pdf ? 'pdf' : (KIND_BY_EXT[ext] ?? 'txt');
    const originalBytes = original?.bytes ?? plain?.file?.bytes ?? new TextEncoder().encode(mapped.text);
    const name = freeName(
      label.slice(0, 200),
      this.sources.map((s) => s.name),
      (a, b) => a === b,
    );
    const source: PlanSource = {
      guid,
      name,
      kind,
      caseGuid: this.sourceCase.get(guid) ?? null,
      text: mapped.text,
      turns: detectTurns(mapped.text),
      turnCases: [],
      original: {
        bytes: originalBytes,
        name: `${name}.${original ? ext : 'txt'}`,
        mediaType: MEDIA_BY_EXT[original ? ext : 'txt'] ?? 'application/octet-stream',
      },
      metadata: { importedFrom: this.input.file.split(/[\\/]/).pop() ?? '' },
      createdAt: dateTime(el.attrs.creationDateTime),
    };
    this.sources.push(source);
    const length = codePointLength(source.text);
    const index = new CodePointIndex(source.text);
    for (const s of selectionEls) {
      if (fromOriginal) continue;
      this.readSelection(s, source, mapped, index);
    }
    for (const coding of childrenOf(el, 'Coding')) {
      const code = this.ref(childOf(coding, 'CodeRef') ?? coding, ['Code']);
      if (length === 0) continue;
      this.summary.add('source-codings', label);
      this.addSegment({
        guid: normalizeGuid(coding.attrs.guid) ?? v7(),
        sourceGuid: guid,
        codeGuid: code.guid,
        userGuid: this.user(coding.attrs.creatingUser),
        start: 0,
        end: length,
        memo: '',
        createdAt: dateTime(coding.attrs.creationDateTime),
        updatedAt: dateTime(coding.attrs.creationDateTime),
      });
    }
    for (const ref of childrenOf(el, 'NoteRef')) this.attachNote(ref, { kind: 'source', guid });
    const description = childOf(el, 'Description')?.text ?? '';
    if (description.trim() !== '') {
      this.memos.push({
        guid: v7(),
        target: { kind: 'source', guid },
        title: this.words.description,
        body: description,
        createdAt: null,
        updatedAt: null,
      });
    }
  }

  /** The plain text of a source element: inline, or a file of the archive decoded. */
  private readPlainText(el: XmlElement): { text: string; file: FoundFile | null } | 'unreadable' | null {
    const inline = childOf(el, 'PlainTextContent');
    if (inline) return { text: inline.text, file: null };
    const path = el.attrs.plainTextPath;
    const file = path ? this.file(path) : null;
    if (!file) return null;
    const text = decodeWithBom(file.bytes);
    return text === null ? 'unreadable' : { text, file };
  }

  private readSelection(
    s: XmlElement,
    source: PlanSource,
    mapped: ReturnType<typeof chooseReading>['mapped'],
    index: CodePointIndex,
  ): void {
    const guid = normalizeGuid(s.attrs.guid) as string;
    const info: SelectionInfo = { guid, sourceGuid: source.guid, segments: [] };
    this.selections.set(guid, info);
    const codings = childrenOf(s, 'Coding').map((c) => ({
      el: c,
      code: this.ref(childOf(c, 'CodeRef') ?? c, ['Code']).guid,
    }));
    for (const ref of childrenOf(s, 'NoteRef')) this.attachNote(ref, { kind: 'segment', guid });
    for (const c of codings) for (const ref of childrenOf(c.el, 'NoteRef')) this.attachNote(ref, { kind: 'segment', guid });
    const rawStart = integer(s.attrs.startPosition);
    const rawEnd = integer(s.attrs.endPosition);
    const where = `${source.name} ${s.attrs.startPosition ?? '?'}–${s.attrs.endPosition ?? '?'}`;
    if (rawStart === null || rawEnd === null) {
      this.summary.add('selections-not-fitting', where);
      return;
    }
    if (rawStart === rawEnd) {
      this.summary.add('selections-zero-length', where);
      return;
    }
    const start = mapped.map(rawStart);
    const end = mapped.map(rawEnd);
    if (start === null || end === null || rawEnd < rawStart) {
      this.summary.add('selections-not-fitting', `${where} (${mapped.rawLength})`);
      return;
    }
    if (end <= start) {
      this.summary.add('selections-zero-length', where);
      return;
    }
    if (mapped.splitsCharacter(rawStart) || mapped.splitsCharacter(rawEnd)) this.summary.add('selections-split-character', where);
    const selected = index.slice(start, end);
    const name = s.attrs.name?.trim();
    if (name && !nameMatches(name, selected)) this.summary.add('selection-names', name.slice(0, 80));
    const memo = childOf(s, 'Description')?.text ?? '';
    const selUser = s.attrs.creatingUser;
    if (codings.length === 0) {
      const caseGuid = this.caseOfSelection.get(guid);
      if (caseGuid) {
        const turn = source.turns.findIndex((t) => t.start === start && t.end === end);
        if (turn >= 0) source.turnCases.push({ turn, caseGuid, selectionGuid: guid });
        else this.summary.add('case-selections', where);
        return;
      }
      this.summary.add('selections-uncoded', selected.slice(0, 60));
      info.segments.push(
        this.addSegment({
          guid,
          sourceGuid: source.guid,
          codeGuid: this.uncodedCode(),
          userGuid: this.user(selUser),
          start,
          end,
          memo,
          createdAt: dateTime(s.attrs.creationDateTime),
          updatedAt: dateTime(s.attrs.modifiedDateTime) ?? dateTime(s.attrs.creationDateTime),
        }),
      );
      return;
    }
    if (this.caseOfSelection.has(guid)) this.summary.add('case-selections', where);
    codings.forEach((c, k) => {
      const codingGuid = normalizeGuid(c.el.attrs.guid);
      info.segments.push(
        this.addSegment({
          guid: k === 0 ? guid : codingGuid && !this.registry.has(codingGuid) ? codingGuid : v7(),
          sourceGuid: source.guid,
          codeGuid: c.code,
          userGuid: this.user(c.el.attrs.creatingUser ?? selUser),
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

  /** Adds a segment, or folds it into an identical one (same span, code and coder). */
  private addSegment(segment: PlanSegment): PlanSegment {
    const key = [segment.sourceGuid, segment.codeGuid, segment.userGuid, segment.start, segment.end].join('|');
    const twin = this.segmentByKey.get(key);
    if (!twin) {
      this.segments.push(segment);
      this.segmentByKey.set(key, segment);
      return segment;
    }
    this.summary.add('codings-merged', `${segment.start}–${segment.end}`);
    if (segment.memo && !twin.memo.includes(segment.memo))
      twin.memo = twin.memo ? `${twin.memo}\n\n${segment.memo}` : segment.memo;
    return twin;
  }

  private uncodedCode(): string {
    if (this.uncodedGuid) return this.uncodedGuid;
    this.uncodedGuid = v7();
    const top = this.codes.filter((c) => c.parentGuid === null);
    this.codes.push({
      guid: this.uncodedGuid,
      parentGuid: null,
      name: freeName(
        this.words.uncoded,
        top.map((c) => c.name),
        sameName,
      ),
      color: '#9e9e9e',
      description: this.words.uncodedDescription,
      position: top.length,
    });
    return this.uncodedGuid;
  }

  // --- notes, links, sets ---------------------------------------------------------------------

  private readLinks(): void {
    for (const link of childrenOf(childOf(this.root, 'Links'), 'Link')) {
      const origin = normalizeGuid(link.attrs.originGUID);
      const target = normalizeGuid(link.attrs.targetGUID);
      const from = origin ? this.registry.get(origin) : undefined;
      const to = target ? this.registry.get(target) : undefined;
      const memoTarget = to ? targetOf(to.kind, target as string) : null;
      if (from?.kind === 'Note' && memoTarget) {
        const list = this.noteTargets.get(origin as string) ?? [];
        list.push(memoTarget);
        this.noteTargets.set(origin as string, list);
      } else {
        this.summary.add('links', link.attrs.name ?? '');
      }
    }
  }

  private readSets(sets: XmlElement[]): void {
    if (sets.length === 0) return;
    const nameOf = (guid: string) => {
      const r = this.registry.get(guid);
      return r?.el.attrs.name ?? guid;
    };
    const lines: string[] = [];
    for (const set of sets) {
      const members: string[] = [];
      for (const m of set.children) {
        if (m.name === 'MemberCode')
          members.push(nameOf(this.ref(m, ['Code'], m.attrs.targetGUID !== undefined ? 'targetGUID' : 'guid').guid));
        else if (m.name === 'MemberSource') members.push(nameOf(this.ref(m, SOURCES).guid));
        else if (m.name === 'MemberNote') members.push(nameOf(this.ref(m, ['Note']).guid));
      }
      const name = set.attrs.name ?? '';
      this.summary.add('sets', name);
      const description = (childOf(set, 'Description')?.text ?? '').trim();
      lines.push(`- ${name}${description ? ` (${description})` : ''}: ${members.join(', ') || '–'}`);
    }
    this.memos.push({
      guid: v7(),
      target: { kind: 'project', guid: null },
      title: this.words.sets,
      body: lines.join('\n'),
      createdAt: null,
      updatedAt: null,
    });
  }

  private readNotes(): void {
    for (const note of childrenOf(childOf(this.root, 'Notes'), 'Note')) {
      const guid = normalizeGuid(note.attrs.guid) as string;
      const plain = this.readPlainText(note);
      const content = plain && plain !== 'unreadable' ? plain.text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n') : '';
      if (plain === 'unreadable') this.summary.add('notes-unreadable', note.attrs.name ?? guid);
      const description = (childOf(note, 'Description')?.text ?? '').trim();
      const body =
        description && description !== content.trim() ? (content ? `${description}\n\n${content}` : description) : content;
      const named = (note.attrs.name ?? '').trim();
      const selections = childrenOf(note, 'PlainTextSelection');
      const codings = selections.reduce((n, s) => n + childrenOf(s, 'Coding').length, childrenOf(note, 'Coding').length);
      if (codings > 0) this.summary.add('note-codings', named || guid, codings);
      const targets = this.noteTargets.get(guid) ?? [];
      if (targets.length > 1) this.summary.add('notes-on-several', named || firstLine(body));
      let target: MemoTarget = targets[0] ?? { kind: 'project', guid: null };
      if (target.kind === 'segment') {
        const selection = this.selections.get(target.guid);
        const first = selection?.segments[0];
        if (!first) {
          this.summary.add('notes-moved-to-project', named || firstLine(body));
          target = { kind: 'project', guid: null };
        } else if (!named) {
          // A note without a title on a selection is its comment: the segment's own memo.
          for (const segment of selection.segments) segment.memo = segment.memo ? `${segment.memo}\n\n${body}` : body;
          continue;
        } else {
          target = { kind: 'segment', guid: first.guid };
        }
      } else if (target.kind === 'source' && !this.sources.some((s) => s.guid === target.guid)) {
        this.summary.add('notes-moved-to-project', named || firstLine(body));
        target = { kind: 'project', guid: null };
      }
      this.memos.push({
        guid,
        target,
        title: (named || firstLine(body) || this.words.note).slice(0, 300),
        body,
        createdAt: dateTime(note.attrs.creationDateTime),
        updatedAt: dateTime(note.attrs.modifiedDateTime) ?? dateTime(note.attrs.creationDateTime),
      });
    }
  }

  private reportUnusedFiles(): void {
    for (const name of this.input.files?.unused(this.input.qdeEntry ?? '') ?? []) this.summary.add('files-unused', name);
  }
}

function targetOf(kind: string, guid: string): MemoTarget | null {
  if (kind === 'Case') return { kind: 'case', guid };
  if (kind === 'Code') return { kind: 'code', guid };
  if (kind === 'PlainTextSelection') return { kind: 'segment', guid };
  if (SOURCES.includes(kind)) return { kind: 'source', guid };
  return null;
}

const KODA_CHOICES = /^Koda choices: (\[.*\])$/s;

/** Koda writes a choice attribute's choices in its Variable's description. */
function kodaChoices(description: string): string[] | null {
  const m = KODA_CHOICES.exec(description.trim());
  if (!m) return null;
  try {
    const list = JSON.parse(m[1] as string) as unknown;
    return Array.isArray(list) && list.length > 0 && list.every((c) => typeof c === 'string' && c.trim() !== '')
      ? (list as string[])
      : null;
  } catch {
    return null;
  }
}

function variableType(type: string | undefined): PlanVariable['type'] {
  switch (type) {
    case 'Boolean':
      return 'boolean';
    case 'Integer':
    case 'Float':
      return 'number';
    case 'Date':
      return 'date';
    default:
      return 'text';
  }
}

function integer(value: string | undefined): number | null {
  return value !== undefined && /^\s*-?\d{1,15}\s*$/.test(value) ? Number(value) : null;
}

/** An ISO 8601 timestamp in UTC, or null for anything else. */
function dateTime(value: string | undefined): string | null {
  if (!value) return null;
  const t = Date.parse(value);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

function firstLine(text: string): string {
  return (text.trim().split('\n')[0] ?? '').slice(0, 80);
}

/** `wanted`, or `wanted (2)`, `wanted (3)` … when `taken` has it. */
function freeName(wanted: string, taken: string[], same: (a: string, b: string) => boolean): string {
  let name = wanted;
  for (let n = 2; taken.some((t) => same(t, name)); n++) name = `${wanted} (${n})`;
  return name;
}

/** Text of a file: UTF-8 (with or without BOM) or UTF-16 with BOM; the BOM stays, for the offsets. */
function decodeWithBom(bytes: Uint8Array): string | null {
  try {
    const [b0, b1, b2] = bytes;
    let text: string;
    if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) text = `\uFEFF${decode('utf-8', bytes.subarray(3))}`;
    else if (b0 === 0xff && b1 === 0xfe) text = `\uFEFF${decode('utf-16le', bytes.subarray(2))}`;
    else if (b0 === 0xfe && b1 === 0xff) text = `\uFEFF${decode('utf-16be', bytes.subarray(2))}`;
    else text = decode('utf-8', bytes);
    return text.includes('\u0000') ? null : text;
  } catch {
    return null;
  }
}

function decode(label: string, bytes: Uint8Array): string {
  return new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(bytes);
}
