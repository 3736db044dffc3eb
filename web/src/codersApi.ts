import { projectPath, request } from './api.js';

/** Coding layers, blind mode, agreement figures, the disagreement view and consensus (src/server/routes/agreement.ts). */

export interface Layer {
  id: string;
  name: string;
  kind: 'coder' | 'consensus';
  segments: number;
}

export interface CodersInfo {
  project: { id: string; name: string };
  blind: boolean;
  /** null: no owner yet, or hidden from this coder while the project is blind. */
  owner: string | null;
  /** Whether the acting coder may switch blind mode and reveal (the owner, or anyone while there is none). */
  mayManage: boolean;
  /** In blind mode a coder other than the owner gets only their own layer. */
  coders: Layer[];
}

export type UndefinedReason = 'no-units' | 'no-pairable-values' | 'no-variation' | 'needs-two-coders';
export type Figure = { value: number; reason: null } | { value: null; reason: UndefinedReason };

export type Percent = Figure & { agreeingPairs: number; pairs: number; units: number };
export type Kappa = Figure & {
  categories?: string[];
  table?: number[][];
  n?: number;
  observedAgreement?: number | null;
  expectedAgreement?: number | null;
};
export type Alpha = Figure & {
  level: string;
  coincidences: { values: string[]; matrix: number[][]; marginals: number[]; n: number; units: number };
  expected: number[][];
  observedDisagreement: number | null;
  expectedDisagreement: number | null;
};
export type UnitizedAlpha = Figure & {
  coders: number;
  continuum: number;
  n: number;
  units: number;
  sumSquaredUnitLengths: number;
  codeLength: number;
  gapLength: number;
  observed: [[number, number], [number, number]];
  expected: [[number, number], [number, number]];
  observedDisagreement: number | null;
  expectedDisagreement: number | null;
};

export interface Figures {
  units: number;
  /** Counts of each coding pattern: one character per coder, 1 coded, 0 not, - missing. */
  cells: Record<string, number>;
  percent: Percent;
  kappa: Kappa;
  alpha: Alpha;
  unitizedAlpha: UnitizedAlpha;
}

export interface AgreementReport {
  project: { id: string; name: string };
  coders: string[];
  unit: Unit;
  sources: { id: string; name: string; length: number; units: number; codedBy: string[] }[];
  codes: ({ code: { id: string; name: string; path: string }; used: boolean } & Figures)[];
  unusedCodes: string[];
  overall: { codes: number } & Figures;
}

export type Unit = 'char' | 'sentence' | 'paragraph' | 'turn';
export const UNITS: Unit[] = ['char', 'sentence', 'paragraph', 'turn'];

export interface Span {
  id: string;
  start: number;
  end: number;
}

export interface CompareRegion {
  start: number;
  end: number;
  text: string;
  agreed: boolean;
  coders: Record<string, Span[]>;
  differences: { start: number; end: number; codedBy: string[] }[];
  consensus: Span[];
}

export interface CompareView {
  source: { id: string; name: string; length: number };
  coders: string[];
  layer: string;
  codes: { code: { id: string; name: string; color: string }; regions: CompareRegion[] }[];
}

const p = projectPath;

export const codersApi = {
  coders: (project: string) => request<CodersInfo>('GET', `${p(project)}/coders`),
  setBlind: (project: string, blind: boolean) =>
    request<{ blind: boolean; owner: string }>('PUT', `${p(project)}/blind`, { blind }),
  reveal: (project: string) =>
    request<{ wasBlind: boolean; layers: { coder: string; kind: string; segments: number }[] }>('POST', `${p(project)}/reveal`),
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
  ) =>
    request<{ layer: string; removed: number; added: { id: string; start: number; end: number; text: string }[] }>(
      'POST',
      `${p(project)}/consensus`,
      body,
    ),
};
