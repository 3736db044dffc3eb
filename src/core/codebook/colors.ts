import { invalid } from '../errors.js';

/**
 * Code colours: the one place they are validated. Stored as lowercase `#rrggbb`;
 * `#rgb` is accepted and expanded.
 */
export function parseColor(input: string): string {
  const raw = input.trim().toLowerCase();
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/.exec(raw);
  if (short) return `#${short[1]}${short[1]}${short[2]}${short[2]}${short[3]}${short[3]}`;
  if (/^#[0-9a-f]{6}$/.test(raw)) return raw;
  throw invalid('code.color', { color: input });
}

/** Distinct, mid-tone colours handed to new codes that get none. */
const PALETTE = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];

export function paletteColor(index: number): string {
  return PALETTE[((index % PALETTE.length) + PALETTE.length) % PALETTE.length] as string;
}

/**
 * How highlights are drawn: a code's colour laid at `alpha` over the page, under the text
 * (the document view's `--panel` and `--ink`). The contrast of the text on it is checked here.
 */
export const HIGHLIGHT = { page: '#ffffff', ink: '#1d1f23', alpha: 0.22, activeAlpha: 0.42 } as const;

type Rgb = [number, number, number];

function rgbOf(hex: string): Rgb {
  const n = Number.parseInt(hex.slice(1), 16);
  return [((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255];
}

function hexOf(rgb: Rgb): string {
  return `#${rgb
    .map((v) =>
      Math.round(Math.min(1, Math.max(0, v)) * 255)
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

const toLinear = (v: number) => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
const toGamma = (v: number) => (v <= 0.0031308 ? 12.92 * v : 1.055 * v ** (1 / 2.4) - 0.055);

/** WCAG 2 relative luminance. */
function luminance(hex: string): number {
  const [r, g, b] = rgbOf(hex).map(toLinear) as Rgb;
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG 2 contrast ratio of two colours, 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** `color` laid at `alpha` over `under`, as the browser blends an rgba() background. */
export function blend(color: string, under: string, alpha: number): string {
  const top = rgbOf(color);
  const bottom = rgbOf(under);
  return hexOf(top.map((v, i) => v * alpha + (bottom[i] as number) * (1 - alpha)) as Rgb);
}

/** OKLCH (Björn Ottosson's OKLab in polar form): lightness 0–1, chroma, hue in degrees. */
export interface Oklch {
  l: number;
  c: number;
  h: number;
}

export function oklchOf(hex: string): Oklch {
  const [r, g, b] = rgbOf(hex).map(toLinear) as Rgb;
  const l = Math.cbrt(0.4122214708 * r + 0.5363325363 * g + 0.0514459929 * b);
  const m = Math.cbrt(0.2119034982 * r + 0.6806995451 * g + 0.1073969566 * b);
  const s = Math.cbrt(0.0883024619 * r + 0.2817188376 * g + 0.6299787005 * b);
  const L = 0.2104542553 * l + 0.793617785 * m - 0.0040720468 * s;
  const A = 1.9779984951 * l - 2.428592205 * m + 0.4505937099 * s;
  const B = 0.0259040371 * l + 0.7827717662 * m - 0.808675766 * s;
  return { l: L, c: Math.hypot(A, B), h: ((Math.atan2(B, A) * 180) / Math.PI + 360) % 360 };
}

/** Linear sRGB of an OKLCH colour; components outside 0–1 mean it is out of gamut. */
function linearOf({ l: L, c, h }: Oklch): Rgb {
  const A = c * Math.cos((h * Math.PI) / 180);
  const B = c * Math.sin((h * Math.PI) / 180);
  const l = (L + 0.3963377774 * A + 0.2158037573 * B) ** 3;
  const m = (L - 0.1055613458 * A - 0.0638541728 * B) ** 3;
  const s = (L - 0.0894841775 * A - 1.291485548 * B) ** 3;
  return [
    4.0767416621 * l - 3.3077115913 * m + 0.2309699292 * s,
    -1.2684380046 * l + 2.6097574011 * m - 0.3413193965 * s,
    -0.0041960863 * l - 0.7034186147 * m + 1.707614701 * s,
  ];
}

/** The OKLCH colour as `#rrggbb`, its chroma lowered until it fits sRGB (hue and lightness kept). */
function hexOfOklch(color: Oklch): string {
  const fits = (c: number) => linearOf({ ...color, c }).every((v) => v >= -1e-4 && v <= 1 + 1e-4);
  let c = color.c;
  if (!fits(c)) {
    let lo = 0;
    for (let i = 0; i < 24; i++) {
      const mid = (lo + c) / 2;
      if (fits(mid)) lo = mid;
      else c = mid;
    }
    c = lo;
  }
  return hexOf(linearOf({ ...color, c }).map(toGamma) as Rgb);
}

/** Lightness range of code shades: light enough to tint the page, dark enough to tell apart. */
const SHADE_LIGHTNESS = { min: 0.42, max: 0.9, step: 0.08 };

/**
 * The shade of sibling `index` of `count` codes sharing the colour `base`: the same OKLCH hue,
 * lightness spread evenly (lightest first) around the base's and within SHADE_LIGHTNESS, so
 * eleven yellow codes are eleven yellows. A single code keeps the base.
 */
export function codeShade(base: string, index: number, count: number): string {
  if (count <= 1) return base;
  const color = oklchOf(base);
  const { min, max } = SHADE_LIGHTNESS;
  const step = Math.min(SHADE_LIGHTNESS.step, (max - min) / (count - 1));
  const half = (step * (count - 1)) / 2;
  const centre = Math.min(max - half, Math.max(min + half, color.l));
  return hexOfOklch({ ...color, l: centre + half - index * step });
}

/** What displayColors needs of a codebook node. */
export interface ColoredNode {
  id: string;
  parentId: string | null;
  position: number;
  /** As stored: a code that was given none holds its parent's. */
  color: string;
}

/**
 * The colour each node is shown in. A node whose stored colour is its parent's inherited it
 * (the user set none), so it is shown in its own shade of the parent's shown colour among the
 * siblings that inherited too (codeShade). A colour the user set is shown as set.
 */
export function displayColors(nodes: readonly ColoredNode[]): Map<string, string> {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const children = new Map<string | null, ColoredNode[]>();
  for (const n of nodes) {
    const list = children.get(n.parentId);
    if (list) list.push(n);
    else children.set(n.parentId, [n]);
  }
  const shown = new Map<string, string>();
  const visit = (parentId: string | null) => {
    const kids = [...(children.get(parentId) ?? [])].sort((a, b) => a.position - b.position);
    const parent = parentId === null ? undefined : byId.get(parentId);
    const inheriting = kids.filter((k) => parent !== undefined && k.color === parent.color);
    for (const kid of kids) {
      const at = inheriting.indexOf(kid);
      const base = parent ? (shown.get(parent.id) ?? parent.color) : kid.color;
      shown.set(kid.id, at < 0 ? kid.color : codeShade(base, at, inheriting.length));
      visit(kid.id);
    }
  };
  visit(null);
  return shown;
}
