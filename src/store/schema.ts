/**
 * Row types of the store, one interface per table. Ids are text (UUID v7, made by the
 * application) so both engines share one schema and an undone delete can restore a row
 * under its own id. Timestamps are ISO 8601 UTC text; flags are 0/1 integers; offsets are
 * code points (see core/text/codePoints.ts).
 */
export interface ProjectRow {
  id: string;
  name: string;
  /** 'sv' | 'en': headings of reports and the template language. */
  language: string;
  description: string;
  created_at: string;
  /** 1: blind mode, each coder sees only their own segments until the owner reveals them (migration 002; default 0). */
  blind?: number;
  /** Name of the coder who may switch blind mode; null until set (then the project's creator counts). */
  owner?: string | null;
}

export interface CoderRow {
  id: string;
  project_id: string;
  name: string;
  created_at: string;
  /** 'coder' (a person's layer) | 'consensus' (migration 002; default 'coder') | 'suggestions' (accepted machine suggestions, migration 012). */
  kind?: string;
}

export interface SourceRow {
  id: string;
  project_id: string;
  name: string;
  kind: string;
  case_id: string | null;
  /** Canonical text: NFC, `\n` line ends; what every offset refers to. */
  text: string;
  /** Length of `text` in code points. */
  text_length: number;
  /** SHA-256 of the canonical text, hex. */
  text_hash: string;
  original_name: string;
  original_media_type: string;
  /** SHA-256 of the original file, hex; the file itself is in `original_pieces` while it is kept. */
  original_hash: string;
  /** JSON object of small facts (page count, cue count). */
  metadata: string;
  created_at: string;
  /** When a researcher marked the transcript checked against the recording. */
  verified_at: string | null;
  /** 0/1: delete the original file once the transcript is verified (retention rule). */
  delete_original_when_verified: number;
  original_deleted_at: string | null;
  /** 0/1: delete the recording once the transcript is verified (retention rule; migration 007; default 0). */
  delete_recording_when_verified?: number;
  recording_deleted_at?: string | null;
}

/** 1 MiB of a source's uploaded original file (the last piece may be shorter), `seq` from 0 (migration 014). */
export interface OriginalPieceRow {
  id: string;
  source_id: string;
  seq: number;
  bytes: Uint8Array;
}

/**
 * A source's audio or video (migration 007); its bytes are in `recording_chunks`. `source_id` is
 * null while an upload is being written or a removed recording's chunks are being erased.
 */
export interface RecordingRow {
  id: string;
  project_id: string;
  source_id: string | null;
  file_name: string;
  /** Sniffed from the bytes: audio/wav, audio/mpeg, audio/ogg, audio/mp4, video/webm, video/mp4, … */
  media_type: string;
  size_bytes: number;
  /** Read from the file's own headers; null when the file does not say. */
  duration_ms: number | null;
  /** SHA-256 of the whole file, hex. */
  sha256: string;
  created_at: string;
}

/** 256 KiB of a recording (the last chunk may be shorter), `seq` from 0. */
export interface RecordingChunkRow {
  recording_id: string;
  seq: number;
  bytes: Uint8Array;
}

export interface TurnRow {
  id: string;
  source_id: string;
  position: number;
  start_offset: number;
  end_offset: number;
  speaker: string | null;
  /** The case that speaks this turn, when it is not the source's case (group interviews). */
  case_id: string | null;
  start_ms: number | null;
  end_ms: number | null;
}

export interface CaseRow {
  id: string;
  project_id: string;
  name: string;
  description: string;
  created_at: string;
}

export interface AttributeRow {
  id: string;
  project_id: string;
  name: string;
  /** text | number | date | boolean | choice */
  type: string;
  /** JSON array of allowed values for `choice`, else '[]'. */
  choices: string;
  position: number;
}

export interface AttributeValueRow {
  id: string;
  case_id: string;
  attribute_id: string;
  /** Normalised text form of the typed value (see core/cases/attributeValue.ts). */
  value: string;
}

export interface CodeRow {
  id: string;
  project_id: string;
  parent_id: string | null;
  position: number;
  name: string;
  /** `#rrggbb`, lowercase (core/codebook/colors.ts). */
  color: string;
  description: string;
  created_at: string;
}

