import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CodePointIndex } from '../core/text/codePoints.js';
import { packageRoot } from '../store/paths.js';
import { addCase } from './addCase.js';
import { addConcept } from './addConcept.js';
import { addGuideVersion } from './addGuideVersion.js';
import { addSet } from './addSet.js';
import { applyCodebookTemplate } from './applyCodebookTemplate.js';
import { applyCoding } from './applyCoding.js';
import { createProject } from './createProject.js';
import { defineAttribute } from './defineAttribute.js';
import { getSource } from './getSource.js';
import type { CommandContext } from './helpers/context.js';
import { importSource } from './importSource.js';
import { linkConcept } from './linkConcept.js';
import { planTranscription } from './planTranscription.js';
import { recordConsent } from './recordConsent.js';
import { saveSmartCode } from './saveSmartCode.js';
import { setInterview } from './setInterview.js';
import { writeMemo } from './writeMemo.js';

const DEMO_CONSENT_DATE = '2021-01-01';

/** The demo study as it is kept in `demo/omega/project.json`. */
interface DemoStudy {
  name: string;
  language: 'sv' | 'en';
  description: string;
  attributes: { name: string; type: string; choices?: string[] }[];
  cases: {
    name: string;
    transcript: string;
    attributes: Record<string, string>;
    guideVersion: number;
    /** Made up within the thesis' 30 to 67 minutes (it gives no length per interview). */
    length: string;
  }[];
  /** The guide (Bilaga 3) before and after the media question was added (4.1). */
  guide: { version: string; from: string; questions: string[] }[];
  /** What the thesis says of every interview (4.5.3): held at the participant's workplace, by both authors. */
  interviewLog: { place: string; interviewers: string[] };
  /** The authors split the transcription between them by minutes (4.5.3). */
  transcriptionPlan: { transcribers: string[] };
  districts: { name: string; description: string }[];
  meetingPlaces: Record<string, string | number>[];
  codings: { case: string; code: string; quote: string; memo?: string }[];
  /** Lipsky's concepts the thesis analyses with (chapter 3), linked to the codes that carry them. */
  theory: { name: string; definition: string; reference: string; codes: string[] }[];
  /** Case sets that follow an attribute, for filtering the analysis. */
  sets: { kind: 'case' | 'source'; name: string; description: string; fromAttribute: { attribute: string; value: string } }[];
  smartCodes: { name: string; expression: string; description: string }[];
}

/** `demo/omega` in the package. */
export const demoFolder = (): string => join(packageRoot(), 'demo', 'omega');

/**
 * Builds "Omega (demo)": the eight participants, their reconstructed transcripts, the
 * traffic-light codebook, the interview guide's two versions, the interview log, the
 * transcription plan (3.5 and 4.5 interviews each), the codings of chapter 5, and Lipsky's concepts,
 * a case set and a smart code to analyse them with, through the
 * ordinary commands. The history is then cleared, so the demo is where undo starts, not something
 * to undo.
 */
export async function createDemoProject(userCtx: CommandContext, folder = demoFolder()) {
  // The demo's coding is nobody's in particular: one layer, named for what it is.
  const ctx: CommandContext = { ...userCtx, actor: 'demo' };
  const study = JSON.parse(readFileSync(join(folder, 'project.json'), 'utf8')) as DemoStudy;
  const project = await createProject(ctx, { name: study.name, language: study.language, description: study.description });
  const p = project.id;
  for (const a of study.attributes)
    await defineAttribute(ctx, { project: p, name: a.name, type: a.type, choices: a.choices ?? [] });
  await applyCodebookTemplate(ctx, { project: p, template: 'traffic-light' });
  for (const g of study.guide) await addGuideVersion(ctx, { project: p, ...g });
  const sources = new Map<string, { id: string; index: CodePointIndex }>();
  for (const c of study.cases) {
    await addCase(ctx, { project: p, name: c.name, attributes: c.attributes });
    // The thesis gives no dates: the demo's consent records say so in their note.
    await recordConsent(ctx, {
      project: p,
      case: c.name,
      letterVersion: 'Bilaga 1–2',
      consentedOn: DEMO_CONSENT_DATE,
      note: 'Demo',
    });
    const bytes = readFileSync(join(folder, c.transcript));
    const imported = await importSource(ctx, {
      project: p,
      fileName: c.transcript,
      bytes,
      case: c.name,
      name: `Intervju ${c.name}`,
    });
    // The thesis gives no dates or transcriber per interview: the log holds what it says, and
    // lengths within its 30 to 67 minutes so the demo's transcription plan can split by minutes.
    await setInterview(ctx, {
      project: p,
      source: imported.id,
      ...study.interviewLog,
      guideVersion: String(c.guideVersion),
      length: c.length,
    });
    const { text } = await getSource(ctx, { project: p, source: imported.id });
    sources.set(c.name, { id: imported.id, index: new CodePointIndex(text) });
  }
  for (const coding of study.codings) {
    const source = sources.get(coding.case);
    const at = source?.index.text.indexOf(coding.quote) ?? -1;
    if (!source || at < 0) throw new Error(`demo quote not found for ${coding.case}`);
    const start = source.index.toCodePoint(at);
    const end = source.index.toCodePoint(at + coding.quote.length);
    await applyCoding(ctx, { project: p, source: source.id, code: coding.code, start, end, memo: coding.memo ?? '' });
  }
  await writeMemo(ctx, { project: p, title: districtsTitle(study.language), body: districtTable(study) });
  await addAnalysis(ctx, p, study);
  await planTranscription(ctx, { project: p, transcribers: study.transcriptionPlan.transcribers.map((name) => ({ name })) });
  await ctx.store.db.deleteFrom('history_entries').where('project_id', '=', p).execute();
  return { id: p, name: study.name, cases: study.cases.length, codings: study.codings.length };
}

const districtsTitle = (lang: string) =>
  lang === 'sv' ? 'Stadsdelar och mötesplatser (Tabell 1–2)' : 'Districts and meeting places (Tables 1–2)';

/** The theory, sets and smart codes a researcher of the study would have made after coding. */
async function addAnalysis(ctx: CommandContext, p: string, study: DemoStudy) {
  for (const { codes, ...concept } of study.theory) {
    await addConcept(ctx, { project: p, ...concept });
    for (const code of codes) await linkConcept(ctx, { project: p, concept: concept.name, target: 'code', on: code });
  }
  for (const set of study.sets) await addSet(ctx, { project: p, ...set });
  for (const smart of study.smartCodes) await saveSmartCode(ctx, { project: p, ...smart });
}

function districtTable(study: DemoStudy): string {
  const districts = study.districts.map((d) => `- ${d.name}: ${d.description}`);
  const places = study.meetingPlaces.map((m) => `- ${Object.values(m).join(' · ')}`);
  return [...districts, '', ...places].join('\n');
}
