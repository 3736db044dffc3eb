import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addGuideVersion } from '../../src/commands/addGuideVersion.js';
import { buildReport } from '../../src/commands/buildReport.js';
import { confirmQuestionPlace } from '../../src/commands/confirmQuestionPlace.js';
import { createProject } from '../../src/commands/createProject.js';
import { deleteSource } from '../../src/commands/deleteSource.js';
import { exportInterviewLog } from '../../src/commands/exportInterviewLog.js';
import { getSource } from '../../src/commands/getSource.js';
import { importSource } from '../../src/commands/importSource.js';
import { listGuide } from '../../src/commands/listGuide.js';
import { listInterviews } from '../../src/commands/listInterviews.js';
import { locateGuideQuestions } from '../../src/commands/locateGuideQuestions.js';
import { recordConsent } from '../../src/commands/recordConsent.js';
import { markTranscriptVerified } from '../../src/commands/retention.js';
import { setBlindMode } from '../../src/commands/setBlindMode.js';
import { setInterview } from '../../src/commands/setInterview.js';
import { newId, nowIso } from '../../src/store/ids.js';
import { tempContext, utf8 } from '../helpers.js';
import { expectRefused } from './fixtures.js';

let env: Awaited<ReturnType<typeof tempContext>>;

const V1 = ['Kan du presentera dig själv?', 'Vilka strategier använder verksamheten mot boendesegregation?'];
// Version 2 adds the media question half-way, as the thesis' guide did.
const V2 = [V1[0] as string, 'Hur ser du på mediernas påverkan på området?', V1[1] as string];

const interview = (answer: string, media: boolean) =>
  [
    'I: Välkommen. Kan du presentera dig själv?',
    `Malin: ${answer}`,
    ...(media ? ['I: Hur ser du på mediernas påverkan?', 'Malin: Media stämplar området.'] : []),
    'I: Vilka strategier använder ni i verksamheten mot boendesegregationen?',
    'Malin: Mötesplatser.',
  ].join('\n\n');

beforeEach(async () => {
  env = await tempContext();
  await createProject(env.ctx, { name: 'Omega', language: 'sv' });
  await addGuideVersion(env.ctx, { project: 'Omega', version: '1', from: '2021-02-01', questions: V1 });
  await addGuideVersion(env.ctx, {
    project: 'Omega',
    version: '2',
    from: '2021-03-01',
    questionList: V2.map((q) => `● ${q}`).join('\n'),
  });
  await importSource(env.ctx, {
    project: 'Omega',
    fileName: 'tidig.txt',
    bytes: utf8(interview('Jag är Malin.', false)),
    newCase: 'Malin',
  });
  await importSource(env.ctx, {
    project: 'Omega',
    fileName: 'sen.txt',
    bytes: utf8(interview('Jag är Elin.', true)),
    newCase: 'Elin',
  });
});
afterEach(() => env.cleanup());

