import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCase } from '../../src/commands/addCase.js';
import { createProject } from '../../src/commands/createProject.js';
import { getSource } from '../../src/commands/getSource.js';
import { listSources } from '../../src/commands/listSources.js';
import { hasChromium, launchBrowser, newPage, SKIP_REASON, startServer, transcriptFileField } from './browser.js';

// A diarized group interview as WhisperX writes it.
const segment = (start: number, speaker: string, text: string) => ({ start, end: start + 2, text: ` ${text}`, speaker });
const WHISPERX = JSON.stringify({
  segments: [
    segment(0, 'SPEAKER_00', 'Hur började det?'),
    segment(3, 'SPEAKER_01', 'Med en plan.'),
    segment(6, 'SPEAKER_02', 'Och ett team.'),
  ],
  language: 'sv',
});

let browser: Browser;

describe.skipIf(!hasChromium)('the import dialog maps speakers to cases', () => {
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('asks who each speaker of a group interview is and links their turns on import', async () => {
    const server = await startServer(async (ctx) => {
      await createProject(ctx, { name: 'Studie' });
      await addCase(ctx, { project: 'Studie', name: 'Albin' });
    });
    const { page } = await newPage(browser);
    try {
      await page.goto(server.url);
      await page.getByRole('link', { name: 'Studie' }).click();
      const file = join(server.dir, 'grupp.json');
      writeFileSync(file, WHISPERX);
      await transcriptFileField(page).setInputFiles(file);
      const speakers = page.getByRole('group', { name: 'Speakers in the file: who is each?' });
      await speakers.getByLabel('SPEAKER_01 (1 turn)').selectOption({ label: 'Albin' });
      await speakers.getByLabel('SPEAKER_02 (1 turn)').selectOption({ label: 'New case…' });
      await speakers.getByLabel('Name of the new case for SPEAKER_02').fill('Kristin');
      await page.getByRole('button', { name: 'Import', exact: true }).click();
      await page.getByRole('link', { name: 'grupp' }).waitFor();

      const [source] = await listSources(server.ctx, { project: 'Studie' });
      const turns = (await getSource(server.ctx, { project: 'Studie', source: source?.id ?? '' })).turns;
      expect(turns.map((t) => [t.speaker, t.case])).toEqual([
        ['SPEAKER_00', null],
        ['SPEAKER_01', 'Albin'],
        ['SPEAKER_02', 'Kristin'],
      ]);
      // The choices go with the file imported: the next file starts with none.
      await expect(speakers.count()).resolves.toBe(0);
      expect((page as typeof page & { errors: string[] }).errors).toEqual([]);
    } finally {
      await page.context().close();
      await server.close();
    }
  });
});

if (!hasChromium) describe('the import dialog maps speakers to cases', () => it.skip(SKIP_REASON, () => {}));
