import type { ReportConcept, ReportModel, ReportNode, ReportQuote, ReportTable } from './model.js';
import { quoteWords } from './model.js';

/** The results draft as one self-contained HTML page: text escaped, figures as inline SVG. */
export function reportHtml(model: ReportModel): string {
  const out: string[] = [
    '<!doctype html>',
    `<html lang="${model.language}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<title>${esc(model.title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    `<h1>${esc(model.title)}</h1>`,
    `<p class="meta">${esc(model.meta)}</p>`,
  ];
  if (model.intro) out.push(`<p>${esc(model.intro)}</p>`);
  const { table, figures } = model.overview;
  if (table || figures.length > 0) {
    out.push(`<h2>${esc(model.overview.heading)}</h2>`);
    if (table) out.push(tableHtml(table));
    for (const f of figures) out.push(`<figure>${f.svg}<figcaption>${esc(f.caption)}</figcaption></figure>`);
  }
  if (model.methods)
    out.push(
      `<h2>${esc(model.methods.heading)}</h2>`,
      ...(model.methods.paragraphs ?? []).map((p) => `<p>${esc(p)}</p>`),
      ...model.methods.tables.map(tableHtml),
    );
  out.push(`<h2>${esc(model.results.heading)}</h2>`);
  for (const node of model.results.nodes) nodeHtml(node, out);
  for (const section of [model.theory, model.smartCodes]) {
    if (!section) continue;
    out.push(`<h2>${esc(section.heading)}</h2>`);
    for (const concept of section.concepts) conceptHtml(concept, out);
  }
  if (model.memos) {
    out.push(`<h2>${esc(model.memos.heading)}</h2>`);
    for (const m of model.memos.items) out.push(`<h3>${esc(m.title)}</h3>`, ...paragraphs(m.body));
  }
  out.push('</body>', '</html>');
  return `${out.join('\n')}\n`;
}

function nodeHtml(node: ReportNode, out: string[]): void {
  const h = `h${Math.min(6, node.depth + 3)}`;
  out.push(`<section><${h}>${esc(node.name)}</${h}>`);
  if (node.definition) out.push(`<p class="definition">${esc(node.definition)}</p>`);
  if (node.cases) out.push(`<p class="cases">${esc(node.cases)}</p>`);
  for (const q of node.quotes) {
    out.push(`<blockquote><p>${quoteHtml(q)}</p>${q.memo ? `<p class="memo">${esc(q.memo)}</p>` : ''}</blockquote>`);
  }
  if (node.empty) out.push(`<p class="empty">${esc(node.empty)}</p>`);
  for (const m of node.memos) out.push(`<p class="memo"><strong>${esc(m.title)}</strong>: ${esc(m.body)}</p>`);
  for (const child of node.children) nodeHtml(child, out);
  out.push('</section>');
}

function conceptHtml(concept: ReportConcept, out: string[]): void {
  out.push(`<section class="concept"><h3>${esc(concept.name)}</h3>`);
  if (concept.definition) out.push(`<p class="definition">${esc(concept.definition)}</p>`);
  if (concept.reference) out.push(`<p class="reference">${esc(concept.reference)}</p>`);
  if (concept.codes) out.push(`<p class="codes">${esc(concept.codes)}</p>`);
  for (const q of concept.quotes) {
    out.push(`<blockquote><p>${quoteHtml(q)}</p>${q.memo ? `<p class="memo">${esc(q.memo)}</p>` : ''}</blockquote>`);
  }
  if (concept.empty) out.push(`<p class="empty">${esc(concept.empty)}</p>`);
  for (const m of concept.memos) out.push(`<p class="memo"><strong>${esc(m.title)}</strong>: ${esc(m.body)}</p>`);
  out.push('</section>');
}

/** The quote, its time a link that plays it in the recording. */
function quoteHtml(q: ReportQuote): string {
  if (!q.time) return esc(quoteWords(q));
  const { label, href, play } = q.time;
  return `${esc(quoteWords(q))} <a class="play" href="${esc(href)}" aria-label="${esc(play)}">[${esc(label)}]</a>`;
}

function tableHtml(table: ReportTable): string {
  const head = `<tr>${table.header.map((c) => `<th>${esc(c)}</th>`).join('')}</tr>`;
  const body = table.rows.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('');
  return `<table><caption>${esc(table.caption)}</caption><thead>${head}</thead><tbody>${body}</tbody></table>`;
}

function paragraphs(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .filter((p) => p.trim())
    .map((p) => `<p>${esc(p.trim()).replaceAll('\n', '<br>')}</p>`);
}

export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const STYLE = [
  'body{font-family:Georgia,"Times New Roman",serif;max-width:46rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a}',
  'h1,h2,h3,h4,h5,h6{font-family:system-ui,sans-serif;line-height:1.25}',
  '.meta{color:#555;font-style:italic}',
  'blockquote{margin:1rem 2rem;padding-left:1rem;border-left:3px solid #bbb}',
  '.memo,.empty{font-style:italic;color:#444}',
  'table{border-collapse:collapse;margin:1rem 0}th,td{border:1px solid #999;padding:.25rem .5rem;text-align:left;vertical-align:top}',
  'caption{font-style:italic;text-align:left;padding-bottom:.25rem}',
  'figure{margin:1.5rem 0}figure svg{max-width:100%;height:auto}figcaption{font-style:italic}',
].join('');
