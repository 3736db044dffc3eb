import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addCase } from '../../src/commands/addCase.js';
import { createProject } from '../../src/commands/createProject.js';
import { getSource } from '../../src/commands/getSource.js';
import { undo } from '../../src/commands/history.js';
import { importSource } from '../../src/commands/importSource.js';
import { listCases } from '../../src/commands/listCases.js';
import { previewSource } from '../../src/commands/previewSource.js';
import { rowCounts, tempContext, utf8 } from '../helpers.js';

// A diarized group interview as WhisperX writes it (segments with speakers; words left out).
const segment = (start: number, speaker: string, text: string) => ({ start, end: start + 2, text: ` ${text}`, speaker });
const groupInterview = utf8(
  JSON.stringify({
    segments: [
      segment(0, 'SPEAKER_00', 'Hur började det?'),
      segment(3, 'SPEAKER_01', 'Med en plan.'),
      segment(6, 'SPEAKER_02', 'Och ett team.'),
      segment(9, 'SPEAKER_01', 'Som höll ihop.'),
    ],
    language: 'sv',
  }),
);

let env: Awaited<ReturnType<typeof tempContext>>;
beforeEach(async () => {
  env = await tempContext();
  await createProject(env.ctx, { name: 'P' });
  await addCase(env.ctx, { project: 'P', name: 'Albin' });
});
afterEach(() => env.cleanup());

const importGroup = (speakers: { speaker: string; case: string }[]) =>
  importSource(env.ctx, { project: 'P', fileName: 'grupp.json', bytes: groupInterview, speakers });

describe('speakers to cases at import', () => {
  it('links each mapped speaker’s turns to an existing case or a new one, in the one undoable import', async () => {
    const albin = (await listCases(env.ctx, { project: 'P' })).cases.find((c) => c.name === 'Albin')?.id;
    const result = await importGroup([
      { speaker: 'SPEAKER_01', case: albin ?? '' },
      { speaker: 'SPEAKER_02', case: 'Kristin' },
    ]);
    expect(result.speakers).toEqual([
      { speaker: 'SPEAKER_01', case: 'Albin', created: false },
      { speaker: 'SPEAKER_02', case: 'Kristin', created: true },
    ]);
    const source = await getSource(env.ctx, { project: 'P', source: result.id });
    expect(source.turns.map((t) => [t.speaker, t.case])).toEqual([
      ['SPEAKER_00', null],
      ['SPEAKER_01', 'Albin'],
      ['SPEAKER_02', 'Kristin'],
      ['SPEAKER_01', 'Albin'],
    ]);
    const audit = await env.store.db.selectFrom('audit_events').selectAll().where('action', '=', 'source.import').execute();
    expect(JSON.stringify(audit)).not.toMatch(/Kristin|Albin|SPEAKER/);

    await undo(env.ctx, { project: 'P' });
    expect((await listCases(env.ctx, { project: 'P' })).cases.map((c) => c.name)).toEqual(['Albin']);
  });

  it('refuses a speaker the file does not have, or one mapped twice, naming the speakers and writing nothing', async () => {
    const before = await rowCounts(env.store);
    await expect(importGroup([{ speaker: 'SPEAKER_07', case: 'Kristin' }])).rejects.toMatchObject({
      code: 'import.speaker-unknown',
      params: { file: 'grupp.json', speaker: 'SPEAKER_07', speakers: 'SPEAKER_00, SPEAKER_01, SPEAKER_02' },
    });
    await expect(
      importGroup([
        { speaker: 'SPEAKER_01', case: 'Albin' },
        { speaker: 'SPEAKER_01', case: 'Kristin' },
      ]),
    ).rejects.toMatchObject({ code: 'import.speaker-twice' });
    expect(await rowCounts(env.store)).toEqual(before);
  });

  it('previews a file’s speakers with their turns, writing nothing', async () => {
    const before = await rowCounts(env.store);
    expect(await previewSource(env.ctx, { project: 'P', fileName: 'grupp.json', bytes: groupInterview })).toEqual({
      kind: 'whisperx',
      turns: 4,
      speakers: [
        { speaker: 'SPEAKER_00', turns: 1 },
        { speaker: 'SPEAKER_01', turns: 2 },
        { speaker: 'SPEAKER_02', turns: 1 },
      ],
    });
    expect(await rowCounts(env.store)).toEqual(before);
  });
});
