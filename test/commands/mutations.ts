import { acceptConsensus } from '../../src/commands/acceptConsensus.js';
import type { ActionName } from '../../src/commands/actions.js';
import { addCase } from '../../src/commands/addCase.js';
import { addCode } from '../../src/commands/addCode.js';
import { addConcept } from '../../src/commands/addConcept.js';
import { addGuideVersion } from '../../src/commands/addGuideVersion.js';
import { addPseudonym } from '../../src/commands/addPseudonym.js';
import { addSet } from '../../src/commands/addSet.js';
import { applyCodebookTemplate } from '../../src/commands/applyCodebookTemplate.js';
import { applyCoding } from '../../src/commands/applyCoding.js';
import { autocode } from '../../src/commands/autocode.js';
import { confirmQuestionPlace } from '../../src/commands/confirmQuestionPlace.js';
import { createProject } from '../../src/commands/createProject.js';
import { decideSuggestion } from '../../src/commands/decideSuggestion.js';
import { defineAttribute } from '../../src/commands/defineAttribute.js';
import { deleteCase } from '../../src/commands/deleteCase.js';
import { deleteCode } from '../../src/commands/deleteCode.js';
import { deleteConcept } from '../../src/commands/deleteConcept.js';
import { deleteMemo } from '../../src/commands/deleteMemo.js';
import { deleteSet } from '../../src/commands/deleteSet.js';
import { deleteSmartCode } from '../../src/commands/deleteSmartCode.js';
import { deleteSource } from '../../src/commands/deleteSource.js';
import { editCode } from '../../src/commands/editCode.js';
import { editConcept } from '../../src/commands/editConcept.js';
import { editSet } from '../../src/commands/editSet.js';
import { editSmartCode } from '../../src/commands/editSmartCode.js';
import { editTranscript } from '../../src/commands/editTranscript.js';
import { getSource } from '../../src/commands/getSource.js';
import type { CommandContext } from '../../src/commands/helpers/context.js';
import { importRefi } from '../../src/commands/importRefi.js';
import { importSource } from '../../src/commands/importSource.js';
import { linkConcept } from '../../src/commands/linkConcept.js';
import { linkSourceToCase } from '../../src/commands/linkSourceToCase.js';
import { linkTurnsToCase } from '../../src/commands/linkTurnsToCase.js';
import { markTranscriptionDone } from '../../src/commands/markTranscriptionDone.js';
import { mergeCodes } from '../../src/commands/mergeCodes.js';
import { mergeLayers } from '../../src/commands/mergeLayers.js';
import { moveCode } from '../../src/commands/moveCode.js';
import { planTranscription } from '../../src/commands/planTranscription.js';
import { recordConsent } from '../../src/commands/recordConsent.js';
import { removeSegment } from '../../src/commands/removeSegment.js';
import { renameSource } from '../../src/commands/renameSource.js';
import { revealLayers } from '../../src/commands/revealLayers.js';
import { saveSmartCode } from '../../src/commands/saveSmartCode.js';
import { setBlindMode } from '../../src/commands/setBlindMode.js';
import { setCaseAttributes } from '../../src/commands/setCaseAttributes.js';
import { setInterview } from '../../src/commands/setInterview.js';
import { setSegmentMemo } from '../../src/commands/setSegmentMemo.js';
import { unlinkConcept } from '../../src/commands/unlinkConcept.js';
import { writeMemo } from '../../src/commands/writeMemo.js';
import { utf8 } from '../helpers.js';
import { QUOTES, type Study, spanOf, TRANSCRIPT } from './fixtures.js';

/**
 * One run of each mutating command against the study fixture: the action it records, and the
 * ids its audit event must name. Shared by the undo/redo and the audit tests; history.test.ts
 * fails when an undoable action of src/commands/actions.ts has no run here.
 */
export interface Mutation {
  /** Starts with the command's name (its file in src/commands/). */
  name: string;
  action: ActionName;
  /** What the run needs beyond the study, done before the tables are compared. */
  setup?: (ctx: CommandContext, s: Study) => Promise<unknown>;
  run: (ctx: CommandContext, s: Study) => Promise<any>;
  objectIds: (s: Study, result: any, ctx: CommandContext) => string[] | Promise<string[]>;
}

