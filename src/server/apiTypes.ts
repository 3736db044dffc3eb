/**
 * The answers of the HTTP API as TypeScript types, for the browser UI (web/src), which may import
 * this one server file, type-only (.dependency-cruiser.cjs): its types are then the commands' own
 * and cannot drift from them. An answer a route reshapes takes its type from the route.
 */

import type { acceptConsensus } from '../commands/acceptConsensus.js';
import type { ActionName, StaleKey } from '../commands/actions.js';
import type { addCase } from '../commands/addCase.js';
import type { addCode } from '../commands/addCode.js';
import type { addPseudonym } from '../commands/addPseudonym.js';
import type { applyCoding } from '../commands/applyCoding.js';
import type { applyPseudonyms } from '../commands/applyPseudonyms.js';
import type { autocode } from '../commands/autocode.js';
import type { codeCooccurrence } from '../commands/codeCooccurrence.js';
import type { codeFrequencies } from '../commands/codeFrequencies.js';
import type { codeMatrix } from '../commands/codeMatrix.js';
import type { compareLayers } from '../commands/compareLayers.js';
import type { computeAgreement } from '../commands/computeAgreement.js';
import type { createProject } from '../commands/createProject.js';
import type { deleteCode } from '../commands/deleteCode.js';
import type { editTranscript } from '../commands/editTranscript.js';
import type { getCodebook } from '../commands/getCodebook.js';
import type { getSource } from '../commands/getSource.js';
import type { getSourceCoding } from '../commands/getSourceCoding.js';
import type { CommittedEvent } from '../commands/helpers/context.js';
import type { redo, undo } from '../commands/history.js';
import type { importRecording } from '../commands/importRecording.js';
import type { importSource } from '../commands/importSource.js';
import type { listAudit } from '../commands/listAudit.js';
import type { listCases } from '../commands/listCases.js';
import type { listCoders } from '../commands/listCoders.js';
import type { listConsent } from '../commands/listConsent.js';
import type { listProjects } from '../commands/listProjects.js';
import type { listPseudonyms } from '../commands/listPseudonyms.js';
import type { listRetention } from '../commands/listRetention.js';
import type { listSets } from '../commands/listSets.js';
import type { listSmartCodes } from '../commands/listSmartCodes.js';
import type { listSources } from '../commands/listSources.js';
import type { addMember } from '../commands/members/addMember.js';
import type { listMembers } from '../commands/members/listMembers.js';
import type { removeMember } from '../commands/members/removeMember.js';
import type { setMemberRole } from '../commands/members/setMemberRole.js';
import type { mergeCodes } from '../commands/mergeCodes.js';
import type { previewSource } from '../commands/previewSource.js';
import type { recordConsent } from '../commands/recordConsent.js';
import type { renameSource } from '../commands/renameSource.js';
import type { markTranscriptVerified, setRetention } from '../commands/retention.js';
import type { retrieveSegmentPage } from '../commands/retrieveSegments.js';
import type { revealLayers } from '../commands/revealLayers.js';
import type { runCodingQuery } from '../commands/runCodingQuery.js';
import type { searchText } from '../commands/searchText.js';
import type { setBlindMode } from '../commands/setBlindMode.js';
import type { suggestPseudonyms } from '../commands/suggestPseudonyms.js';
import type { whoSharesCode } from '../commands/whoSharesCode.js';
import type { withdrawParticipant } from '../commands/withdrawParticipant.js';
import type { RetrievedSegment } from '../core/segmentPage.js';
import type { CodedSpan } from '../core/sourceCoding.js';
import type { importAnswer } from './routes/refi.js';

/** A value as it arrives over JSON: dates become ISO strings. */
export type Json<T> = T extends string | number | boolean | null | undefined
  ? T // a branded number (code-point offsets) stays itself
  : T extends Date
    ? string
    : T extends (infer E)[]
      ? Json<E>[]
      : T extends object
        ? { [K in keyof T]: Json<T[K]> }
        : T;

type Answer<F extends (...args: never[]) => unknown> = Json<Awaited<ReturnType<F>>>;

/** A live update (`event: change` on /api/projects/:p/events): what changed and what it made stale. */
export type ChangeEvent = Json<CommittedEvent>;
/** Whether the server follows its database's changes (`event: store`); back online, a change makes all stale. */
export type { StoreState } from './events.js';
export type { ActionName, StaleKey };

export type Project = Answer<typeof listProjects>[number];
export type SourceSummary = Answer<typeof listSources>[number];
export type Source = Answer<typeof getSource>;
export type Turn = Source['turns'][number];
export type CaseList = Answer<typeof listCases>;
export type SetList = Answer<typeof listSets>;
export type CodingQueryResult = Answer<typeof runCodingQuery>;
export type CodingQueryHit = CodingQueryResult['hits'][number];
export type SmartCode = Answer<typeof listSmartCodes>['smartCodes'][number];
export type SetSummary = SetList['sets'][number];
export type { AnalysisFilter } from '../commands/helpers/analysisFilter.js';
export type Attribute = CaseList['attributes'][number];
export type Case = CaseList['cases'][number];
export type CaseAdded = Answer<typeof addCase>;
export type CodeNode = Answer<typeof getCodebook>[number];
/** Retrieval's answer, a page packed lean; `Segment` is one segment of it unpacked (core/segmentPage.ts). */
export type SegmentPage = Answer<typeof retrieveSegmentPage>;
export type Segment = Json<RetrievedSegment>;
/** The document view's answer, packed in columns; `DocSegment` is one segment of it unpacked (core/sourceCoding.ts). */
export type SourceCoding = Answer<typeof getSourceCoding>;
export type DocSegment = Json<CodedSpan>;

