import type { ReportConcept, ReportModel, ReportNode, ReportTable } from './model.js';
import { quoteLine } from './model.js';

/**
 * The results draft as Markdown (CommonMark with pipe tables). Figures are separate SVG files
 * beside the document, in `figureFolder`, linked by relative path; the caller writes them.
 */
export function reportMarkdown(
  model: ReportModel,
  figureFolder: string,
): { text: string; files: { path: string; bytes: Uint8Array }[] } {
  const out: string[] = [`# ${inline(model.title)}`, '', `*${inline(model.meta)}*`, ''];
  if (model.intro) out.push(inline(model.intro), '');
  const files: { path: string; bytes: Uint8Array }[] = [];
  const { table, figures } = model.overview;
  if (table || figures.length > 0) {
    out.push(`## ${inline(model.overview.heading)}`, '');
    if (table) out.push(...tableLines(table), '');
    for (const f of figures) {
      const path = `${figureFolder}/${f.name}.svg`;
      files.push({ path, bytes: new TextEncoder().encode(f.svg) });
      out.push(`![${inline(f.caption)}](${encodeURI(path)})`, '', `*${inline(f.caption)}*`, '');
    }
  }
  if (model.methods) {
    out.push(`## ${inline(model.methods.heading)}`, '');
    for (const p of model.methods.paragraphs ?? []) out.push(inline(p), '');
    for (const t of model.methods.tables) out.push(...tableLines(t), '');
  }
  out.push(`## ${inline(model.results.heading)}`, '');
  for (const node of model.results.nodes) nodeLines(node, out);
  for (const section of [model.theory, model.smartCodes]) {
    if (!section) continue;
    out.push(`## ${inline(section.heading)}`, '');
    for (const concept of section.concepts) conceptLines(concept, out);
  }
  if (model.memos) {
    out.push(`## ${inline(model.memos.heading)}`, '');
    for (const m of model.memos.items) out.push(`**${inline(m.title)}**`, '', ...paragraphs(m.body), '');
  }
  return {
    text: `${out
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trimEnd()}\n`,
    files,
  };
}

function nodeLines(node: ReportNode, out: string[]): void {
  out.push(`${'#'.repeat(Math.min(6, node.depth + 3))} ${inline(node.name)}`, '');
  if (node.definition) out.push(inline(node.definition), '');
  if (node.cases) out.push(inline(node.cases), '');
  for (const q of node.quotes) {
    out.push(`> ${inline(quoteLine(q))}`, '');
    if (q.memo) out.push(`*${inline(q.memo)}*`, '');
  }
  if (node.empty) out.push(`*${inline(node.empty)}*`, '');
  for (const m of node.memos) out.push(`**${inline(m.title)}**: ${inline(m.body)}`, '');
  for (const child of node.children) nodeLines(child, out);
}

function conceptLines(concept: ReportConcept, out: string[]): void {
  out.push(`### ${inline(concept.name)}`, '');
  for (const line of [concept.definition, concept.reference, concept.codes]) if (line) out.push(inline(line), '');
  for (const q of concept.quotes) {
    out.push(`> ${inline(quoteLine(q))}`, '');
    if (q.memo) out.push(`*${inline(q.memo)}*`, '');
  }
  if (concept.empty) out.push(`*${inline(concept.empty)}*`, '');
  for (const m of concept.memos) out.push(`**${inline(m.title)}**: ${inline(m.body)}`, '');
}

function tableLines(table: ReportTable): string[] {
  const cell = (s: string) => inline(s).replaceAll('|', '\\|');
  return [
    `*${inline(table.caption)}*`,
    '',
    `| ${table.header.map(cell).join(' | ')} |`,
    `| ${table.header.map(() => '---').join(' | ')} |`,
    ...table.rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ];
}

/** Text on one line with Markdown's markup characters escaped. */
function inline(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\\`*_[\]<>#]/g, '\\$&');
}

function paragraphs(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map(inline)
    .filter(Boolean)
    .flatMap((p) => [p, '']);
}
