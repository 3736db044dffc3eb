import type { ArchiveFiles, FoundFile } from '../files.js';
import type {
  MemoTarget,
  PlanCase,
  PlanCode,
  PlanMemo,
  PlanSegment,
  PlanSet,
  PlanSource,
  PlanUser,
  PlanVariable,
} from '../plan.js';
import { Summary } from '../plan.js';
import { WORDS, type Words } from '../words.js';
import type { XmlElement } from '../xml.js';

/**
 * The one shared state of reading a REFI-QDA file into a plan: what each section has read so far
 * and what a later section looks up (GUIDs, a source's case, a selection's segments). Each
 * section of the file has a module of its own in this folder that reads into it.
 */
export interface PlanInput {
  file: string;
  /** The archive's files (.qdpx); null for a bare .qdc. */
  files: ArchiveFiles | null;
  /** The .qde entry, left out of the unused-files count. */
  qdeEntry?: string;
  language: 'sv' | 'en';
}

export interface Registered {
  kind: string;
  el: XmlElement;
}

/** A selection as read, before it becomes segments. */
export interface SelectionInfo {
  guid: string;
  sourceGuid: string;
  segments: PlanSegment[];
}

export interface PlanContext {
  readonly root: XmlElement;
  readonly input: PlanInput;
  readonly words: Words;
  readonly summary: Summary;
  /** Elements with a GUID Koda may import or refer to, by GUID. */
  readonly registry: Map<string, Registered>;
  /** GUIDs of elements Koda does not import but that references may name (PDF selections, …). */
  readonly others: Map<string, string>;
  readonly users: PlanUser[];
  readonly userGuids: Set<string>;
  readonly codes: PlanCode[];
  readonly variables: PlanVariable[];
  readonly cases: PlanCase[];
  readonly sources: PlanSource[];
  readonly segments: PlanSegment[];
  /** Segments by source, code, coder and span, so an identical one is folded into the first. */
  readonly segmentByKey: Map<string, PlanSegment>;
  readonly memos: PlanMemo[];
  readonly sets: PlanSet[];
  /** Note GUID → the objects that refer to it, in document order. */
  readonly noteTargets: Map<string, MemoTarget[]>;
  /** Source GUID → the case it belongs to. */
  readonly sourceCase: Map<string, string>;
  /** Selection GUID → the case it belongs to (a case's turn). */
  readonly caseOfSelection: Map<string, string>;
  readonly selections: Map<string, SelectionInfo>;
  /** Archive entries already read as a source's text. */
  readonly textFilesUsed: Set<string>;
  /** The code uncoded selections get, made on first need. */
  uncodedGuid: string | null;
}

export function newPlanContext(root: XmlElement, input: PlanInput): PlanContext {
  return {
    root,
    input,
    words: WORDS[input.language],
    summary: new Summary(),
    registry: new Map(),
    others: new Map(),
    users: [],
    userGuids: new Set(),
    codes: [],
    variables: [],
    cases: [],
    sources: [],
    segments: [],
    segmentByKey: new Map(),
    memos: [],
    sets: [],
    noteTargets: new Map(),
    sourceCase: new Map(),
    caseOfSelection: new Map(),
    selections: new Map(),
    textFilesUsed: new Set(),
    uncodedGuid: null,
  };
}

/** A file of the archive a path names; null without one (a bare .qdc) or when it is not there. */
export function archiveFile(ctx: PlanContext, path: string | undefined): FoundFile | null {
  if (!path || !ctx.input.files) return null;
  return ctx.input.files.resolve(path);
}