export type ProjectCreated = Answer<typeof createProject>;
export type SourceImported = Answer<typeof importSource>;
export type RecordingImported = Answer<typeof importRecording>;
export type SourcePreview = Answer<typeof previewSource>;
export type SourceRenamed = Answer<typeof renameSource>;
export type TranscriptEdited = Answer<typeof editTranscript>;
export type CodeAdded = Answer<typeof addCode>;
export type CodesMerged = Answer<typeof mergeCodes>;
export type CodeDeleted = Answer<typeof deleteCode>;
export type CodingApplied = Answer<typeof applyCoding>;
export type Undone = Answer<typeof undo>;
export type Redone = Answer<typeof redo>;

export type CodersInfo = Answer<typeof listCoders>;
export type BlindModeSet = Answer<typeof setBlindMode>;
export type LayersRevealed = Answer<typeof revealLayers>;
export type MemberList = Answer<typeof listMembers>;
export type Member = MemberList['members'][number];
export type MemberAdded = Answer<typeof addMember>;
export type MemberRoleSet = Answer<typeof setMemberRole>;
export type MemberRemoved = Answer<typeof removeMember>;
export type ConsensusAccepted = Answer<typeof acceptConsensus>;
export type AgreementReport = Answer<typeof computeAgreement>;
/** The figures of one code, or of all codes pooled. */
export type Figures =
  | Omit<AgreementReport['codes'][number], 'code' | 'used' | 'bySource'>
  | Omit<AgreementReport['overall'], 'codes'>;
export type CompareView = Answer<typeof compareLayers>;
export type CompareRegion = CompareView['codes'][number]['regions'][number];
export type Span = CompareRegion['consensus'][number];

export type ConsentList = Answer<typeof listConsent>;
export type ConsentRow = ConsentList['cases'][number];
export type ConsentRecorded = Answer<typeof recordConsent>;
export type WithdrawReport = Answer<typeof withdrawParticipant>;
export type RetentionRow = Answer<typeof listRetention>[number];
export type RetentionSet = Answer<typeof setRetention>;
export type TranscriptVerified = Answer<typeof markTranscriptVerified>;
export type AuditEvent = Answer<typeof listAudit>[number];
export type PseudonymList = Answer<typeof listPseudonyms>;
export type PseudonymEntry = PseudonymList['entries'][number];
export type SuggestionList = Answer<typeof suggestPseudonyms>;
export type Suggestion = SuggestionList['candidates'][number];
export type PseudonymAdded = Answer<typeof addPseudonym>;
export type ApplyReport = Answer<typeof applyPseudonyms>;

export type CodeMatrix = Answer<typeof codeMatrix>;
export type MatrixColumn = CodeMatrix['columns'][number];
export type CodeFrequency = Answer<typeof codeFrequencies>[number];
export type CodeCooccurrence = Answer<typeof codeCooccurrence>;
export type Shares = Answer<typeof whoSharesCode>;
export type Quote = Shares['noCase'][number];
export type SearchResult = Answer<typeof searchText>;
export type AutocodeResult = Answer<typeof autocode>;

export type RefiImportResult = Json<ReturnType<typeof importAnswer>>;
/** What did not come over (or is not in an exported file), with the API's sentence for it. */
export type SummaryItem = RefiImportResult['summary'][number];

export type { SignedInAccount } from '../commands/helpers/context.js';
export type { SessionState } from './session.js';

// The interview guide and the interview log (routes/interviews.ts).
export type GuideList = Answer<typeof import('../commands/listGuide.js').listGuide>;
export type GuideVersion = GuideList['versions'][number];
export type GuideVersionAdded = Answer<typeof import('../commands/addGuideVersion.js').addGuideVersion>;
export type GuidePlaces = Answer<typeof import('../commands/locateGuideQuestions.js').locateGuideQuestions>;
export type GuidePlace = GuidePlaces['questions'][number];
export type QuestionPlaceConfirmed = Answer<typeof import('../commands/confirmQuestionPlace.js').confirmQuestionPlace>;
export type InterviewLog = Answer<typeof import('../commands/listInterviews.js').listInterviews>;
export type InterviewEntry = InterviewLog['interviews'][number];
export type InterviewSet = Answer<typeof import('../commands/setInterview.js').setInterview>;

// The transcription plan (routes/plan.ts).
export type TranscriptionPlan = Answer<typeof import('../commands/getTranscriptionPlan.js').getTranscriptionPlan>;
export type TranscriptionPlanPart = TranscriptionPlan['parts'][number];

// The pictures of the coding (routes/pictures.ts).
export type CodeMapPicture = Answer<typeof import('../commands/codeMap.js').codeMap>;
export type PortraitPicture = Answer<typeof import('../commands/documentPortrait.js').documentPortrait>;
export type ComparisonPicture = Answer<typeof import('../commands/caseComparison.js').caseComparison>;

// Memos and theory (routes/memos.ts, routes/theory.ts).
export type MemoItem = Answer<typeof import('../commands/listMemos.js').listMemos>[number];
export type MemoWritten = Answer<typeof import('../commands/writeMemo.js').writeMemo>;
export type Concept = Answer<typeof import('../commands/listConcepts.js').listConcepts>[number];
export type ConceptAdded = Answer<typeof import('../commands/addConcept.js').addConcept>;
// "Find more like this" (routes/suggestions.ts).
export type CodeSuggestions = Answer<typeof import('../commands/suggestForCode.js').suggestForCode>;
export type SuggestionDecided = Answer<typeof import('../commands/decideSuggestion.js').decideSuggestion>;
