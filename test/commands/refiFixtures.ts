import { Document, Packer, Paragraph } from 'docx';
import type { Kysely } from 'kysely';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { applyCoding } from '../../src/commands/applyCoding.js';
import { defineAttribute } from '../../src/commands/defineAttribute.js';
import { getSource } from '../../src/commands/getSource.js';
import type { CommandContext } from '../../src/commands/helpers/context.js';
import { importSource } from '../../src/commands/importSource.js';
import { linkTurnsToCase } from '../../src/commands/linkTurnsToCase.js';
import { setCaseAttributes } from '../../src/commands/setCaseAttributes.js';
import { writeMemo } from '../../src/commands/writeMemo.js';
import type { Store } from '../../src/store/db.js';
import { utf8 } from '../helpers.js';
import { spanOf, studyFixture } from './fixtures.js';

/** Notes in Markdown, written decomposed (NFD é) with a combining mark that has no precomposed form. */
export const NOTES_MD = '# Anteckningar\r\n\r\nCafe\u0301et vid torget: q\u0307 👩🏽‍🔬 *möte* ✓\r\n';

/**
 * The study fixture (group interview with emoji, codebook tree, memos everywhere) and more that
 * REFI-QDA has to carry: Kristin's turns linked to her case, a Markdown source with combining
 * marks coded by a second coder, date and boolean attributes, a project memo.
 */
export async function refiStudy(ctx: CommandContext) {
  const study = await studyFixture(ctx);
  const p = study.p;
  await linkTurnsToCase(ctx, { project: p, source: study.source, speaker: 'Kristin', case: 'Kristin' });
  await defineAttribute(ctx, { project: p, name: 'intervjudag', type: 'date' });
  await defineAttribute(ctx, { project: p, name: 'chef', type: 'boolean' });
  await setCaseAttributes(ctx, { project: p, case: 'Albin', attributes: { intervjudag: '2019-03-14', chef: 'ja' } });
  const notes = await importSource(ctx, { project: p, fileName: 'anteckningar.md', bytes: utf8(NOTES_MD), case: 'Kristin' });
  const { text } = await getSource(ctx, { project: p, source: notes.id });
  const bertil = { ...ctx, actor: 'bertil' };
  const cafe = await applyCoding(bertil, {
    project: p,
    source: notes.id,
    code: 'plan',
    ...spanOf(text, 'Caféet vid torget: q\u0307 👩🏽‍🔬'),
    memo: 'kombinerande tecken',
  });
  await applyCoding(bertil, { project: p, source: notes.id, code: 'media', ...spanOf(text, '👩🏽‍🔬') });
  await writeMemo(ctx, { project: p, title: 'Om studien', body: 'Åtta intervjuer.\nTvå skikt.' });
  const docx = new Uint8Array(
    await Packer.toBuffer(
      new Document({ sections: [{ children: [new Paragraph('I: Och mötesplatsen?'), new Paragraph('IP: Den är viktig.')] }] }),
    ),
  );
  const meeting = await importSource(ctx, { project: p, fileName: 'möte.docx', bytes: docx });
  const meetingText = (await getSource(ctx, { project: p, source: meeting.id })).text;
  await applyCoding(ctx, { project: p, source: meeting.id, code: 'plan', ...spanOf(meetingText, 'Den är viktig.') });
  const pdfDoc = await PDFDocument.create();
  const font = await pdfDoc.embedFont(StandardFonts.Helvetica);
  pdfDoc.addPage().drawText('Stadsdelsplan 2019: fokus på trygghet.', { x: 50, y: 700, font, size: 12 });
  const pdf = await pdfDoc.save();
  const plan = await importSource(ctx, { project: p, fileName: 'plan.pdf', bytes: pdf });
  const planText = (await getSource(ctx, { project: p, source: plan.id })).text;
  await applyCoding(ctx, { project: p, source: plan.id, code: 'Strategier', ...spanOf(planText, 'trygghet') });
  return { ...study, notes: notes.id, notesText: text, cafe: cafe.id, meeting: meeting.id, docx, pdf: plan.id, pdfBytes: pdf };
}

/**
 * A project as data, up to order and timestamps: what must survive export → import. Ids are
 * compared as they are (an import into a fresh store keeps them); turns by position (Koda finds
 * them again on import), except the ones a case speaks, whose id travels as a selection's GUID.
 */
export async function projectPicture(store: Store, projectId: string) {
  const db = store.db as unknown as Kysely<any>;
  const byId = (rows: Record<string, unknown>[]) => rows.sort((a, b) => String(a.id).localeCompare(String(b.id)));
  const project = await db
    .selectFrom('projects')
    .select(['name', 'language', 'description'])
    .where('id', '=', projectId)
    .executeTakeFirst();
  const sources = byId(
    await db
      .selectFrom('sources')
      .select(['id', 'name', 'kind', 'case_id', 'text', 'text_length', 'text_hash', 'original_hash', 'original_media_type'])
      .where('project_id', '=', projectId)
      .execute(),
  );
  const sourceIds = sources.map((s) => s.id as string);
  const turns = sourceIds.length
    ? await db
        .selectFrom('turns')
        .selectAll()
        .where('source_id', 'in', sourceIds)
        .orderBy('source_id')
        .orderBy('position')
        .execute()
    : [];
  const turnPosition = new Map(turns.map((t) => [t.id, `${t.source_id}#${t.position}`]));
  const caseIds = (await db.selectFrom('cases').select('id').where('project_id', '=', projectId).execute()).map((c) => c.id);
  return {
    project,
    coders: byId(await db.selectFrom('coders').select(['id', 'name', 'kind']).where('project_id', '=', projectId).execute()),
    codes: byId(
      await db
        .selectFrom('codes')
        .select(['id', 'parent_id', 'position', 'name', 'color', 'description'])
        .where('project_id', '=', projectId)
        .execute(),
    ),
    attributes: byId(
      await db
        .selectFrom('attributes')
        .select(['id', 'name', 'type', 'choices', 'position'])
        .where('project_id', '=', projectId)
        .execute(),
    ),
    cases: byId(await db.selectFrom('cases').select(['id', 'name', 'description']).where('project_id', '=', projectId).execute()),
    values: caseIds.length
      ? (
          await db
            .selectFrom('attribute_values')
            .select(['case_id', 'attribute_id', 'value'])
            .where('case_id', 'in', caseIds)
            .execute()
        ).sort((a, b) => `${a.case_id}${a.attribute_id}`.localeCompare(`${b.case_id}${b.attribute_id}`))
      : [],
    sources,
    turns: turns.map((t) => ({
      ...(t.case_id ? { id: t.id } : {}),
      at: `${t.source_id}#${t.position}`,
      start: t.start_offset,
      end: t.end_offset,
      speaker: t.speaker,
      case: t.case_id,
      ms: [t.start_ms, t.end_ms],
    })),
    segments: byId(
      (
        await db
          .selectFrom('segments')
          .select([
            'id',
            'source_id',
            'code_id',
            'coder_id',
            'start_offset',
            'end_offset',
            'turn_id',
            'memo',
            'exact',
            'prefix',
            'suffix',
          ])
          .where('project_id', '=', projectId)
          .execute()
      ).map(({ turn_id, ...s }) => ({ ...s, turn: turn_id ? turnPosition.get(turn_id) : null })),
    ),
    memos: byId(
      await db
        .selectFrom('memos')
        .select(['id', 'target_kind', 'target_id', 'title', 'body'])
        .where('project_id', '=', projectId)
        .execute(),
    ),
  };
}
