import { z } from 'zod';
import type { ChartSpec } from '../core/charts/options.js';
import { notFound } from '../core/errors.js';
import { treeOrder } from '../core/queries/matrix.js';
import { spanFragment, spanLabel, type TimeSpan } from '../core/transcript/timeSpan.js';
import {
  printable,
  type ReportMemo,
  type ReportModel,
  type ReportNode,
  type ReportQuote,
  type ReportTable,
  type ReportTime,
} from '../formats/report/model.js';
import { type Language, type Translate, translator } from '../i18n/index.js';
import { Slice, yieldToEventLoop } from '../store/eventLoop.js';
import { AnalysisFilter, resolveFilter } from './helpers/analysisFilter.js';
import { cooccurrenceChart, frequencyChart, matrixChart } from './helpers/chartSpecs.js';
import { casesWithoutConsent } from './helpers/consent.js';
import type { CommandContext } from './helpers/context.js';
import { computeCooccurrence } from './helpers/cooccurrence.js';
import { describeFilter } from './helpers/filterText.js';
import { computeFrequencies } from './helpers/frequencies.js';
import { guideCoverage, loadGuide } from './helpers/guide.js';
import { interviewLog } from './helpers/interviewLog.js';
import { interviewTable } from './helpers/interviewTable.js';
import { computeMatrix } from './helpers/matrix.js';
import { canRunOffThread, runOffThread } from './helpers/offThread.js';
import { asCodeNodes, casesWithAttributes, type ProgressHook } from './helpers/queryData.js';
import { type FigureToDraw, renderReport, warmReportRenderer } from './helpers/renderReport.js';
import { loadCodes, resolveProject } from './helpers/resolve.js';
import { findSegments } from './helpers/retrieval.js';
import { slug } from './helpers/slug.js';
import { smartCodeSection } from './helpers/smartCodeReport.js';
import { provenanceParagraphs, suggestionProvenance } from './helpers/suggestions.js';
import { theorySection } from './helpers/theoryReport.js';
import { parseInput } from './helpers/validate.js';

export const Input = z.object({
  project: z.string(),
  format: z.enum(['docx', 'md', 'html']).default('docx'),
  /** Attributes shown in the cases table, in this order (default: all of them). */
  attributes: z.array(z.string()).optional(),
  /** Leave out the cases table. */
  casesTable: z.boolean().default(true),
  /** Leave out the method section: the interview log and the guide's questions. */
  methods: z.boolean().default(true),
  /** Memos on the project, the codes and the quoted segments. */
  memos: z.boolean().default(false),
  /** Figures: code frequencies, code × case heatmap, co-occurrence. */
  charts: z.boolean().default(true),
  /** Only this coder's (or consensus layer's) segments. */
  coder: z.string().optional(),
  /**
   * Only the segments this filter lets through, in quotes and figures, and only its cases in the
   * cases table (helpers/analysisFilter.ts); the report says which filter it was built with.
   */
  filter: AnalysisFilter.optional(),
  /** Markdown only: the folder, beside the document, that its figure files go in. */
  figureFolder: z.string().default('figures'),
});

/** A heatmap wider than this many columns is left out of a report (it would not be legible). */
const MAX_HEATMAP_COLUMNS = 60;

const MEDIA_TYPES = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  md: 'text/markdown; charset=utf-8',
  html: 'text/html; charset=utf-8',
} as const;

/**
 * The results draft: the codebook as the chapter's structure (theme → category → code), each
 * code with its definition, the cases that have it, and its quotes, each ending with the case's
 * name in parentheses as the thesis does ("… (Albin)"); a table of the cases with the chosen
 * attributes (like the thesis's Tabell 3); figures; a section per theory concept with its linked
 * codes and quotes (helpers/theoryReport.ts); optionally memos. Headings and labels are in
 * the project's language. Warns when it quotes a case without recorded consent.
 */
