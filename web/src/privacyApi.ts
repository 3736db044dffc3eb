import { type ApiWarning, projectPath, request } from './api.js';
import { secretHeader } from './secret.js';

/** Consent, withdrawal, retention, the audit log and the pseudonym map (src/server/routes/privacy.ts, pseudonyms.ts). */

export interface ConsentRow {
  id: string;
  name: string;
  consent: { letterVersion: string; consentedOn: string; note: string; form: string | null } | null;
}

export interface WithdrawReport {
  id: string;
  name: string;
  sources: number;
  segments: number;
  turns: number;
  memos: number;
  attributeValues: number;
  consentRecords: number;
  attachments: number;
  pseudonymEntries: number;
}

export interface RetentionRow {
  id: string;
  name: string;
  originalName: string;
  originalKept: boolean;
  originalDeletedAt: string | null;
  verifiedAt: string | null;
  deleteOriginalWhenVerified: boolean;
}

export interface AuditEvent {
  at: string;
  actor: string;
  action: string;
  projectId: string | null;
  objectIds: string[];
  /** Each id as it is now: its kind and, for projects, sources, codes and attributes, its name; kind null when deleted. */
  objects: AuditObject[];
  details: Record<string, unknown>;
}

export type AuditObjectKind = 'project' | 'source' | 'code' | 'attribute' | 'case' | 'segment' | 'memo' | 'turn' | 'coder';
export interface AuditObject {
  id: string;
  kind: AuditObjectKind | null;
  name: string | null;
}

export type PseudonymKind = 'person' | 'place' | 'organisation' | 'other';
export const PSEUDONYM_KINDS: PseudonymKind[] = ['person', 'place', 'organisation', 'other'];

export interface Suggestion {
  form: string;
  kind: PseudonymKind;
  count: number;
  reasons: string[];
  contexts: { start: number; end: number; before: string; text: string; after: string; sourceId?: string }[];
}

export interface PseudonymEntry {
  id: string;
  fictive: string;
  kind: PseudonymKind;
  replaced: number;
  real?: string[];
}

export interface BrokenSegment {
  id: string;
  start: number;
  end: number;
  newStart: number;
  newEnd: number;
  mergedInto?: string;
}

export interface ApplyReport {
  dryRun: boolean;
  widen: boolean;
  blocked: boolean;
  entries: { id: string; fictive: string; replaced: number }[];
  sources: { id: string; name: string; replacements: number; segments: number; kept: number; broken: BrokenSegment[] }[];
  totals: {
    sources: number;
    changedSources: number;
    replacements: number;
    segments: number;
    kept: number;
    broken: number;
    merged: number;
    [other: string]: number;
  };
  originals: { deleted: number; kept: number };
  historyEntriesDeleted: number;
}

const p = projectPath;
const enc = encodeURIComponent;

export const privacyApi = {
  /** Where the signed consent form of a case downloads from. */
  formUrl: (project: string, caseId: string) => `${p(project)}/cases/${enc(caseId)}/consent/form`,
  consent: (project: string) => request<{ cases: ConsentRow[]; withdrawn: number }>('GET', `${p(project)}/consent`),
  recordConsent: (
    project: string,
    caseRef: string,
    body: {
      letterVersion: string;
      consentedOn: string;
      note?: string;
      form?: { fileName: string; mediaType?: string; base64: string };
    },
  ) =>
    request<{ case: string; letterVersion: string; consentedOn: string; form: boolean }>(
      'POST',
      `${p(project)}/cases/${enc(caseRef)}/consent`,
      body,
    ),
  withdraw: (project: string, caseRef: string, dryRun: boolean) =>
    request<WithdrawReport>(
      'POST',
      `${p(project)}/cases/${enc(caseRef)}/withdraw${dryRun ? '?dryRun=true' : ''}`,
      undefined,
      secretHeader(project),
    ),
  retention: (project: string) => request<RetentionRow[]>('GET', `${p(project)}/retention`),
  setRetention: (project: string, source: string, deleteOriginalWhenVerified: boolean) =>
    request<{ originalDeleted: boolean }>('PUT', `${p(project)}/sources/${enc(source)}/retention`, {
      deleteOriginalWhenVerified,
    }),
  verify: (project: string, source: string) =>
    request<{ originalDeleted: boolean }>('POST', `${p(project)}/sources/${enc(source)}/verify`),
  audit: (project: string, action?: string, limit = 500) => {
    const q = new URLSearchParams({ project, limit: String(limit) });
    if (action) q.set('action', action);
    return request<AuditEvent[]>('GET', `/api/audit?${q}`);
  },

  pseudonyms: (project: string) =>
    request<{ unlocked: boolean; entries: PseudonymEntry[] }>(
      'GET',
      `${p(project)}/pseudonyms`,
      undefined,
      secretHeader(project),
    ),
  suggestions: (project: string) =>
    request<{ sources: number; total: number; candidates: Suggestion[] }>(
      'GET',
      `${p(project)}/pseudonyms/suggestions?limit=200`,
      undefined,
      secretHeader(project),
    ),
  addPseudonym: (project: string, body: { real: string[]; fictive: string; kind?: PseudonymKind }) =>
    request<{ id: string; fictive: string; kind: PseudonymKind; created: boolean; added: number }>(
      'POST',
      `${p(project)}/pseudonyms`,
      body,
      secretHeader(project),
    ),
  applyPseudonyms: (project: string, options: { dryRun: boolean; widen: boolean; keepOriginals: boolean }) =>
    request<ApplyReport>('POST', `${p(project)}/pseudonyms/apply`, options, secretHeader(project)),
};

export type { ApiWarning };
