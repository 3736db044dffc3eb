import type { TranscriptBlock } from '../core/transcript/codedTranscript.js';
import { textFile } from './pieces.js';
import { esc } from './report/html.js';

/**
 * The coded transcript as one self-contained HTML page, ready to print or save as PDF: a legend
 * of the codes (number, colour, name, segments), then the text line by line with its codes in the
 * margin beside it and a numbered mark where each segment opens (`[3`) and closes (`3]`). Every
 * label carries the code's number and name, so it reads in black and white; colours print as
 * bars where the printer allows. A print stylesheet sets the page margins and keeps a line (a
 * speaker turn) on one page where it fits.
 */
export interface LegendCode {
  /** The number marks and margin labels use (1-based). */
  number: number;
  name: string;
  color: string;
  segments: number;
}

export interface TranscriptDocument {
  language: string;
  title: string;
  /** Lines under the title: project, case, layer, date. */
  meta: string[];
  legendHeading: string;
  /** The legend's count of one code's segments, e.g. "12 segments". */
  segmentCount: (n: number) => string;
  /** Said when nothing is coded. */
  empty: string;
  /** The margin's accessible name. */
  marginLabel: string;
  codes: readonly LegendCode[];
  blocks: readonly TranscriptBlock[];
}

/** A colour safe to write into a style: a hex colour, else grey. */
export const safeColor = (c: string) => (/^#[0-9a-f]{6}$/i.test(c) ? c : '#777777');

/** The page in pieces (pieces.ts), a line of the transcript at a time. */
export function codedTranscriptHtml(doc: TranscriptDocument): Iterable<string> {
  return textFile(() => pageParts(doc));
}

function* pageParts(doc: TranscriptDocument): Generator<string> {
  const byNumber = new Map(doc.codes.map((c) => [c.number, c]));
  const color = (n: number) => safeColor(byNumber.get(n)?.color ?? '');
  yield `${[
    '<!doctype html>',
    `<html lang="${esc(doc.language)}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${esc(doc.title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    '<header>',
    `<h1>${esc(doc.title)}</h1>`,
    ...doc.meta.map((m) => `<p class="meta">${esc(m)}</p>`),
    `<h2>${esc(doc.legendHeading)}</h2>`,
  ].join('\n')}\n`;
  if (doc.codes.length === 0) yield `<p class="meta">${esc(doc.empty)}</p>\n`;
  else {
    yield '<ol class="legend">\n';
    for (const c of doc.codes)
      yield `<li style="--c:${safeColor(c.color)}"><span class="n">${c.number}</span> ${esc(c.name)} <span class="count">(${esc(doc.segmentCount(c.segments))})</span></li>\n`;
    yield '</ol>\n';
  }
  yield '</header>\n<main class="transcript">\n';
  for (const b of doc.blocks) {
    let text = '';
    for (const p of b.pieces) {
      if ('text' in p) text += esc(p.text);
      else {
        const label = p.mark === 'open' ? `[${p.code}` : `${p.code}]`;
        text += `<span class="mk" style="--c:${color(p.code)}">${label}</span>`;
      }
    }
    let margin = '';
    for (const n of b.margin)
      margin += `<li style="--c:${color(n)}"><span class="n">${n}</span> ${esc(byNumber.get(n)?.name ?? '')}</li>`;
    yield `<div class="line" data-start="${b.start}"><p>${text}</p>${
      margin ? `<ul class="margin" aria-label="${esc(doc.marginLabel)}">${margin}</ul>` : '<div class="margin"></div>'
    }</div>\n`;
  }
  yield '</main>\n</body>\n</html>\n';
}

const STYLE = [
  'body{font-family:Georgia,"Times New Roman",serif;max-width:60rem;margin:2rem auto;padding:0 1rem;line-height:1.5;color:#1a1a1a}',
  'h1,h2{font-family:system-ui,sans-serif;line-height:1.25}',
  '.meta{color:#444;margin:.2rem 0}',
  '.legend{columns:2 16rem;padding-left:0;list-style:none}',
  '.legend li,.margin li{border-left:.4rem solid var(--c);padding-left:.4rem;margin:.15rem 0;break-inside:avoid}',
  '.n{font-family:system-ui,sans-serif;font-weight:700;font-size:.85em}',
  '.count{color:#444}',
  '.line{display:grid;grid-template-columns:minmax(0,1fr) 13rem;gap:1.25rem;break-inside:avoid;page-break-inside:avoid}',
  '.line p{margin:0 0 .6rem;white-space:pre-wrap;overflow-wrap:anywhere}',
  '.margin{list-style:none;margin:0;padding:0;font-family:system-ui,sans-serif;font-size:.8rem;line-height:1.3}',
  '.mk{font-family:system-ui,sans-serif;font-size:.7em;font-weight:700;vertical-align:super;color:#000;background:color-mix(in srgb,var(--c) 35%,#fff);padding:0 .1em;border-radius:.15em}',
  '@page{size:A4;margin:2cm 1.8cm}',
  '@media print{body{max-width:none;margin:0;padding:0;font-size:10.5pt}*{-webkit-print-color-adjust:exact;print-color-adjust:exact}h1,h2{break-after:avoid}.line{grid-template-columns:minmax(0,1fr) 11rem}}',
].join('\n');
