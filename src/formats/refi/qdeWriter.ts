import { v5 } from 'uuid';
import type {
  ExportAttribute,
  ExportAttributeValue,
  ExportCase,
  ExportCode,
  ExportCoder,
  ExportMemo,
  ExportProject,
  ExportSegment,
  ExportSet,
  ExportSource,
  ExportTurn,
} from './exportPlan.js';
import { CONSENSUS_ID, Summary, type SummaryItem } from './plan.js';
import type { ArchiveFile } from './qdpx.js';
import { withSetMarker } from './setMarker.js';
import { el, textEl } from './xml.js';

/**
 * Koda → REFI-QDA XML (project.qde and .qdc), pure. Koda ids are UUIDs and serve as the GUIDs, so
 * exporting the same project twice gives the same GUIDs; the few REFI objects Koda has no row for
 * (a coding, the note holding a segment's memo, a PDF's text representation) get a GUID derived
 * from their row's id, stable the same way.
 *
 * Mapping: coders → Users; the codebook tree → Codes (with colour and description; code memos as
 * Notes); attributes → Variables (a choice list is Text, its choices in the Description); cases →
 * Cases with VariableValues, SourceRefs to their sources and SelectionRefs to the turns they speak
 * in a group interview; sources → TextSource (plain text as UTF-8 .txt, a .docx original as rich
 * text) or PDFSource (the PDF with its text as Representation); segments → PlainTextSelection with
 * one Coding; memos → Notes, referred to from their project, source, code or selection, and from
 * a case by a Link (a Case has no NoteRef in the schema); source and case sets → Sets of their
 * sources, Koda's case members and rule in a last line of the Description (setMarker.ts).
 */
export interface ProjectSnapshot {
  project: ExportProject;
  coders: ExportCoder[];
  codes: ExportCode[];
  attributes: ExportAttribute[];
  cases: ExportCase[];
  values: ExportAttributeValue[];
  sources: ExportSource[];
  turns: ExportTurn[];
  segments: ExportSegment[];
  memos: ExportMemo[];
  /** Source and case sets; absent or empty: no `<Sets>`. */
  sets?: ExportSet[];
  /** `origin` attribute: the program and version. */
  origin: string;
}

export interface ProjectExport {
  qde: string;
  files: ArchiveFile[];
  summary: SummaryItem[];
}

/** Namespace of the GUIDs Koda derives for REFI objects it has no row of its own for. */
const KODA_NS = '6f1c1f8e-4a55-4f8e-9b1e-2d0b7a9c4e11';
export const derivedGuid = (id: string, role: 'coding' | 'memo' | 'representation' | 'link') => v5(`${id}/${role}`, KODA_NS);

const PROJECT_NS = 'urn:QDA-XML:project:1.0';
const CODEBOOK_NS = 'urn:QDA-XML:codebook:1.0';
const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';
const ALREADY_COMPRESSED = new Set(['docx', 'odt', 'pdf']);