describe('the interview guide', () => {
  it('keeps versions in order, one question row for a question both versions have', async () => {
    const { versions } = await listGuide(env.ctx, { project: 'Omega' });
    expect(versions.map((v) => [v.name, v.effectiveFrom, v.questions.map((q) => q.text)])).toEqual([
      ['1', '2021-02-01', V1],
      ['2', '2021-03-01', V2],
    ]);
    const [v1, v2] = versions;
    expect(v2?.questions[0]?.id).toBe(v1?.questions[0]?.id);
    expect(v2?.questions[2]?.id).toBe(v1?.questions[1]?.id);
    expect(await env.store.db.selectFrom('guide_questions').select('id').execute()).toHaveLength(3);
  });

  it('refuses a taken version name, a bad date, a question twice and no questions, changing nothing', async () => {
    const add = (input: Partial<Parameters<typeof addGuideVersion>[1]>) => () =>
      addGuideVersion(env.ctx, { project: 'Omega', version: '3', from: '2021-04-01', questions: ['Ny fråga?'], ...input });
    await expectRefused(env.store, add({ version: '2' }), 'guide.version-exists');
    await expectRefused(env.store, add({ from: '2021-04-31' }), 'interview.date');
    await expectRefused(env.store, add({ questions: ['Ny  fråga?', 'Ny fråga?'] }), 'guide.question-twice');
    await expectRefused(env.store, add({ questions: [], questionList: '\n\n' }), 'guide.no-questions');
  });

  it('places the questions of the version an interview used: logged, else by its date', async () => {
    await setInterview(env.ctx, { project: 'Omega', source: 'tidig', heldOn: '2021-02-15' });
    const early = await locateGuideQuestions(env.ctx, { project: 'Omega', source: 'tidig' });
    expect(early.version).toMatchObject({ name: '1', logged: false });
    const { turns } = await getSource(env.ctx, { project: 'Omega', source: 'tidig' });
    expect(early.questions.map((q) => [q.asked, q.turn?.id])).toEqual([
      [true, turns[0]?.id],
      [true, turns[2]?.id],
    ]);

    const late = await locateGuideQuestions(env.ctx, { project: 'Omega', source: 'sen' });
    expect(late.version).toMatchObject({ name: '2' });
    expect(late.questions.map((q) => q.asked)).toEqual([true, true, true]);

    // Logged as version 2, the early interview lacks the media question.
    await setInterview(env.ctx, { project: 'Omega', source: 'tidig', guideVersion: '2' });
    const logged = await locateGuideQuestions(env.ctx, { project: 'Omega', source: 'tidig' });
    expect(logged.version).toMatchObject({ name: '2', logged: true });
    expect(logged.questions.map((q) => q.asked)).toEqual([true, false, true]);
  });

  it('keeps a confirmed place over the located one until it is taken back, and refuses another source’s turn', async () => {
    const { questions } = await locateGuideQuestions(env.ctx, { project: 'Omega', source: 'sen' });
    const media = questions[1];
    const { turns } = await getSource(env.ctx, { project: 'Omega', source: 'sen' });
    const other = await getSource(env.ctx, { project: 'Omega', source: 'tidig' });
    await confirmQuestionPlace(env.ctx, {
      project: 'Omega',
      source: 'sen',
      question: media?.id as string,
      turn: turns[1]?.id as string,
    });
    const confirmed = (await locateGuideQuestions(env.ctx, { project: 'Omega', source: 'sen' })).questions[1];
    expect(confirmed).toMatchObject({ asked: true, confirmed: true, confirmedBy: 'tester', turn: { id: turns[1]?.id } });
    // While blind, another coder sees the confirmation but not who made it.
    await setBlindMode(env.ctx, { project: 'Omega', blind: true });
    const seenByBo = (await locateGuideQuestions({ ...env.ctx, actor: 'bo' }, { project: 'Omega', source: 'sen' })).questions[1];
    expect(seenByBo).toMatchObject({ confirmed: true, confirmedBy: null, turn: { id: turns[1]?.id } });

    await expectRefused(
      env.store,
      () =>
        confirmQuestionPlace(env.ctx, {
          project: 'Omega',
          source: 'sen',
          question: media?.id as string,
          turn: other.turns[0]?.id as string,
        }),
      'guide.turn-not-found',
    );
    await confirmQuestionPlace(env.ctx, { project: 'Omega', source: 'sen', question: media?.id as string, turn: null });
    expect((await locateGuideQuestions(env.ctx, { project: 'Omega', source: 'sen' })).questions[1]).toMatchObject({
      confirmed: false,
      confirmedBy: null,
      turn: { id: media?.turn?.id },
    });
  });
});

