import { forceCollide, forceLink, forceManyBody, forceSimulation, forceX, forceY, type SimulationNodeDatum } from 'd3-force';
import { type Mark, MUTED, type Scene, shorten, textWidth } from './scene.js';

/**
 * The code map: codes as circles sized by use (area ∝ segments), lines between codes that occur
 * together, thicker the more often, codes coloured by their category. Laid out by d3-force with
 * a fixed number of ticks from d3's own fixed starting places and seeded random source, so the
 * same coding always gives the same picture. Positions are user units of the picture; (0, 0) is
 * its top left corner.
 */
export interface MapCode {
  id: string;
  name: string;
  /** The colour it is drawn in: its category's (see the command), else its own. */
  color: string;
  /** The category it belongs to (its parent in the codebook), for the legend. */
  category: { id: string; name: string; color: string } | null;
  segments: number;
}

/** Two codes occurring together `weight` times (in the co-occurrence command's sense). */
export interface MapEdge {
  a: string;
  b: string;
  weight: number;
}

export interface PlacedCode extends MapCode {
  x: number;
  y: number;
  r: number;
}

/** Steps of the simulation: enough for graphs of a codebook's size to settle. */
export const TICKS = 300;
const MIN_R = 8;
const MAX_R = 30;
const MARGIN = 24;
const TITLE_H = 36;
const LABEL_MAX = 24;
/** Codes push each other apart this hard; a weak pull to the middle keeps unlinked codes in sight. */
const CHARGE = -600;
const GRAVITY = 0.03;

/** A code's radius: area in proportion to its segments, so a code used four times as often looks four times as big. */
export function radius(segments: number, most: number): number {
  return MIN_R + (MAX_R - MIN_R) * Math.sqrt(segments / Math.max(1, most));
}

type Body = SimulationNodeDatum & { code: MapCode; r: number };

/**
 * Places the codes. Order of input does not matter: codes are taken by name (then id). Strongly
 * linked codes pull hardest and sit closest; codes never overlap (collision with room for the
 * label below each).
 */
export function layoutCodeMap(codes: readonly MapCode[], edges: readonly MapEdge[]): PlacedCode[] {
  const most = Math.max(1, ...codes.map((c) => c.segments));
  const heaviest = Math.max(1, ...edges.map((e) => e.weight));
  const sorted = [...codes].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : 1));
  const bodies: Body[] = sorted.map((code) => ({ code, r: radius(code.segments, most) }));
  const byId = new Map(bodies.map((b) => [b.code.id, b]));
  // Links in a fixed order too: the forces add up in the order they are given.
  const links = edges
    .filter((e) => e.a !== e.b && byId.has(e.a) && byId.has(e.b) && e.weight > 0)
    .map((e) => (e.a < e.b ? e : { ...e, a: e.b, b: e.a }))
    .sort((x, y) => (x.a < y.a ? -1 : x.a > y.a ? 1 : x.b < y.b ? -1 : x.b > y.b ? 1 : 0))
    .map((e) => ({ source: byId.get(e.a) as Body, target: byId.get(e.b) as Body, share: e.weight / heaviest }));
  const simulation = forceSimulation<Body>(bodies)
    .force(
      'link',
      forceLink<Body, (typeof links)[number]>(links)
        .distance((l) => l.source.r + l.target.r + 20 + 120 * (1 - l.share))
        .strength((l) => 0.15 + 0.85 * l.share),
    )
    .force('charge', forceManyBody<Body>().strength(CHARGE))
    .force('collide', forceCollide<Body>((b) => b.r + 10).iterations(2))
    .force('x', forceX<Body>(0).strength(GRAVITY))
    .force('y', forceY<Body>(0).strength(GRAVITY))
    .stop();
  simulation.tick(TICKS);
  return bodies.map((b) => ({ ...b.code, x: b.x ?? 0, y: b.y ?? 0, r: b.r }));
}

