/**
 * What a REFI-QDA export is written from: a project's objects with only the fields the writer
 * (qdeWriter.ts) reads. Named as the store names its columns, so the export command hands over its
 * rows as they are; a change to the store's rows breaks the command's compile, not this format.
 */
export interface ExportProject {
  name: string;
  description: string;
  created_at: string;
}

export interface ExportCoder {
  id: string;
  name: string;
  /** 'consensus' for a consensus layer (exported as a User with id `koda:consensus`). */
  kind?: string;
}

export interface ExportCode {
  id: string;
  parent_id: string | null;
  position: number;
  name: string;
  color: string;
  description: string;
}

export interface ExportAttribute {
  id: string;
  name: string;
  /** text | number | date | boolean | choice */
  type: string;
  /** JSON array of a choice attribute's choices. */
  choices: string;
  position: number;
}

export interface ExportCase {
  id: string;
  name: string;
  description: string;
}

export interface ExportAttributeValue {
  case_id: string;
  attribute_id: string;
  value: string;
}

export interface ExportSource {
  id: string;
  name: string;
  kind: string;
  case_id: string | null;
  /** Canonical text: what the offsets count. */
  text: string;
  original_name: string;
  original_bytes: Uint8Array | null;
  created_at: string;
}

export interface ExportTurn {
  id: string;
  source_id: string;
  position: number;
  start_offset: number;
  end_offset: number;
  speaker: string | null;
  case_id: string | null;
}

export interface ExportSegment {
  id: string;
  source_id: string;
  code_id: string;
  coder_id: string;
  start_offset: number;
  end_offset: number;
  memo: string;
  /** The coded text: the selection's name. */
  exact: string;
  created_at: string;
  updated_at: string;
}

export interface ExportMemo {
  id: string;
  /** project | source | case | code | segment */
  target_kind: string;
  target_id: string | null;
  title: string;
  body: string;
  created_at: string;
  updated_at: string;
}

/**
 * A set as REFI-QDA carries it: its sources as members (a case set's are its cases' sources), as
 * the set resolves now; `cases` and `rule` are Koda's own (formats/refi/setMarker.ts).
 */
export interface ExportSet {
  id: string;
  /** 'source' | 'case' */
  kind: string;
  name: string;
  description: string;
  sourceIds: string[];
  /** A case set's cases; empty for a source set. */
  caseIds: string[];
  rule: { attribute: string; value: string } | null;
}