export function writeProject(s: ProjectSnapshot): ProjectExport {
  const summary = new Summary();
  const files: ArchiveFile[] = [];
  const memosOn = groupBy(s.memos, (m) => `${m.target_kind}:${m.target_id ?? ''}`);
  const noteRefs = (kind: string, id: string | null) =>
    (memosOn.get(`${kind}:${id ?? ''}`) ?? []).map((m) => el('NoteRef', { targetGUID: m.id }));
  const segmentsOf = groupBy(s.segments, (x) => x.source_id);
  const linkedTurns = s.turns
    .filter((t) => t.case_id !== null)
    .sort((a, b) => a.source_id.localeCompare(b.source_id) || a.position - b.position);
  const turnsOf = groupBy(linkedTurns, (t) => t.source_id);
  const notes: string[] = [];

  const users = [...s.coders]
    .sort(byName)
    .map((c) => el('User', { guid: c.id, name: c.name, id: c.kind === 'consensus' ? CONSENSUS_ID : undefined }));

  const codeTree = (parentId: string | null): string[] =>
    s.codes
      .filter((c) => c.parent_id === parentId)
      .sort((a, b) => a.position - b.position)
      .map((c) =>
        el('Code', { guid: c.id, name: c.name, isCodable: true, color: c.color }, [
          c.description ? textEl('Description', c.description) : '',
          ...noteRefs('code', c.id),
          ...codeTree(c.id),
        ]),
      );

  const attributes = [...s.attributes].sort((a, b) => a.position - b.position);
  const valuesOf = groupBy(s.values, (v) => v.case_id);
  const typeOf = new Map(attributes.map((a) => [a.id, refiType(a, s.values)]));
  const variables = attributes.map((a) => {
    const choices = JSON.parse(a.choices) as string[];
    const description = a.type === 'choice' ? `Koda choices: ${JSON.stringify(choices)}` : '';
    return el(
      'Variable',
      { guid: a.id, name: a.name, typeOfVariable: typeOf.get(a.id) },
      description ? textEl('Description', description) : '',
    );
  });

  const links: string[] = [];
  const cases = [...s.cases].sort(byName).map((c) => {
    const values = (valuesOf.get(c.id) ?? [])
      .sort((a, b) => attributes.findIndex((x) => x.id === a.attribute_id) - attributes.findIndex((x) => x.id === b.attribute_id))
      .map((v) => {
        const type = typeOf.get(v.attribute_id) ?? 'Text';
        return el('VariableValue', {}, [
          el('VariableRef', { targetGUID: v.attribute_id }),
          textEl(`${type}Value`, refiValue(type, v.value)),
        ]);
      });
    const sourceRefs = s.sources
      .filter((x) => x.case_id === c.id)
      .sort(byName)
      .map((x) => el('SourceRef', { targetGUID: x.id }));
    const selectionRefs = linkedTurns.filter((t) => t.case_id === c.id).map((t) => el('SelectionRef', { targetGUID: t.id }));
    for (const m of memosOn.get(`case:${c.id}`) ?? []) {
      links.push(
        el('Link', { guid: derivedGuid(m.id, 'link'), name: 'Memo', direction: 'OneWay', originGUID: m.id, targetGUID: c.id }),
      );
    }
    return el('Case', { guid: c.id, name: c.name }, [
      c.description ? textEl('Description', c.description) : '',
      ...values,
      ...sourceRefs,
      ...selectionRefs,
    ]);
  });

  let sourcesWithTurns = 0;
  const sources = [...s.sources].sort(byName).map((src) => {
    const selections = [
      ...(segmentsOf.get(src.id) ?? []).map((seg) => ({ id: seg.id, start: seg.start_offset, end: seg.end_offset, seg })),
      ...(turnsOf.get(src.id) ?? []).map((t) => ({ id: t.id, start: t.start_offset, end: t.end_offset, turn: t })),
    ]
      .sort((a, b) => a.start - b.start || a.end - b.end || a.id.localeCompare(b.id))
      .map((x) =>
        'seg' in x
          ? selection(x.seg, noteRefs, notes)
          : el('PlainTextSelection', {
              guid: x.id,
              name: x.turn.speaker ?? undefined,
              startPosition: x.start,
              endPosition: x.end,
            }),
      );
    if (s.turns.some((t) => t.source_id === src.id)) sourcesWithTurns++;
    const textPath = `internal://${src.id}.txt`;
    const textBytes = new TextEncoder().encode(src.text);
    files.push({ name: `sources/${src.id}.txt`, bytes: textBytes, compress: true });
    const ext = originalExtension(src);
    const original = src.original_bytes ? new Uint8Array(src.original_bytes) : null;
    const common = { guid: src.id, name: src.name, creationDateTime: src.created_at };
    if (src.kind === 'pdf' && original) {
      files.push({ name: `sources/${src.id}.pdf`, bytes: original, compress: false });
      const representation = el(
        'Representation',
        { guid: derivedGuid(src.id, 'representation'), name: src.name, plainTextPath: textPath },
        selections,
      );
      return el('PDFSource', { ...common, path: `internal://${src.id}.pdf` }, [representation, ...noteRefs('source', src.id)]);
    }
    let richTextPath: string | undefined;
    if (original && src.kind === 'docx') {
      files.push({ name: `sources/${src.id}.docx`, bytes: original, compress: false });
      richTextPath = `internal://${src.id}.docx`;
    } else if (original && !sameBytes(original, textBytes)) {
      // Not a kind the standard carries (md, odt, vtt, srt, a txt in another encoding): kept in
      // the archive for Koda, beside its text; other programs see the text only.
      files.push({ name: `sources/${src.id}.original.${ext}`, bytes: original, compress: !ALREADY_COMPRESSED.has(ext) });
      summary.add('export-originals-koda-only', src.name);
    }
    return el('TextSource', { ...common, plainTextPath: textPath, richTextPath }, [...selections, ...noteRefs('source', src.id)]);
  });
  if (sourcesWithTurns > 0) summary.add('export-turns', undefined, sourcesWithTurns);
  if (linkedTurns.length > 0) summary.add('export-turn-links', undefined, linkedTurns.length);

  for (const m of [...s.memos].sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id.localeCompare(b.id))) {
    notes.push(
      el(
        'Note',
        { guid: m.id, name: m.title, creationDateTime: m.created_at, modifiedDateTime: m.updated_at },
        m.body ? textEl('PlainTextContent', m.body) : '',
      ),
    );
  }

  const body = [
    users.length ? el('Users', {}, users) : '',
    s.codes.length ? el('CodeBook', {}, el('Codes', {}, codeTree(null))) : '',
    variables.length ? el('Variables', {}, variables) : '',
    cases.length ? el('Cases', {}, cases) : '',
    sources.length ? el('Sources', {}, sources) : '',
    notes.length ? el('Notes', {}, notes) : '',
    links.length ? el('Links', {}, links) : '',
    setsElement(s.sets ?? [], summary),
    s.project.description ? textEl('Description', s.project.description) : '',
    ...noteRefs('project', null),
  ];
  const qde =
    DECLARATION +
    el('Project', { xmlns: PROJECT_NS, name: s.project.name, origin: s.origin, creationDateTime: s.project.created_at }, body);
  return { qde, files, summary: summary.list() };
}

