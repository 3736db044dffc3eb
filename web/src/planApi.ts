import type { TranscriptionPlan } from '../../src/server/apiTypes.js';
import { projectPath, request } from './api.js';

/** The transcription plan over the HTTP API (src/server/routes/plan.ts). */

export type { TranscriptionPlan, TranscriptionPlanPart } from '../../src/server/apiTypes.js';

const path = (project: string) => `${projectPath(project)}/transcription-plan`;

export const planApi = {
  get: (project: string) => request<TranscriptionPlan>('GET', path(project)),
  make: (project: string, transcribers: { name: string; share?: number }[]) =>
    request<TranscriptionPlan>('PUT', path(project), { transcribers }),
  markDone: (project: string, body: { source: string; transcriber: string; done: boolean }) =>
    request<TranscriptionPlan>('POST', `${path(project)}/done`, body),
};