export async function buildReport(
  ctx: CommandContext,
  input: z.input<typeof Input>,
  hooks: { progress?: ProgressHook } = {},
): Promise<BuiltReport> {
  // Gathered and written on a worker thread: its hundreds of MB of quotes are collected there.
  if (canRunOffThread(ctx)) return runOffThread<BuiltReport>(ctx, 'buildReport', input, { progress: hooks.progress });
  const args = parseInput(Input, input);
  const { db } = ctx.store;
  const project = await resolveProject(db, args.project);
  warmReportRenderer();
  const language: Language = project.language === 'en' ? 'en' : 'sv';
  const t = translator(language);
  const filter = await resolveFilter(db, project.id, args.filter);
  const [codes, segments, everyone] = await Promise.all([
    loadCodes(db, project.id),
    findSegments(ctx, { project: project.id, coder: args.coder, includeDescendants: true, filter: args.filter }),
    casesWithAttributes(db, project.id),
  ]);
  const people = filter.caseIds ? { ...everyone, cases: everyone.cases.filter((c) => filter.caseIds?.has(c.id)) } : everyone;
  const STEPS = 4;
  hooks.progress?.(1, STEPS);
  // Each step of the gathering ends with a turn of the event loop: the server answers meanwhile.
  await yieldToEventLoop();
  const codeMemos = args.memos
    ? await db
        .selectFrom('memos')
        .select(['target_id', 'title', 'body'])
        .where('project_id', '=', project.id)
        .where('target_kind', '=', 'code')
        .orderBy('created_at')
        .execute()
    : [];

  const { quotesOf, casesOf, quoteOf } = await quotesByCode(segments, args.memos, t, project.id);
  const ordered = treeOrder(asCodeNodes(codes));
  const description = new Map(codes.map((c) => [c.id, c.description]));
  const total = people.cases.length;
  const build = (parentId: string | null): { nodes: ReportNode[]; cases: Set<string> } => {
    const nodes: ReportNode[] = [];
    const all = new Set<string>();
    for (const { node, depth, children } of ordered.filter((o) => o.node.parentId === parentId)) {
      const below = build(node.id);
      const own = quotesOf.get(node.id) ?? [];
      const cases = new Set([...below.cases, ...(casesOf.get(node.id) ?? [])]);
      for (const c of cases) all.add(c);
      const names = [...cases].sort((a, b) => a.localeCompare(b, language));
      const definition = description.get(node.id) ?? '';
      nodes.push({
        depth,
        name: node.name,
        definition: definition ? t('report|definition', { text: definition }) : '',
        cases: names.length > 0 ? t('report|cases', { count: names.length, total, names: names.join(', ') }) : '',
        quotes: own,
        empty: children === 0 && own.length === 0 ? t('report|no-quotes') : '',
        memos: codeMemos.filter((m) => m.target_id === node.id).map((m): ReportMemo => ({ title: m.title, body: m.body })),
        children: below.nodes,
      });
    }
    return { nodes, cases: all };
  };
  const tree = build(null);
  hooks.progress?.(2, STEPS);
  await yieldToEventLoop();
  const figureList = args.charts
    ? await figures(ctx, project.id, { coder: args.coder, filter: args.filter }, t, people.cases.length)
    : [];
  hooks.progress?.(3, STEPS);

  const model: ReportModel = {
    language,
    title: t('report|title', { project: project.name }),
    meta: [
      t('report|meta', {
        date: new Date().toISOString().slice(0, 10),
        layer: args.coder ? t('report|layer-one', { coder: args.coder }) : t('report|layer-all'),
        quotes: segments.length,
      }),
      describeFilter(filter.described, t),
    ]
      .filter(Boolean)
      .join(' '),
    intro: project.description,
    overview: {
      heading: t('report|overview'),
      table: args.casesTable && people.cases.length > 0 ? casesTable(people, args.attributes, t) : null,
      figures: [],
    },
    // Its tables are numbered after the cases table (Table 1) when the report has one.
    methods: args.methods ? await methodsSection(ctx, project, t, args.casesTable && people.cases.length > 0 ? 2 : 1) : null,
    results: { heading: t('report|results'), nodes: tree.nodes },
    memos: args.memos ? await projectMemos(ctx, project.id, t) : null,
    theory: await theorySection(db, project.id, { codes, segments, quoteOf, memos: args.memos }, t),
    smartCodes: await smartCodeSection(ctx, project, { ...args.filter, ...(args.coder && { coders: [args.coder] }) }, t),
  };

  const base = `${slug(project.name)}-${t('report|file')}`;
  const { bytes, files } = await renderReport({
    model,
    figures: figureList,
    format: args.format,
    figureFolder: args.figureFolder,
  });
  hooks.progress?.(4, STEPS);
  const quoted = [...new Set(segments.map((s) => s.case?.id).filter((id): id is string => Boolean(id)))];
  const warnings = (await casesWithoutConsent(ctx, quoted)).map((name) => ({ code: 'consent.missing', params: { case: name } }));
  return {
    format: args.format,
    fileName: `${base}.${args.format}`,
    mediaType: MEDIA_TYPES[args.format],
    bytes,
    /** Figure files a Markdown report links to, by path relative to it. */
    files,
    counts: { codes: codes.length, quotes: segments.length, cases: quoted.length, figures: figureList.length },
    warnings,
  };
}