/**
 * `<Sets>`: each set with its sources as members. A case set (REFI has no case members) and a set
 * following an attribute say so in a marker line of the Description that Koda reads back.
 */
function setsElement(sets: ExportSet[], summary: Summary): string {
  if (sets.length === 0) return '';
  const items = [...sets]
    .sort((a, b) => a.kind.localeCompare(b.kind) || byName(a, b) || a.id.localeCompare(b.id))
    .map((set) => {
      const kind = set.kind === 'case' ? 'case' : 'source';
      if (kind === 'case') summary.add('export-case-sets', set.name);
      const description =
        kind === 'case' || set.rule
          ? withSetMarker(set.description, { kind, cases: [...set.caseIds].sort(), rule: set.rule })
          : set.description;
      const members = [...new Set(set.sourceIds)].sort().map((id) => el('MemberSource', { targetGUID: id }));
      return el('Set', { guid: set.id, name: set.name }, [description ? textEl('Description', description) : '', ...members]);
    });
  return el('Sets', {}, items);
}

/** A segment as a selection with its one coding; its memo as a Note without a title. */
function selection(seg: ExportSegment, noteRefs: (kind: string, id: string) => string[], notes: string[]): string {
  const refs = noteRefs('segment', seg.id);
  if (seg.memo) {
    const guid = derivedGuid(seg.id, 'memo');
    refs.unshift(el('NoteRef', { targetGUID: guid }));
    notes.push(
      el('Note', { guid, creatingUser: seg.coder_id, creationDateTime: seg.updated_at }, textEl('PlainTextContent', seg.memo)),
    );
  }
  const coding = el(
    'Coding',
    { guid: derivedGuid(seg.id, 'coding'), creatingUser: seg.coder_id, creationDateTime: seg.created_at },
    [el('CodeRef', { targetGUID: seg.code_id })],
  );
  return el(
    'PlainTextSelection',
    {
      guid: seg.id,
      name: quoteName(seg.exact),
      startPosition: seg.start_offset,
      endPosition: seg.end_offset,
      creatingUser: seg.coder_id,
      creationDateTime: seg.created_at,
      modifiedDateTime: seg.updated_at,
    },
    [coding, ...refs],
  );
}

/** The .qdc codebook: the code tree with colours and descriptions. */
export function writeCodebook(codes: ExportCode[], memos: ExportMemo[], origin: string): { qdc: string; summary: SummaryItem[] } {
  const summary = new Summary();
  const codeMemos = memos.filter((m) => m.target_kind === 'code');
  if (codeMemos.length > 0) summary.add('export-code-memos', codeMemos[0]?.title, codeMemos.length);
  const tree = (parentId: string | null): string[] =>
    codes
      .filter((c) => c.parent_id === parentId)
      .sort((a, b) => a.position - b.position)
      .map((c) =>
        el('Code', { guid: c.id, name: c.name, isCodable: true, color: c.color }, [
          c.description ? textEl('Description', c.description) : '',
          ...tree(c.id),
        ]),
      );
  const qdc = DECLARATION + el('CodeBook', { xmlns: CODEBOOK_NS, origin }, el('Codes', {}, tree(null)));
  return { qdc, summary: summary.list() };
}

/** Koda attribute type → typeOfVariable; a number is Integer when every value is whole. */
function refiType(a: ExportAttribute, values: ExportAttributeValue[]): string {
  switch (a.type) {
    case 'number': {
      const own = values.filter((v) => v.attribute_id === a.id);
      return own.length > 0 && own.every((v) => Number.isInteger(Number(v.value))) ? 'Integer' : 'Float';
    }
    case 'date':
      return 'Date';
    case 'boolean':
      return 'Boolean';
    default:
      return 'Text';
  }
}

/** A stored value in the lexical form its REFI type wants (decimals without exponent). */
function refiValue(type: string, value: string): string {
  if (type !== 'Integer' && type !== 'Float') return value;
  const n = Number(value);
  if (!Number.isFinite(n)) return value;
  const plain = String(n);
  return /e/i.test(plain) ? n.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 }) : plain;
}

/** A selection's name, as ATLAS.ti writes it: the start of its text. */
function quoteName(exact: string): string {
  const squashed = exact.replace(/\s+/g, ' ').trim();
  const cps = [...squashed];
  return cps.length > 60 ? `${cps.slice(0, 60).join('')}…` : squashed;
}

function originalExtension(src: ExportSource): string {
  const fromName = /\.([A-Za-z0-9]{1,8})$/.exec(src.original_name)?.[1]?.toLowerCase();
  return fromName ?? src.kind;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.compare(a, b) === 0;
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

const byName = (a: { name: string; id: string }, b: { name: string; id: string }) =>
  a.name.localeCompare(b.name) || a.id.localeCompare(b.id);
