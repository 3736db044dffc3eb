import type { SpeakerTurn } from '../../core/transcript/turns.js';
import type { SourceKind } from '../types.js';

/**
 * What a REFI-QDA file will become in Koda: an import plan, built and checked completely before
 * anything is written, and the summary of what could not come over. Every object keeps the GUID it
 * had in the file (lowercase, without braces); the command turns GUIDs into Koda ids.
 */
export interface ImportPlan {
  format: 'qdpx' | 'qdc';
  /** The exporting program (`origin`), when the file names it. */
  origin: string | null;
  project: { name: string; description: string; createdAt: string | null };
  users: PlanUser[];
  codes: PlanCode[];
  variables: PlanVariable[];
  cases: PlanCase[];
  sources: PlanSource[];
  segments: PlanSegment[];
  memos: PlanMemo[];
  sets: PlanSet[];
  summary: SummaryItem[];
}

export interface PlanUser {
  guid: string;
  name: string;
  /** A Koda consensus layer (exported as a User with id `koda:consensus`). */
  consensus: boolean;
}

export interface PlanCode {
  guid: string;
  parentGuid: string | null;
  name: string;
  color: string;
  description: string;
  position: number;
}

export interface PlanVariable {
  guid: string;
  name: string;
  /** Koda attribute type: text | number | date | boolean | choice. */
  type: 'text' | 'number' | 'date' | 'boolean' | 'choice';
  choices: string[];
}

export interface PlanCase {
  guid: string;
  name: string;
  description: string;
  /** Variable GUID → value in Koda's stored form. */
  values: { variableGuid: string; value: string }[];
}

export interface PlanSource {
  guid: string;
  name: string;
  kind: SourceKind;
  caseGuid: string | null;
  /** Canonical text (NFC, `\n`). */
  text: string;
  turns: SpeakerTurn[];
  /** Turn index → case GUID, for turns a case speaks (group interviews). */
  turnCases: { turn: number; caseGuid: string; selectionGuid: string }[];
  original: { bytes: Uint8Array; name: string; mediaType: string };
  metadata: Record<string, string | number | boolean>;
  createdAt: string | null;
}

export interface PlanSegment {
  /** The selection's GUID for its first coding, else the coding's. */
  guid: string;
  sourceGuid: string;
  codeGuid: string;
  /** The coder; null means the person importing. */
  userGuid: string | null;
  start: number;
  end: number;
  memo: string;
  createdAt: string | null;
  updatedAt: string | null;
}

export type MemoTarget = { kind: 'project'; guid: null } | { kind: 'source' | 'case' | 'code' | 'segment'; guid: string };

export interface PlanMemo {
  guid: string;
  target: MemoTarget;
  title: string;
  body: string;
  createdAt: string | null;
  updatedAt: string | null;
}

/**
 * A source set or case set (REFI-QDA Sets with source members; a case set is told by Koda's
 * marker line, formats/refi/setMarker.ts). `members` are source or case GUIDs of the file; a set
 * with a `rule` follows that attribute (by name) and keeps no members.
 */
export interface PlanSet {
  guid: string;
  kind: 'source' | 'case';
  name: string;
  description: string;
  members: string[];
  rule: { attribute: string; value: string } | null;
}

/** The User `id` Koda gives a consensus layer, so that it comes back as one. */
export const CONSENSUS_ID = 'koda:consensus';

/**
 * One line of the import (or export) summary: what happened to a kind of thing that did not come
 * over as it was. `kind` names a message (`refi|summary.<kind>`); examples are names or
 * short texts that help the user find them.
 */
export interface SummaryItem {
  kind: string;
  count: number;
  examples: string[];
}

/** Collects summary items, counting repeats of a kind and keeping a few examples each. */
export class Summary {
  private readonly items = new Map<string, SummaryItem>();

  add(kind: string, example?: string, count = 1): void {
    const item = this.items.get(kind) ?? { kind, count: 0, examples: [] };
    item.count += count;
    if (example !== undefined && item.examples.length < 5 && !item.examples.includes(example)) item.examples.push(example);
    this.items.set(kind, item);
  }

  list(): SummaryItem[] {
    return [...this.items.values()];
  }
}