/** A report as its file: the document and any figure files beside it, with what it holds and warnings. */
export interface BuiltReport {
  format: 'docx' | 'md' | 'html';
  fileName: string;
  mediaType: string;
  bytes: Uint8Array;
  /** Figure files a Markdown report links to, by path relative to it. */
  files: { path: string; bytes: Uint8Array }[];
  counts: { codes: number; quotes: number; cases: number; figures: number };
  warnings: { code: string; params: { case: string } }[];
}

/**
 * Each code's quotes in reading order (retrieveSegments' order) and the names of the cases
 * quoted. Made in slices: 200,000 quotes take a second to clean up (issue 13).
 */
async function quotesByCode(segments: Awaited<ReturnType<typeof findSegments>>, memos: boolean, t: Translate, projectId: string) {
  const quotesOf = new Map<string, ReportQuote[]>();
  const casesOf = new Map<string, Set<string>>();
  /** Each segment's quote, for the theory section. */
  const quoteOf = new Map<string, ReportQuote>();
  const slice = new Slice();
  for (const s of segments) {
    if (slice.due()) await slice.pause();
    const quote: ReportQuote = {
      text: printable(s.text),
      attribution: s.case?.name ?? s.source.name,
      memo: memos && s.memo ? t('report|memo', { text: s.memo.replace(/\s+/g, ' ') }) : '',
      ...(s.span && { time: quoteTime(s.span, `/api/projects/${projectId}/sources/${s.source.id}/recording`, t) }),
    };
    quoteOf.set(s.id, quote);
    const quotes = quotesOf.get(s.code.id);
    if (quotes) quotes.push(quote);
    else quotesOf.set(s.code.id, [quote]);
    if (s.case) {
      const cases = casesOf.get(s.code.id);
      if (cases) cases.add(s.case.name);
      else casesOf.set(s.code.id, new Set([s.case.name]));
    }
  }
  return { quotesOf, casesOf, quoteOf };
}

/** A quote's time: its label, and a link playing it from the source's recording. */
function quoteTime(span: TimeSpan, recording: string, t: Translate): ReportTime {
  const label = spanLabel(span);
  return { label, href: `${recording}${spanFragment(span)}`, play: t('report|play', { time: label }) };
}

function casesTable(people: Awaited<ReturnType<typeof casesWithAttributes>>, wanted: string[] | undefined, t: Translate) {
  const names = (wanted ?? people.attributes.map((a) => a.name)).map((w) => {
    const def = people.attributes.find((a) => a.name.toLowerCase() === w.trim().toLowerCase());
    if (!def) throw notFound('attribute.not-found', { attribute: w });
    return def.name;
  });
  return {
    caption: t('report|cases-table', { count: people.cases.length }),
    header: [t('report|case'), ...names],
    rows: people.cases.map((c) => [c.name, ...names.map((n) => c.attributes[n] ?? '')]),
  };
}

