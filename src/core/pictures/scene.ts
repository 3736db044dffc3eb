/**
 * A picture as plain data: a box of `width` × `height` user units and the marks drawn in it, in
 * drawing order. One layout, two renderers: `sceneSvg` writes it as an SVG document (exports,
 * PNG by resvg), and the web draws the same marks as React SVG elements with their `target`s
 * clickable. Coordinates are user units of the viewBox, so the picture scales to any card.
 */
export interface Scene {
  width: number;
  height: number;
  /** The picture's title, the SVG's <title>. */
  title: string;
  marks: Mark[];
}

/** What a mark stands for, for a click: a code, a pair of codes, a place in a source, or a table cell. */
export type Target =
  | { kind: 'code'; code: string }
  | { kind: 'pair'; a: string; b: string }
  | { kind: 'place'; source: string; start: number; end: number }
  | { kind: 'cell'; row: string; column: string };

interface Common {
  /** A tooltip (the SVG <title> of the mark). */
  title?: string;
  target?: Target;
}

export type Mark =
  | (Common & { kind: 'circle'; cx: number; cy: number; r: number; fill: string; stroke?: string })
  | (Common & { kind: 'line'; x1: number; y1: number; x2: number; y2: number; stroke: string; width: number; opacity?: number })
  | (Common & { kind: 'rect'; x: number; y: number; w: number; h: number; fill: string; stroke?: string; opacity?: number })
  | (Common & {
      kind: 'text';
      x: number;
      y: number;
      text: string;
      anchor?: 'start' | 'middle' | 'end';
      size?: number;
      bold?: boolean;
      fill?: string;
      /** Degrees about (x, y), e.g. -45 for a column name rising to the right. */
      rotate?: number;
    });

export const FONT = 'DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif';
export const INK = '#1d1f23';
export const MUTED = '#5b6270';

/** Text as SVG character data or an attribute value. */
export const escapeXml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] as string);

/** Numbers rounded to a tenth: enough for a picture, and the same SVG for the same layout. */
export const round = (n: number) => Math.round(n * 10) / 10;

/** Names longer than `max` code points end in an ellipsis (the whole name is in the tooltip). */
export function shorten(s: string, max: number): string {
  const chars = [...s];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : s;
}

/** Width of `text` at `size` px in DejaVu Sans, near enough to keep labels inside the picture. */
export const textWidth = (text: string, size = 12) => Math.ceil([...text].length * size * 0.62);

function markSvg(m: Mark): string {
  const title = m.title ? `<title>${escapeXml(m.title)}</title>` : '';
  const close = (tag: string, attrs: string) => (title ? `<${tag} ${attrs}>${title}</${tag}>` : `<${tag} ${attrs}/>`);
  switch (m.kind) {
    case 'circle':
      return close(
        'circle',
        `cx="${round(m.cx)}" cy="${round(m.cy)}" r="${round(m.r)}" fill="${m.fill}"${m.stroke ? ` stroke="${m.stroke}"` : ''}`,
      );
    case 'line':
      return close(
        'line',
        `x1="${round(m.x1)}" y1="${round(m.y1)}" x2="${round(m.x2)}" y2="${round(m.y2)}" stroke="${m.stroke}" stroke-width="${round(m.width)}"${m.opacity === undefined ? '' : ` stroke-opacity="${m.opacity}"`} stroke-linecap="round"`,
      );
    case 'rect':
      return close(
        'rect',
        `x="${round(m.x)}" y="${round(m.y)}" width="${round(m.w)}" height="${round(m.h)}" fill="${m.fill}"${m.stroke ? ` stroke="${m.stroke}"` : ''}${m.opacity === undefined ? '' : ` fill-opacity="${m.opacity}"`}`,
      );
    case 'text':
      return `<text x="${round(m.x)}" y="${round(m.y)}" font-size="${m.size ?? 12}" text-anchor="${m.anchor ?? 'start'}"${m.bold ? ' font-weight="bold"' : ''} fill="${m.fill ?? INK}"${m.rotate ? ` transform="rotate(${m.rotate} ${round(m.x)} ${round(m.y)})"` : ''}>${escapeXml(m.text)}${title}</text>`;
  }
}

/** The scene as a standalone SVG document on a white ground (what the exports and the PNG are made of). */
export function sceneSvg(scene: Scene): string {
  const { width, height } = scene;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT}">`,
    `<title>${escapeXml(scene.title)}</title>`,
    `<rect x="0" y="0" width="${width}" height="${height}" fill="#ffffff"/>`,
    ...scene.marks.map(markSvg),
    '</svg>',
    '',
  ].join('\n');
}