export const mutations: Mutation[] = [
  {
    name: 'addCase (with a new attribute)',
    action: 'case.add',
    run: (ctx, s) => addCase(ctx, { project: s.p, name: 'Nermin', attributes: { stadsdel: 'y', roll: 'Utveckling' } }),
    objectIds: (_s, r) => [r.id],
  },
  {
    name: 'setCaseAttributes (update, clear, declare)',
    action: 'case.set-attributes',
    run: (ctx, s) =>
      setCaseAttributes(ctx, { project: s.p, case: 'Albin', attributes: { stadsdel: 'Z', år: '', roll: 'Ledning' } }),
    objectIds: (s) => [s.cases.albin],
  },
  {
    name: 'defineAttribute',
    action: 'attribute.define',
    run: (ctx, s) => defineAttribute(ctx, { project: s.p, name: 'intervjudatum', type: 'date' }),
    objectIds: (_s, r) => [r.id],
  },
  {
    name: 'deleteCase withSources',
    action: 'case.delete',
    run: (ctx, s) => deleteCase(ctx, { project: s.p, case: 'Albin', withSources: true }),
    objectIds: (s) => [s.cases.albin, s.source],
  },
  {
    name: 'importSource',
    action: 'source.import',
    run: (ctx, s) =>
      importSource(ctx, { project: s.p, fileName: 'kristin.txt', bytes: utf8('I: Hej 😀\nKristin: Hej då.\n'), case: 'Kristin' }),
    objectIds: (s, r) => [r.id, s.cases.kristin],
  },
  {
    name: 'deleteSource',
    action: 'source.delete',
    run: (ctx, s) => deleteSource(ctx, { project: s.p, source: 'grupp' }),
    objectIds: (s) => [s.source],
  },
  {
    name: 'linkSourceToCase',
    action: 'source.link-case',
    run: (ctx, s) => linkSourceToCase(ctx, { project: s.p, source: s.source, case: 'Kristin' }),
    objectIds: (s) => [s.source, s.cases.kristin],
  },
  {
    name: 'linkTurnsToCase',
    action: 'turn.link-case',
    run: (ctx, s) => linkTurnsToCase(ctx, { project: s.p, source: s.source, speaker: 'Kristin', case: 'Kristin' }),
    objectIds: (s) => [s.source, s.cases.kristin, s.turns[2]!.id],
  },
  {
    name: 'addCode',
    action: 'code.add',
    run: (ctx, s) => addCode(ctx, { project: s.p, name: 'finansiering', parent: 'Hinder' }),
    objectIds: (_s, r) => [r.id],
  },
  {
    name: 'editCode',
    action: 'code.edit',
    run: (ctx, s) => editCode(ctx, { project: s.p, code: 'media', name: 'medier', color: '#123', description: 'Bilden utåt' }),
    objectIds: (s) => [s.codes.media],
  },
  {
    name: 'moveCode (re-parent)',
    action: 'code.move',
    run: (ctx, s) => moveCode(ctx, { project: s.p, code: 'media', parent: 'Strategier', position: 0 }),
    objectIds: (s) => [s.codes.media],
  },
  {
    name: 'mergeCodes (collapse, children, memos)',
    action: 'code.merge',
    run: (ctx, s) => mergeCodes(ctx, { project: s.p, from: 'tidsbrist', into: 'media' }),
    objectIds: (s) => [s.codes.tidsbrist, s.codes.media],
  },
  {
    name: 'deleteCode withSegments',
    action: 'code.delete',
    run: (ctx, s) => deleteCode(ctx, { project: s.p, code: 'Hinder', withSegments: true }),
    // The branch, the node first: Hinder, then its last child's line before the first's.
    objectIds: (s) => [s.codes.hinder, s.codes.tidsbrist, s.codes.personal, s.codes.media],
  },
  {
    name: 'saveSmartCode',
    action: 'query.save',
    run: (ctx, s) => saveSmartCode(ctx, { project: s.p, name: 'Medier och tid', expression: 'media AND tidsbrist' }),
    objectIds: (_s, r) => [r.id],
  },
  {
    name: 'editSmartCode',
    action: 'query.edit',
    setup: (ctx, s) => saveSmartCode(ctx, { project: s.p, name: 'M', expression: 'media' }),
    run: (ctx, s) => editSmartCode(ctx, { project: s.p, smartCode: 'M', name: 'Medier', expression: 'media OR plan' }),
    objectIds: (_s, r) => [r.id],
  },
  {
    name: 'deleteSmartCode',
    action: 'query.delete',
    setup: (ctx, s) => saveSmartCode(ctx, { project: s.p, name: 'M', expression: 'media' }),
    run: (ctx, s) => deleteSmartCode(ctx, { project: s.p, smartCode: 'M' }),
    objectIds: (_s, r) => [r.id],
  },
  {
    name: 'applyCodebookTemplate',
    action: 'codebook.template',
    run: (ctx, s) => applyCodebookTemplate(ctx, { project: s.p, template: 'traffic-light' }),
    // Every code the template added, in the order they were inserted.
    objectIds: async (s, _r, ctx) => {
      const known = new Set(Object.values(s.codes));
      const rows = await ctx.store.db.selectFrom('codes').select('id').where('project_id', '=', s.p).orderBy('id').execute();
      return rows.map((r) => r.id).filter((id) => !known.has(id));
    },
  },
  {
    name: 'applyCoding (a new coder)',
    action: 'segment.apply',
    run: (ctx, s) =>
      applyCoding(ctx, { project: s.p, source: s.source, code: 'plan', ...spanOf(s.text, QUOTES.tidsbrist), coder: 'Kodare 2' }),
    objectIds: (s, r) => [r.id, s.source, s.codes.plan],
  },
  {
    name: 'removeSegment',
    action: 'segment.remove',
    run: (ctx, s) => removeSegment(ctx, { project: s.p, segment: s.segments.media }),
    objectIds: (s) => [s.segments.media, s.source, s.codes.media],
  },
  {
    name: 'setSegmentMemo',
    action: 'segment.memo',
    run: (ctx, s) => setSegmentMemo(ctx, { project: s.p, segment: s.segments.media, memo: 'omskriven' }),
    objectIds: (s) => [s.segments.media],
  },
  {
    name: 'writeMemo (new)',
    action: 'memo.write',
    run: (ctx, s) => writeMemo(ctx, { project: s.p, title: 'Metod', body: 'Kvalitativ innehållsanalys' }),
    objectIds: (_s, r) => [r.id],
  },
  {
    name: 'writeMemo (edit)',
    action: 'memo.write',
    run: (ctx, s) =>
      writeMemo(ctx, { project: s.p, target: 'code', on: 'tidsbrist', memo: s.memos.code, title: 'Ny', body: 'Ändrad' }),
    objectIds: (s) => [s.memos.code],
  },
  {
    name: 'writeMemo (on a segment)',
    action: 'memo.write',
    run: (ctx, s) => writeMemo(ctx, { project: s.p, target: 'segment', on: s.segments.tidsbrist, title: 'Tid', body: 'Igen' }),
    objectIds: (s, r) => [r.id, s.segments.tidsbrist],
  },
  {
    name: 'deleteMemo (with a theory link to it)',
    action: 'memo.delete',
    setup: async (ctx, s) => {
      await addConcept(ctx, { project: s.p, name: 'handlingsutrymme' });
      await linkConcept(ctx, { project: s.p, concept: 'handlingsutrymme', target: 'memo', on: s.memos.code });
    },
    run: (ctx, s) => deleteMemo(ctx, { project: s.p, memo: s.memos.code }),
    objectIds: (s) => [s.memos.code, s.codes.tidsbrist],
  },
  {
    name: 'addConcept',
    action: 'theory.add',
    run: (ctx, s) => addConcept(ctx, { project: s.p, name: 'handlingsutrymme', definition: 'Frihet', reference: 'Lipsky 2010' }),
    objectIds: (_s, r) => [r.id],
  },
  {
    name: 'editConcept',
    action: 'theory.edit',
    setup: (ctx, s) => addConcept(ctx, { project: s.p, name: 'handlingsutrymme' }),
    run: (ctx, s) => editConcept(ctx, { project: s.p, concept: 'handlingsutrymme', reference: 'Lipsky 2010' }),
    objectIds: (_s, r) => [r.id],
  },
  {
    name: 'deleteConcept (with its links)',
    action: 'theory.delete',
    setup: async (ctx, s) => {
      await addConcept(ctx, { project: s.p, name: 'handlingsutrymme' });
      await linkConcept(ctx, { project: s.p, concept: 'handlingsutrymme', target: 'code', on: 'media' });
    },
    run: (ctx, s) => deleteConcept(ctx, { project: s.p, concept: 'handlingsutrymme' }),
    objectIds: (_s, r) => [r.id],
  },
  {
    name: 'linkConcept',
    action: 'theory.link',
    setup: (ctx, s) => addConcept(ctx, { project: s.p, name: 'handlingsutrymme' }),
    run: (ctx, s) => linkConcept(ctx, { project: s.p, concept: 'handlingsutrymme', target: 'segment', on: s.segments.media }),
    objectIds: (s, r) => [r.conceptId, s.segments.media],
  },
  {
    name: 'unlinkConcept',
    action: 'theory.unlink',
    setup: async (ctx, s) => {
      await addConcept(ctx, { project: s.p, name: 'handlingsutrymme' });
      await linkConcept(ctx, { project: s.p, concept: 'handlingsutrymme', target: 'code', on: 'media' });
    },
    run: (ctx, s) => unlinkConcept(ctx, { project: s.p, concept: 'handlingsutrymme', target: 'code', on: 'media' }),
    objectIds: (s, r) => [r.conceptId, s.codes.media],
  },
  {
    name: 'renameSource',
    action: 'source.rename',
    run: (ctx, s) => renameSource(ctx, { project: s.p, source: s.source, name: 'gruppintervju 1' }),
    objectIds: (s) => [s.source],
  },
  {
    name: 'editTranscript (words before shifted, a coded quote deleted)',
    action: 'source.edit-text',
    run: async (ctx, s) =>
      editTranscript(ctx, {
        project: s.p,
        source: s.source,
        text: `Inledning.\n${s.text.replace(QUOTES.media, 'Media ger')}`,
        baseHash: (await getSource(ctx, { project: s.p, source: s.source })).textHash,
      }),
    objectIds: (s) => [s.source],
  },
  {
    name: 'autocode',
    action: 'segment.autocode',
    run: (ctx, s) => autocode(ctx, { project: s.p, code: 'plan', pattern: 'hinner' }),
    objectIds: (s) => [s.codes.plan],
  },
  {
    name: 'acceptConsensus (one side)',
    action: 'consensus.accept',
    run: (ctx, s) =>
      acceptConsensus(ctx, { project: s.p, source: s.source, code: 'media', ...spanOf(s.text, QUOTES.media), from: ['tester'] }),
    objectIds: async (s, r, ctx) => [
      s.source,
      s.codes.media,
      await coderId(ctx, s, 'consensus'),
      ...r.added.map((a: any) => a.id),
    ],
  },
  {
    name: 'mergeLayers (another copy, a new coder)',
    action: 'coders.merge',
    setup: async (ctx) => {
      const copy = await createProject(ctx, { name: 'Omega kopia', language: 'sv' });
      await importSource(ctx, { project: copy.id, fileName: 'grupp.txt', bytes: utf8(TRANSCRIPT) });
      await addCode(ctx, { project: copy.id, name: 'samverkan' });
      const text = TRANSCRIPT.normalize('NFC');
      await applyCoding(ctx, {
        project: copy.id,
        source: 'grupp',
        code: 'samverkan',
        ...spanOf(text, QUOTES.kristin),
        coder: 'Bo',
      });
    },
    run: (ctx, s) => mergeLayers(ctx, { project: s.p, from: 'Omega kopia' }),
    objectIds: async (s, _r, ctx) => [s.p, await projectId(ctx, 'Omega kopia')],
  },
  {
    name: 'setBlindMode (on)',
    action: 'project.blind',
    run: (ctx, s) => setBlindMode(ctx, { project: s.p, blind: true }),
    objectIds: (s) => [s.p],
  },
  {
    name: 'revealLayers',
    action: 'project.reveal',
    setup: (ctx, s) => setBlindMode(ctx, { project: s.p, blind: true }),
    run: (ctx, s) => revealLayers(ctx, { project: s.p }),
    objectIds: (s) => [s.p],
  },
  {
    name: 'recordConsent (with its form)',
    action: 'consent.record',
    run: (ctx, s) =>
      recordConsent(ctx, {
        project: s.p,
        case: 'Albin',
        letterVersion: 'v2',
        consentedOn: '2024-03-01',
        form: { fileName: 'samtycke.txt', bytes: utf8('Undertecknat samtycke') },
      }),
    objectIds: async (s, _r, ctx) => {
      const form = await ctx.store.db.selectFrom('attachments').select('id').where('case_id', '=', s.cases.albin).execute();
      return [s.cases.albin, ...form.map((f) => f.id)];
    },
  },
  {
    name: 'addGuideVersion (a question kept from the version before)',
    action: 'guide.add-version',
    setup: (ctx, s) => addGuideVersion(ctx, { project: s.p, version: '1', from: '2021-02-01', questions: ['Hur ser dagen ut?'] }),
    run: (ctx, s) =>
      addGuideVersion(ctx, {
        project: s.p,
        version: '2',
        from: '2021-03-01',
        questions: ['Hur ser dagen ut?', 'Hur beskriver media området?'],
      }),
    objectIds: (_s, r) => [r.id],
  },
  {
    name: 'setInterview (date, length, interviewers, guide version)',
    action: 'interview.set',
    setup: (ctx, s) => addGuideVersion(ctx, { project: s.p, version: '1', from: '2021-02-01', questions: ['Hur ser dagen ut?'] }),
    run: (ctx, s) =>
      setInterview(ctx, {
        project: s.p,
        source: s.source,
        heldOn: '2021-03-04',
        length: '45:30',
        interviewers: ['Yaman', 'Zozan'],
        guideVersion: '1',
      }),
    objectIds: async (s, _r, ctx) => [
      s.source,
      (await ctx.store.db.selectFrom('interviews').select('id').executeTakeFirstOrThrow()).id,
    ],
  },
  {
    name: 'confirmQuestionPlace',
    action: 'guide.confirm-place',
    setup: (ctx, s) => addGuideVersion(ctx, { project: s.p, version: '1', from: '2021-02-01', questions: ['Hur ser dagen ut?'] }),
    run: async (ctx, s) => {
      const question = await ctx.store.db.selectFrom('guide_questions').select('id').executeTakeFirstOrThrow();
      return confirmQuestionPlace(ctx, { project: s.p, source: s.source, question: question.id, turn: s.turns[0]?.id ?? null });
    },
    objectIds: (s, r) => [s.source, r.question, r.turn],
  },
  {
    name: 'planTranscription',
    action: 'transcription.plan',
    setup: (ctx, s) => setInterview(ctx, { project: s.p, source: s.source, length: '45:30' }),
    run: (ctx, s) => planTranscription(ctx, { project: s.p, transcribers: [{ name: 'Yaman' }, { name: 'Zozan', share: 2 }] }),
    objectIds: async (_s, _r, ctx) => [
      (await ctx.store.db.selectFrom('transcription_plans').select('id').executeTakeFirstOrThrow()).id,
    ],
  },
  {
    name: 'markTranscriptionDone',
    action: 'transcription.mark-done',
    setup: async (ctx, s) => {
      await setInterview(ctx, { project: s.p, source: s.source, length: '45:30' });
      await planTranscription(ctx, { project: s.p, transcribers: [{ name: 'Yaman' }] });
    },
    run: (ctx, s) => markTranscriptionDone(ctx, { project: s.p, source: s.source, transcriber: 'Yaman' }),
    objectIds: async (_s, _r, ctx) => [
      (await ctx.store.db.selectFrom('transcription_parts').select('id').executeTakeFirstOrThrow()).id,
    ],
  },
  {
    name: 'addPseudonym',
    action: 'pseudonym.add',
    run: (ctx, s) =>
      addPseudonym({ ...ctx, pseudonymSecret: 'hemlig nyckel' }, { project: s.p, real: 'Kristin', fictive: 'Lena' }),
    objectIds: (_s, r) => [r.id],
  },
  {
    name: 'addSet (by hand)',
    action: 'set.add',
    run: (ctx, s) => addSet(ctx, { project: s.p, kind: 'case', name: 'Båda', members: ['Albin', 'Kristin'] }),
    objectIds: (_s, r) => [r.id],
  },
  {
    name: 'editSet (renamed, a member out)',
    action: 'set.edit',
    setup: (ctx, s) => addSet(ctx, { project: s.p, kind: 'case', name: 'Båda', members: ['Albin', 'Kristin'] }),
    run: (ctx, s) => editSet(ctx, { project: s.p, set: 'Båda', name: 'Albin ensam', remove: ['Kristin'] }),
    objectIds: (_s, r) => [r.id],
  },
  {
    name: 'decideSuggestion (accepted into the suggestions layer)',
    action: 'suggestion.decide',
    run: (ctx, s) =>
      decideSuggestion(ctx, {
        project: s.p,
        code: 'plan',
        source: s.source,
        ...spanOf(s.text, QUOTES.kristin),
        decision: 'accept',
        method: 'bm25',
        parameters: { k1: 1.2, b: 0.75 },
        words: ['tidsbrist'],
        score: 2.5,
      }),
    objectIds: (s, r) => [r.id, s.source, s.codes.plan, r.segmentId],
  },
  {
    name: 'deleteSet (with its members)',
    action: 'set.delete',
    setup: (ctx, s) => addSet(ctx, { project: s.p, kind: 'source', name: 'Grupp', members: [s.source] }),
    run: (ctx, s) => deleteSet(ctx, { project: s.p, set: 'Grupp' }),
    objectIds: (_s, r) => [r.id],
  },
  {
    name: 'importRefi (a codebook into the project)',
    action: 'codebook.import-refi',
    run: (ctx, s) => importRefi(ctx, { fileName: 'kodbok.qdc', bytes: utf8(CODEBOOK), project: s.p }),
    objectIds: async (s, _r, ctx) => {
      const known = new Set(Object.values(s.codes));
      const rows = await ctx.store.db.selectFrom('codes').select('id').where('project_id', '=', s.p).orderBy('id').execute();
      return rows.map((r) => r.id).filter((id) => !known.has(id));
    },
  },
];

/** A REFI-QDA codebook of two codes, one under the other. */
const CODEBOOK = `<?xml version="1.0" encoding="UTF-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="test"><Codes>
<Code guid="5a0e4c1e-0000-4000-8000-000000000001" name="Möjligheter" isCodable="true" color="#2E8B57">
<Code guid="5a0e4c1e-0000-4000-8000-000000000002" name="samverkan" isCodable="true" color="#3CB371"/>
</Code></Codes></CodeBook>`;

async function coderId(ctx: CommandContext, s: Study, name: string): Promise<string> {
  const row = await ctx.store.db
    .selectFrom('coders')
    .select('id')
    .where('project_id', '=', s.p)
    .where('name', '=', name)
    .executeTakeFirstOrThrow();
  return row.id;
}

async function projectId(ctx: CommandContext, name: string): Promise<string> {
  return (await ctx.store.db.selectFrom('projects').select('id').where('name', '=', name).executeTakeFirstOrThrow()).id;
}
