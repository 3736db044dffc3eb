import type {
  ApplyReport,
  AuditEvent,
  ConsentList,
  ConsentRecorded,
  PseudonymAdded,
  PseudonymEntry,
  PseudonymList,
  RetentionRow,
  RetentionSet,
  SuggestionList,
  TranscriptVerified,
  WithdrawReport,
} from '../../src/server/apiTypes.js';
import { type ApiWarning, projectPath, request } from './api.js';
import { secretHeader } from './secret.js';

/** Consent, withdrawal, retention, the audit log and the pseudonym map (src/server/routes/privacy.ts, pseudonyms.ts). */

export type {
  ApplyReport,
  AuditEvent,
  ConsentRow,
  PseudonymEntry,
  RetentionRow,
  Suggestion,
  WithdrawReport,
} from '../../src/server/apiTypes.js';

export type PseudonymKind = PseudonymEntry['kind'];

/** The retention rules to set; one left out stays as it is. */
export interface RetentionRules {
  deleteOriginalWhenVerified?: boolean;
  deleteRecordingWhenVerified?: boolean;
}
export const PSEUDONYM_KINDS: PseudonymKind[] = ['person', 'place', 'organisation', 'other'];

const p = projectPath;
const enc = encodeURIComponent;

export const privacyApi = {
  /** Where the signed consent form of a case downloads from. */
  formUrl: (project: string, caseId: string) => `${p(project)}/cases/${enc(caseId)}/consent/form`,
  consent: (project: string) => request<ConsentList>('GET', `${p(project)}/consent`),
  recordConsent: (
    project: string,
    caseRef: string,
    body: {
      letterVersion: string;
      consentedOn: string;
      note?: string;
      form?: { fileName: string; mediaType?: string; base64: string };
    },
  ) => request<ConsentRecorded>('POST', `${p(project)}/cases/${enc(caseRef)}/consent`, body),
  withdraw: (project: string, caseRef: string, dryRun: boolean) =>
    request<WithdrawReport>(
      'POST',
      `${p(project)}/cases/${enc(caseRef)}/withdraw${dryRun ? '?dryRun=true' : ''}`,
      undefined,
      secretHeader(project),
    ),
  retention: (project: string) => request<RetentionRow[]>('GET', `${p(project)}/retention`),
  setRetention: (project: string, source: string, rules: RetentionRules) =>
    request<RetentionSet>('PUT', `${p(project)}/sources/${enc(source)}/retention`, rules),
  verify: (project: string, source: string) => request<TranscriptVerified>('POST', `${p(project)}/sources/${enc(source)}/verify`),
  audit: (project: string, action?: string, limit = 500) => {
    const q = new URLSearchParams({ project, limit: String(limit) });
    if (action) q.set('action', action);
    return request<AuditEvent[]>('GET', `/api/audit?${q}`);
  },

  pseudonyms: (project: string) => request<PseudonymList>('GET', `${p(project)}/pseudonyms`, undefined, secretHeader(project)),
  suggestions: (project: string) =>
    request<SuggestionList>('GET', `${p(project)}/pseudonyms/suggestions?limit=200`, undefined, secretHeader(project)),
  addPseudonym: (project: string, body: { real: string[]; fictive: string; kind?: PseudonymKind }) =>
    request<PseudonymAdded>('POST', `${p(project)}/pseudonyms`, body, secretHeader(project)),
  applyPseudonyms: (project: string, options: { dryRun: boolean; widen: boolean; keepOriginals: boolean }) =>
    request<ApplyReport>('POST', `${p(project)}/pseudonyms/apply`, options, secretHeader(project)),
};

export type { ApiWarning };