describe('the interview log', () => {
  it('lists each interview with its logged facts, consent, verification and the recording’s length over a typed one', async () => {
    await setInterview(env.ctx, {
      project: 'Omega',
      source: 'sen',
      heldOn: '2021-03-04',
      place: 'Arbetsplatsen',
      length: '45:30',
      interviewers: ['Yaman', 'Zozan'],
      transcriber: 'Zozan',
    });
    await setInterview(env.ctx, { project: 'Omega', source: 'tidig', heldOn: '2021-02-15', length: '30' });
    await recordConsent(env.ctx, { project: 'Omega', case: 'Elin', letterVersion: 'Bilaga 1', consentedOn: '2021-03-01' });
    await markTranscriptVerified(env.ctx, { project: 'Omega', source: 'sen' });
    const { id: tidig } = await getSource(env.ctx, { project: 'Omega', source: 'tidig' });
    await attachRecordingRow(tidig, 1_834_000);

    const { interviews } = await listInterviews(env.ctx, { project: 'Omega' });
    expect(interviews.map((i) => i.source.name)).toEqual(['tidig', 'sen']);
    const [early, late] = interviews;
    expect(early).toMatchObject({ length: { ms: 1_834_000, from: 'recording' }, consent: null, verifiedAt: null });
    expect(late).toMatchObject({
      case: { name: 'Elin' },
      heldOn: '2021-03-04',
      place: 'Arbetsplatsen',
      length: { ms: 2_730_000, from: 'typed' },
      interviewers: ['Yaman', 'Zozan'],
      guideVersion: { name: '2', logged: false },
      consent: { consentedOn: '2021-03-01', letterVersion: 'Bilaga 1' },
      transcriber: 'Zozan',
      verifiedAt: expect.any(String),
    });

    // A field left out stays; an empty one clears.
    await setInterview(env.ctx, { project: 'Omega', source: 'sen', place: '' });
    expect((await listInterviews(env.ctx, { project: 'Omega' })).interviews[1]).toMatchObject({
      place: '',
      transcriber: 'Zozan',
    });
  });

  it('refuses a bad length, date or guide version, changing nothing', async () => {
    const set = (input: Partial<Parameters<typeof setInterview>[1]>) => () =>
      setInterview(env.ctx, { project: 'Omega', source: 'sen', ...input });
    await expectRefused(env.store, set({ length: '45 minuter' }), 'interview.length');
    await expectRefused(env.store, set({ heldOn: '4 mars' }), 'interview.date');
    await expectRefused(env.store, set({ guideVersion: '9' }), 'guide.version-not-found');
  });

  it('goes with its source when the source is deleted', async () => {
    await setInterview(env.ctx, { project: 'Omega', source: 'sen', place: 'Arbetsplatsen' });
    const { questions } = await locateGuideQuestions(env.ctx, { project: 'Omega', source: 'sen' });
    await confirmQuestionPlace(env.ctx, {
      project: 'Omega',
      source: 'sen',
      question: questions[0]?.id as string,
      turn: questions[0]?.turn?.id as string,
    });
    await deleteSource(env.ctx, { project: 'Omega', source: 'sen' });
    expect(await env.store.db.selectFrom('interviews').select('id').execute()).toEqual([]);
    expect(await env.store.db.selectFrom('question_places').select('id').execute()).toEqual([]);
  });

  it('is exported as xlsx and rendered in the report with how many interviews asked each question', async () => {
    await setInterview(env.ctx, {
      project: 'Omega',
      source: 'sen',
      heldOn: '2021-03-04',
      length: '45:30',
      interviewers: ['Yaman'],
    });
    const xlsx = await exportInterviewLog(env.ctx, { project: 'Omega' });
    expect(xlsx.fileName).toBe('omega-intervjulogg.xlsx');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(xlsx.bytes) as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('Intervjuer');
    expect(sheet?.getRow(1).getCell(4).value).toBe('Längd (min)');
    expect(sheet?.getRow(2).values).toEqual([
      undefined,
      'sen',
      'Elin',
      '2021-03-04',
      46,
      // An empty value is an empty cell, not a cell holding the empty text.
      undefined,
      'Yaman',
      '2 (efter datum)',
      'saknas',
      undefined,
      'nej',
    ]);

    const report = await buildReport(env.ctx, { project: 'Omega', format: 'md', charts: false });
    const text = new TextDecoder().decode(report.bytes);
    expect(text).toContain('## Metod');
    expect(text).toContain('*Tabell 2. De 2 intervjuerna: datum, längd, intervjuare och transkriptens status.*');
    expect(text).toContain('*Tabell 3. Intervjuguidens frågor');
    expect(text).toContain('| sen | Elin | 2021-03-04 | 46 |');
    expect(text).toContain('| 2 | Hur ser du på mediernas påverkan på området? | 2 | i 1 av 2 intervjuer |');
    expect(text).toContain('| 1 | Kan du presentera dig själv? | 1, 2 | i 2 av 2 intervjuer |');
    const html = new TextDecoder().decode(
      (await buildReport(env.ctx, { project: 'Omega', format: 'html', charts: false })).bytes,
    );
    expect(html).toContain('<h2>Metod</h2>');
    expect(html).toContain('<td>Hur ser du på mediernas påverkan på området?</td><td>2</td><td>i 1 av 2 intervjuer</td>');
    const docx = unzipSync((await buildReport(env.ctx, { project: 'Omega', format: 'docx', charts: false })).bytes);
    const body = strFromU8(docx['word/document.xml'] as Uint8Array);
    expect(body).toContain('>Metod<');
    expect(body).toContain('>i 1 av 2 intervjuer<');
    // Without the cases table (Tabell 1) the method section's tables are numbered from 1.
    const noCases = await buildReport(env.ctx, { project: 'Omega', format: 'md', charts: false, casesTable: false });
    expect(new TextDecoder().decode(noCases.bytes)).toContain('*Tabell 1. De 2 intervjuerna');
    const without = await buildReport(env.ctx, { project: 'Omega', format: 'md', charts: false, methods: false });
    expect(new TextDecoder().decode(without.bytes)).not.toContain('## Metod');
  });
});

/** A recording's row as engineer B's attachRecording stores it (no chunks needed to read its length). */
async function attachRecordingRow(sourceId: string, durationMs: number) {
  const project = await env.store.db.selectFrom('projects').select('id').executeTakeFirstOrThrow();
  await env.store.db
    .insertInto('recordings')
    .values({
      id: newId(),
      project_id: project.id,
      source_id: sourceId,
      file_name: 'tidig.wav',
      media_type: 'audio/wav',
      size_bytes: 10,
      duration_ms: durationMs,
      sha256: '0'.repeat(64),
      created_at: nowIso(),
    })
    .execute();
}