export interface SegmentRow {
  id: string;
  project_id: string;
  source_id: string;
  code_id: string;
  coder_id: string;
  /** `[start_offset, end_offset)` in code points of the source's canonical text. */
  start_offset: number;
  end_offset: number;
  /** The turn holding `start_offset`, if the source has turns. */
  turn_id: string | null;
  memo: string;
  /** Quote selector: the covered text and up to 32 code points either side. */
  exact: string;
  prefix: string;
  suffix: string;
  created_at: string;
  updated_at: string;
  /** 1: an edit of the text left its words missing or ambiguous; kept in place, selector unchanged (migration 008; default 0). */
  anchor_broken?: number;
}

export interface MemoRow {
  id: string;
  project_id: string;
  /** project | source | case | code | segment */
  target_kind: string;
  target_id: string | null;
  title: string;
  body: string;
  created_at: string;
  updated_at: string;
}

export interface AuditEventRow {
  id: string;
  project_id: string | null;
  at: string;
  actor: string;
  action: string;
  /** JSON array of the ids the action touched; never text content. */
  object_ids: string;
  /** JSON object of counts and flags; never text content. */
  details: string;
  /** The account that acted (migration 006); null for the CLI and for entries from before accounts. */
  actor_id?: string | null;
}

export interface HistoryEntryRow {
  id: string;
  project_id: string;
  seq: number;
  action: string;
  /** JSON: the changes that undo and redo this entry (store/changes.ts). */
  changes: string;
  /** 'done' (can be undone) or 'undone' (can be redone). */
  state: string;
  actor: string;
  created_at: string;
}

export interface AttachmentRow {
  id: string;
  project_id: string;
  case_id: string | null;
  /** 'consent-form' */
  kind: string;
  file_name: string;
  media_type: string;
  bytes: Uint8Array;
  created_at: string;
}

/** A case's consent: which information letter, when given, and the signed form. */
export interface ConsentRecordRow {
  id: string;
  case_id: string;
  letter_version: string;
  /** `YYYY-MM-DD` */
  consented_on: string;
  form_attachment_id: string | null;
  note: string;
  updated_at: string;
}

/** The fictive side of a pseudonym map entry; its real forms live only in the encrypted key. */
export interface PseudonymEntryRow {
  id: string;
  project_id: string;
  /** person | place | organisation | other */
  kind: string;
  fictive: string;
  created_at: string;
}

export interface PseudonymUseRow {
  id: string;
  entry_id: string;
  source_id: string;
  count: number;
}

/** A project's pseudonym key: the real forms, encrypted with the pseudonym secret (store/pseudonymKey.ts). */
export interface PseudonymKeyRow {
  id: string;
  project_id: string;
  /** The encrypted key as JSON: KDF parameters, IV, tag and ciphertext, all base64. */
  key: string;
  updated_at: string;
}

/** Someone who can sign in (migration 006). */
export interface AccountRow {
  id: string;
  /** Unique; the person's coder name, the name of their layer. */
  name: string;
  /** 'password' | 'oidc' | 'local' (the laptop's person, no password). */
  kind: string;
  email: string | null;
  /** scrypt, `scrypt$N$r$p$salt$hash` (commands/helpers/passwords.ts). */
  password_hash: string | null;
  oidc_issuer: string | null;
  oidc_subject: string | null;
  failed_sign_ins?: number;
  locked_until: string | null;
  disabled_at: string | null;
  created_at: string;
}

/** A signed-in browser; `id` is the SHA-256 of the cookie's token. */
export interface SessionRow {
  id: string;
  account_id: string;
  created_at: string;
  expires_at: string;
  /** When the session last made a request, to the minute (migration 011). */
  last_seen_at: string | null;
}

/** A person's role in a project: 'owner' | 'coder' | 'viewer'. */
export interface MemberRow {
  id: string;
  project_id: string;
  account_id: string;
  role: string;
  created_at: string;
}

/** A version of a project's interview guide (migration 009). */
export interface GuideVersionRow {
  id: string;
  project_id: string;
  /** "1", "v2": unique in the project. */
  name: string;
  /** `YYYY-MM-DD`: the day the version took effect. */
  effective_from: string;
  created_at: string;
}

/** One wording of a guide question; versions that keep it share the row. */
export interface GuideQuestionRow {
  id: string;
  project_id: string;
  text: string;
  created_at: string;
}

/** A question's place in a version of the guide. */
export interface GuideEntryRow {
  id: string;
  version_id: string;
  question_id: string;
  position: number;
}

/** The interview log of one source (migration 009). */
export interface InterviewRow {
  id: string;
  project_id: string;
  source_id: string;
  /** `YYYY-MM-DD`, or null when not logged. */
  held_on: string | null;
  place: string;
  /** A typed length; a recording's own length is used when the source has one. */
  length_ms: number | null;
  /** JSON array of names. */
  interviewers: string;
  guide_version_id: string | null;
  transcriber: string;
  updated_at: string;
}

