import type {
  AgreementReport,
  BlindModeSet,
  CodersInfo,
  CompareView,
  ConsensusAccepted,
  LayersRevealed,
} from '../../src/server/apiTypes.js';
import { projectPath, request } from './api.js';

/** Coding layers, blind mode, agreement figures, the disagreement view and consensus (src/server/routes/agreement.ts). */

export type { Figure } from '../../src/core/agreement/types.js';
export type { AgreementReport, CodersInfo, CompareRegion, CompareView, Figures, Span } from '../../src/server/apiTypes.js';

export type Unit = AgreementReport['unit'];
export const UNITS: Unit[] = ['char', 'sentence', 'paragraph', 'turn'];

const p = projectPath;

export const codersApi = {
  coders: (project: string) => request<CodersInfo>('GET', `${p(project)}/coders`),
  setBlind: (project: string, blind: boolean) => request<BlindModeSet>('PUT', `${p(project)}/blind`, { blind }),
  reveal: (project: string) => request<LayersRevealed>('POST', `${p(project)}/reveal`),
  agreement: (project: string, options: { coders: string[]; unit: Unit; codes: string[] }) => {
    const q = new URLSearchParams({ coders: options.coders.join(','), unit: options.unit });
    for (const c of options.codes) q.append('code', c);
    return request<AgreementReport>('GET', `${p(project)}/agreement?${q}`);
  },
  compare: (project: string, source: string, coders: string[]) => {
    const q = new URLSearchParams({ source });
    if (coders.length > 0) q.set('coders', coders.join(','));
    return request<CompareView>('GET', `${p(project)}/compare?${q}`);
  },
  accept: (
    project: string,
    body: { source: string; code: string; start: number; end: number; from?: string[]; span?: { start: number; end: number } },
  ) => request<ConsensusAccepted>('POST', `${p(project)}/consensus`, body),
};