/**
 * The method section, when the project logs interviews or has a guide: the interview log as the
 * thesis' Tabell 3, and each guide question with the interviews it was asked in.
 */
async function methodsSection(ctx: CommandContext, project: { id: string; language: string }, t: Translate, firstTable: number) {
  const { db } = ctx.store;
  const guide = await loadGuide(db, project.id);
  const log = await interviewLog(db, project.id, guide);
  const logged = await db.selectFrom('interviews').select('id').where('project_id', '=', project.id).executeTakeFirst();
  const tables: ReportTable[] = [];
  if (logged) {
    const table = interviewTable(log, t);
    tables.push({
      caption: t('guide|log-caption', { count: log.length, n: firstTable + tables.length }),
      header: table.header,
      rows: table.rows.map((r) => r.map(String)),
    });
  }
  if (guide.length > 0) {
    const coverage = await guideCoverage(db, project.id, guide, project.language === 'en' ? 'en' : 'sv');
    tables.push({
      caption: t('guide|guide-caption', { n: firstTable + tables.length }),
      header: ['number', 'question', 'versions', 'asked'].map((h) => t(`guide|column|${h}`)),
      rows: coverage.questions.map((q, i) => [
        String(i + 1),
        q.text,
        q.versions.join(', '),
        t('guide|asked', { asked: q.asked, count: coverage.interviews }),
      ]),
    });
  }
  // What "find more like this" did, so the methods can say exactly what the machine did.
  const paragraphs = provenanceParagraphs(await suggestionProvenance(db, project.id), t);
  return tables.length > 0 || paragraphs.length > 0 ? { heading: t('guide|methods'), tables, paragraphs } : null;
}

async function figures(
  ctx: CommandContext,
  projectId: string,
  { coder, filter }: { coder: string | undefined; filter: AnalysisFilter | undefined },
  t: Translate,
  cases: number,
): Promise<FigureToDraw[]> {
  const specs: { spec: ChartSpec; caption: string }[] = [];
  const frequencies = await computeFrequencies(ctx, { project: projectId, coder, filter });
  await yieldToEventLoop();
  if (frequencies.some((f) => f.segments > 0)) {
    specs.push({ spec: frequencyChart(frequencies, t), caption: 'report|figure-frequencies' });
    if (cases < MAX_HEATMAP_COLUMNS) {
      const matrix = await computeMatrix(ctx, {
        project: projectId,
        coder,
        rows: 'codes',
        columns: 'cases',
        measure: 'count',
        filter,
      });
      await yieldToEventLoop();
      if (matrix.columns.length <= MAX_HEATMAP_COLUMNS)
        specs.push({ spec: matrixChart(matrix, t), caption: 'report|figure-matrix' });
    }
    const co = await computeCooccurrence(ctx, { project: projectId, coder, mode: 'overlap', filter });
    const used = co.codes.map((_, i) => i).filter((i) => (co.cells[i]?.[i] ?? 0) > 0);
    if (used.length >= 2 && used.length <= MAX_HEATMAP_COLUMNS) {
      const shown = {
        ...co,
        codes: used.map((i) => co.codes[i] as (typeof co.codes)[number]),
        cells: used.map((i) => used.map((j) => co.cells[i]?.[j] ?? 0)),
      };
      specs.push({ spec: cooccurrenceChart(shown, t), caption: 'report|figure-cooccurrence' });
    }
  }
  return specs.map(({ spec, caption }, i) => ({
    caption: t(caption, { n: i + 1 }),
    name: `${t('report|figure-file')}-${i + 1}`,
    spec,
  }));
}

async function projectMemos(ctx: CommandContext, projectId: string, t: Translate) {
  const rows = await ctx.store.db
    .selectFrom('memos')
    .select(['title', 'body'])
    .where('project_id', '=', projectId)
    .where('target_kind', '=', 'project')
    .orderBy('created_at')
    .execute();
  return { heading: t('report|memos'), items: rows.map((m) => ({ title: m.title, body: m.body })) };
}
