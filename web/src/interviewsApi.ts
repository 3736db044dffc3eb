import type {
  GuideList,
  GuidePlaces,
  GuideVersionAdded,
  InterviewLog,
  InterviewSet,
  QuestionPlaceConfirmed,
} from '../../src/server/apiTypes.js';
import { fetchFile, projectPath, request } from './api.js';
import { type Download, downloadName } from './refiApi.js';

/** The interview guide and the interview log over the HTTP API (src/server/routes/interviews.ts). */

export type { GuidePlace, GuideVersion, InterviewEntry } from '../../src/server/apiTypes.js';

/** The fields of one interview's log as the Interviews page edits them. */
export interface InterviewFields {
  heldOn?: string | null;
  place?: string;
  length?: string | null;
  interviewers?: string[];
  guideVersion?: string | null;
  transcriber?: string;
}

const p = projectPath;
const enc = encodeURIComponent;

export const interviewsApi = {
  guide: (project: string) => request<GuideList>('GET', `${p(project)}/guide`),
  addVersion: (project: string, body: { version: string; from: string; questionList: string }) =>
    request<GuideVersionAdded>('POST', `${p(project)}/guide/versions`, body),
  places: (project: string, source: string) => request<GuidePlaces>('GET', `${p(project)}/sources/${enc(source)}/guide`),
  confirm: (project: string, source: string, question: string, turn: string | null) =>
    request<QuestionPlaceConfirmed>('PUT', `${p(project)}/sources/${enc(source)}/guide/${enc(question)}`, { turn }),
  log: (project: string) => request<InterviewLog>('GET', `${p(project)}/interviews`),
  set: (project: string, source: string, fields: InterviewFields) =>
    request<InterviewSet>('PUT', `${p(project)}/sources/${enc(source)}/interview`, fields),
  async exportLog(project: string, lang: string): Promise<Download> {
    const res = await fetchFile(`${p(project)}/interviews/export`, lang);
    return {
      fileName: downloadName(res.headers.get('content-disposition'), 'interviews.xlsx'),
      blob: await res.blob(),
      summary: [],
    };
  },
};
