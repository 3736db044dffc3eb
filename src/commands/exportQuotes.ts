import { z } from 'zod';
import { invalid } from '../core/errors.js';
import { type Quote, type QuoteTable, quotesCsv, quotesXlsx } from '../formats/quoteList.js';
import { quotesDocx } from '../formats/quotesDocx.js';
import { type Language, messageTemplate, type Translate, translator } from '../i18n/index.js';
import { AnalysisFilter, type FilterDescription, resolveFilter } from './helpers/analysisFilter.js';
import { type CommandContext, runCommand } from './helpers/context.js';
import { withContent, writtenInSlices } from './helpers/fileContent.js';
import { queryQuotes, smartCodeQuotes } from './helpers/queryQuotes.js';
import { cellQuotes, codeQuotes, type Gathered, MatrixCell } from './helpers/quotes.js';
import { resolveProject } from './helpers/resolve.js';
import { slug } from './helpers/slug.js';
import { parseInput } from './helpers/validate.js';

export const QUOTE_FORMATS = ['docx', 'xlsx', 'csv'] as const;

export const Input = z.object({
  project: z.string(),
  /** A code, category or theme (by id, name or path). */
  code: z.string().optional(),
  /** With `code`: its branch's quotes too, as retrieval lists them (on unless turned off). */
  includeDescendants: z.boolean().default(true),
  /** A coding query (core/codingQuery), with its own filter if any; `filter` narrows it. */
  query: z.object({ expression: z.string(), filter: AnalysisFilter.optional() }).optional(),
  /** A smart code (by id or name): its passages now. */
  smartCode: z.string().optional(),
  cell: MatrixCell.optional(),
  /** Which of the quotes count (analysisFilter.ts). */
  filter: AnalysisFilter.optional(),
  format: z.enum(QUOTE_FORMATS).default('docx'),
});

const MEDIA_TYPES = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
} as const;

/**
 * The quotes of a code, a coding query, a smart code or a matrix cell (exactly one is named), as
 * a Word document (one block per quote with its attribution), a spreadsheet or csv (a row per
 * quote): source, case, speaker, coder, code(s), the text, its memo and its place. In reading
 * order; in blind mode only the layers the acting coder may see. Audited: participants' words
 * leave Koda.
 */
export async function exportQuotes(ctx: CommandContext, input: z.input<typeof Input>) {
  const args = parseInput(Input, input);
  const project = await resolveProject(ctx.store.db, args.project);
  const filter = args.filter ?? {};
  const asked = [args.code, args.query, args.smartCode, args.cell].filter((x) => x !== undefined).length;
  if (asked !== 1) throw invalid('quotes.what', {});
  const gathered: Gathered = args.code
    ? await codeQuotes(ctx, project, { code: args.code, includeDescendants: args.includeDescendants, filter })
    : args.query
      ? await queryQuotes(ctx, project, { ...args.query, narrowing: filter })
      : args.smartCode
        ? await smartCodeQuotes(ctx, project, { smartCode: args.smartCode, filter })
        : await cellQuotes(ctx, project, { cell: args.cell as MatrixCell, filter });
  const language: Language = project.language === 'en' ? 'en' : 'sv';
  const t = translator(language);
  const described = (await resolveFilter(ctx.store.db, project.id, filter)).described;
  const about = aboutLines(t, project.name, gathered.of, filterText(t, described));
  const file = await render(args.format, language, t, gathered.quotes, { title: t('quotes|title', { of: gathered.of }), about });
  await runCommand(ctx, { action: 'quotes.export', projectId: project.id }, async () => ({
    result: undefined,
    objectIds: [project.id, ...gathered.objectIds],
    details: { format: args.format, quotes: gathered.quotes.length },
  }));
  return withContent(file, {
    format: args.format,
    fileName: `${slug(project.name)}-${t('quotes|file')}-${slug(gathered.of)}.${args.format}`,
    mediaType: MEDIA_TYPES[args.format],
    quotes: gathered.quotes.length,
  });
}

async function render(
  format: (typeof QUOTE_FORMATS)[number],
  language: Language,
  t: Translate,
  quotes: Quote[],
  head: { title: string; about: [string, string][] },
): Promise<Uint8Array | Iterable<string>> {
  if (format === 'docx')
    return writtenInSlices(
      quotesDocx({
        title: head.title,
        meta: [...head.about.slice(1).map(([k, v]) => `${k}: ${v}`), t('quotes|count', { count: quotes.length })].join(' · '),
        language,
        quotes,
        attribution: attributionOf(t),
        memo: (text) => t('quotes|memo', { text }),
        empty: t('quotes|empty'),
      }),
    );
  const table: QuoteTable = {
    headers: {
      source: t('quotes|column|source'),
      case: t('quotes|column|case'),
      speaker: t('quotes|column|speaker'),
      coder: t('quotes|column|coder'),
      codes: t('quotes|column|codes'),
      text: t('quotes|column|text'),
      memo: t('quotes|column|memo'),
      start: t('quotes|column|start'),
      end: t('quotes|column|end'),
    },
    quotes,
    sheet: t('quotes|sheet'),
    about: { sheet: t('report|about-sheet'), lines: [...head.about, [t('quotes|about|place'), t('quotes|about|place-text')]] },
  };
  return format === 'xlsx' ? writtenInSlices(quotesXlsx(table)) : quotesCsv(table, language);
}

/** The information lines: project, what the quotes are of, the filter, the date. */
function aboutLines(t: Translate, project: string, of: string, filter: string): [string, string][] {
  return [
    [t('quotes|about|project'), project],
    [t('quotes|about|of'), of],
    [t('quotes|about|filter'), filter],
    [t('quotes|about|date'), new Date().toISOString().slice(0, 10)],
  ];
}

/** Who said it, where and how it was coded: "Kerstin (IP), Intervju 3, 120–245 · hinder · coded by anna". */
export function attributionOf(t: Translate): (q: Quote) => string {
  const placeOf = messageTemplate(t, 'quotes|place', ['source', 'start', 'end']);
  const codedBy = messageTemplate(t, 'quotes|coded-by', ['coder']);
  return (q) => {
    const speaker = q.speaker && q.speaker !== q.case ? q.speaker : null;
    const who = q.case ? (speaker ? `${q.case} (${speaker})` : q.case) : (speaker ?? '');
    const place = placeOf({ source: q.source, start: q.start, end: q.end });
    const parts = [who ? `${who}, ${place}` : place, q.codes.join(', ')];
    if (q.coder) parts.push(codedBy({ coder: q.coder }));
    return `— ${parts.filter(Boolean).join(' · ')}`;
  };
}

/** The filter in words, "none" when it rules nothing out. */
export function filterText(t: Translate, d: FilterDescription): string {
  const parts: string[] = [];
  const list = (key: string, names: string[]) =>
    names.length > 0 && parts.push(`${t(`quotes|filter|${key}`)}: ${names.join(', ')}`);
  list('sourceSets', d.sourceSets);
  list('caseSets', d.caseSets);
  list('sources', d.sources);
  list('cases', d.cases);
  list(
    'attributes',
    d.attributes.map((a) => `${a.attribute} = ${a.value}`),
  );
  list('coders', d.coders);
  if (d.speaker) parts.push(`${t('quotes|filter|speaker')}: ${t(`quotes|speaker|${d.speaker}`)}`);
  return parts.length > 0 ? parts.join('; ') : t('quotes|filter|none');
}
