import { z } from 'zod';
import { tableXlsx } from '../formats/tableExport.js';
import { type Language, translator } from '../i18n/index.js';
import type { CommandContext } from './helpers/context.js';
import { writtenInSlices } from './helpers/fileContent.js';
import { interviewLog } from './helpers/interviewLog.js';
import { interviewTable } from './helpers/interviewTable.js';
import { resolveProject } from './helpers/resolve.js';
import { slug } from './helpers/slug.js';
import { parseInput } from './helpers/validate.js';

export const Input = z.object({ project: z.string() });

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The interview log as a spreadsheet (xlsx): one row per interview, lengths in minutes, labels in the project's language. */
export async function exportInterviewLog(ctx: CommandContext, input: z.input<typeof Input>) {
  const args = parseInput(Input, input);
  const project = await resolveProject(ctx.store.db, args.project);
  const language: Language = project.language === 'en' ? 'en' : 'sv';
  const t = translator(language);
  const log = await interviewLog(ctx.store.db, project.id);
  const table = interviewTable(log, t);
  const bytes = await writtenInSlices(
    tableXlsx({
      sheet: t('guide|log-sheet'),
      ...table,
      about: {
        sheet: t('report|about-sheet'),
        lines: [
          [t('report|about|project'), project.name],
          [t('guide|about-length'), t('guide|about-length-text')],
          [t('report|about|date'), new Date().toISOString().slice(0, 10)],
        ],
      },
    }),
  );
  return { fileName: `${slug(project.name)}-${t('guide|log-file')}.xlsx`, mediaType: XLSX, bytes, interviews: log.length };
}