/** The turn where a person confirmed a guide question was asked; `turn_id` may outlive its turn (migration 009). */
export interface QuestionPlaceRow {
  id: string;
  source_id: string;
  question_id: string;
  turn_id: string;
  confirmed_by: string;
  confirmed_at: string;
}

/** A project's current transcription plan (migration 010). */
export interface TranscriptionPlanRow {
  id: string;
  project_id: string;
  tolerance_ms: number;
  created_at: string;
}

/** A transcriber of a plan, in the order given, with their share of the minutes. */
export interface TranscriptionTranscriberRow {
  id: string;
  plan_id: string;
  position: number;
  name: string;
  share: number;
}

/** A stretch of an interview's recording, `[start_ms, end_ms)`, given to one transcriber. */
export interface TranscriptionPartRow {
  id: string;
  plan_id: string;
  transcriber_id: string;
  source_id: string;
  start_ms: number;
  end_ms: number;
  /** When it was marked transcribed. */
  done_at: string | null;
}

/** A named set of sources or cases (migration 012). */
export interface SetRow {
  id: string;
  project_id: string;
  /** 'source' | 'case' */
  kind: string;
  name: string;
  description: string;
  /** null: made by hand (members in set_members); else JSON `{"attribute": name, "value": value}` (case sets). */
  rule: string | null;
  created_at: string;
}

/** A source or case in a hand-made set. */
export interface SetMemberRow {
  id: string;
  set_id: string;
  member_id: string;
}

/** A saved coding query, shown in the codebook and evaluated when read (migration 012). */
export interface SmartCodeRow {
  id: string;
  project_id: string;
  name: string;
  /** The query in Koda's coding query language (core/codingQuery). */
  expression: string;
  /** JSON filter: case attributes, coder layers, speaker role, sets. */
  filter: string;
  color: string;
  description: string;
  created_at: string;
  updated_at: string;
}

/** A concept of a theory: "handlingsutrymme", defined, with its reference (migration 012). */
export interface TheoryConceptRow {
  id: string;
  project_id: string;
  name: string;
  definition: string;
  reference: string;
  created_at: string;
  updated_at: string;
}

/** A concept linked to a code, segment or memo. */
export interface TheoryLinkRow {
  id: string;
  concept_id: string;
  /** 'code' | 'segment' | 'memo' */
  target_kind: string;
  target_id: string;
  created_at: string;
}

/** A "find more like this" suggestion someone accepted or rejected, with its provenance (migration 012). */
export interface SuggestionDecisionRow {
  id: string;
  project_id: string;
  code_id: string;
  source_id: string;
  start_offset: number;
  end_offset: number;
  /** 'accepted' | 'rejected' */
  decision: string;
  /** The segment an accepted suggestion became. */
  segment_id: string | null;
  method: string;
  /** JSON: the method's parameters. */
  parameters: string;
  /** JSON array: the words that made the passage similar. */
  words: string;
  score: number;
  decided_by: string;
  decided_at: string;
}

export interface Database {
  projects: ProjectRow;
  coders: CoderRow;
  sources: SourceRow;
  original_pieces: OriginalPieceRow;
  turns: TurnRow;
  recordings: RecordingRow;
  recording_chunks: RecordingChunkRow;
  cases: CaseRow;
  attributes: AttributeRow;
  attribute_values: AttributeValueRow;
  codes: CodeRow;
  segments: SegmentRow;
  memos: MemoRow;
  audit_events: AuditEventRow;
  history_entries: HistoryEntryRow;
  attachments: AttachmentRow;
  consent_records: ConsentRecordRow;
  pseudonym_entries: PseudonymEntryRow;
  pseudonym_uses: PseudonymUseRow;
  pseudonym_keys: PseudonymKeyRow;
  accounts: AccountRow;
  sessions: SessionRow;
  members: MemberRow;
  guide_versions: GuideVersionRow;
  guide_questions: GuideQuestionRow;
  guide_entries: GuideEntryRow;
  interviews: InterviewRow;
  question_places: QuestionPlaceRow;
  transcription_plans: TranscriptionPlanRow;
  transcription_transcribers: TranscriptionTranscriberRow;
  transcription_parts: TranscriptionPartRow;
  sets: SetRow;
  set_members: SetMemberRow;
  smart_codes: SmartCodeRow;
  theory_concepts: TheoryConceptRow;
  theory_links: TheoryLinkRow;
  suggestion_decisions: SuggestionDecisionRow;
}

export type TableName = keyof Database;