export interface CodeMapLabels {
  title: string;
  /** Tooltip of a code: its name and segments. */
  code: (name: string, segments: number) => string;
  /** Tooltip of a line: both names and how often. */
  pair: (a: string, b: string, weight: number) => string;
}

/** The placed codes moved into a picture with a title, room for labels, and a legend of categories below. */
export function codeMapScene(placed: readonly PlacedCode[], edges: readonly MapEdge[], labels: CodeMapLabels): Scene {
  const name = (c: PlacedCode) => shorten(c.name, LABEL_MAX);
  const left = Math.min(0, ...placed.map((c) => Math.min(c.x - c.r, c.x - textWidth(name(c), 11) / 2)));
  const right = Math.max(0, ...placed.map((c) => Math.max(c.x + c.r, c.x + textWidth(name(c), 11) / 2)));
  const top = Math.min(0, ...placed.map((c) => c.y - c.r));
  const bottom = Math.max(0, ...placed.map((c) => c.y + c.r + 16));
  const width = Math.max(480, Math.ceil(right - left + 2 * MARGIN), textWidth(labels.title, 15) + 2 * MARGIN);
  // Centred across the width when the title or the minimum makes the picture wider than the graph.
  const dx = (width - (right - left)) / 2 - left;
  const dy = TITLE_H + MARGIN - top;
  const at = new Map(placed.map((c) => [c.id, { ...c, x: c.x + dx, y: c.y + dy }]));
  const heaviest = Math.max(1, ...edges.map((e) => e.weight));
  const marks: Mark[] = [{ kind: 'text', x: width / 2, y: 24, text: labels.title, anchor: 'middle', size: 15, bold: true }];
  for (const e of edges) {
    const a = at.get(e.a);
    const b = at.get(e.b);
    if (!a || !b || e.weight <= 0 || a.id === b.id) continue;
    marks.push({
      kind: 'line',
      x1: a.x,
      y1: a.y,
      x2: b.x,
      y2: b.y,
      stroke: '#7a8290',
      width: 1.5 + 8.5 * (e.weight / heaviest),
      opacity: 0.55,
      title: labels.pair(a.name, b.name, e.weight),
      target: { kind: 'pair', a: a.id, b: b.id },
    });
  }
  for (const c of at.values()) {
    marks.push({
      kind: 'circle',
      cx: c.x,
      cy: c.y,
      r: c.r,
      fill: c.color,
      stroke: '#ffffff',
      title: labels.code(c.name, c.segments),
      target: { kind: 'code', code: c.id },
    });
  }
  for (const c of at.values()) marks.push({ kind: 'text', x: c.x, y: c.y + c.r + 13, text: name(c), anchor: 'middle', size: 11 });
  const legendTop = Math.ceil(bottom + dy + 12);
  const legend = legendMarks(placed, width, legendTop);
  marks.push(...legend.marks);
  return { width, height: legend.bottom + MARGIN / 2, title: labels.title, marks };
}

/** The categories present, each a swatch and its name, flowing in rows across the width. */
function legendMarks(placed: readonly PlacedCode[], width: number, top: number): { marks: Mark[]; bottom: number } {
  const seen = new Map<string, { name: string; color: string }>();
  for (const c of placed) {
    const key = c.category?.id ?? c.id;
    if (!seen.has(key))
      seen.set(key, c.category ? { name: c.category.name, color: c.category.color } : { name: c.name, color: c.color });
  }
  const items = [...seen.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const marks: Mark[] = [];
  let x = MARGIN;
  let y = top;
  for (const item of items) {
    const label = shorten(item.name, LABEL_MAX);
    const w = 18 + textWidth(label, 11) + 16;
    if (x + w > width - MARGIN && x > MARGIN) {
      x = MARGIN;
      y += 20;
    }
    marks.push({ kind: 'rect', x, y, w: 12, h: 12, fill: item.color, title: item.name });
    marks.push({ kind: 'text', x: x + 18, y: y + 10, text: label, size: 11, fill: MUTED });
    x += w;
  }
  return { marks, bottom: items.length ? y + 12 : top };
}
