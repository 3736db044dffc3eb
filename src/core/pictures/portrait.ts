import { type Mark, MUTED, type Scene, shorten, textWidth } from './scene.js';

/**
 * A document portrait (a code line): one transcript read left to right, its speaker turns as a
 * strip on top and one lane per code below, each coded segment a bar where it falls in the text.
 * x is the position in the source's canonical text in code points, scaled to the plot's width,
 * so a bar's left edge is where the segment starts and its width how much text it covers (at
 * least 2 units, so the shortest code still shows).
 */
export interface PortraitInput {
  title: string;
  source: string;
  /** Code points of the source's text. */
  length: number;
  turns: readonly { start: number; end: number; speaker: string | null; interviewer: boolean }[];
  /** One lane each, in this order (the codebook's). */
  codes: readonly { id: string; name: string; color: string }[];
  segments: readonly { code: string; start: number; end: number }[];
  labels: {
    /** Tooltip of a bar. */
    segment: (code: string, start: number, end: number) => string;
    turn: (speaker: string | null, start: number, end: number) => string;
    /** The axis: where the text starts and ends. */
    start: string;
    end: string;
  };
}

export const PORTRAIT_WIDTH = 960;
const MARGIN = 16;
const LANE = 18;
const GAP = 6;
const STRIP = 10;
const LABEL_MAX = 26;
const INTERVIEWER = '#c3c8d1';
const PARTICIPANT = '#6f7a8c';

export function portraitScene(p: PortraitInput): Scene {
  const names = p.codes.map((c) => shorten(c.name, LABEL_MAX));
  const labelW = Math.min(200, Math.max(60, ...names.map((n) => textWidth(n, 12))));
  const x0 = MARGIN + labelW + 10;
  const plotW = PORTRAIT_WIDTH - x0 - MARGIN;
  const scale = plotW / Math.max(1, p.length);
  const x = (offset: number) => x0 + Math.min(p.length, Math.max(0, offset)) * scale;
  const marks: Mark[] = [
    { kind: 'text', x: PORTRAIT_WIDTH / 2, y: 22, text: shorten(p.title, 90), anchor: 'middle', size: 15, bold: true },
  ];
  const stripY = 38;
  for (const turn of p.turns) {
    marks.push({
      kind: 'rect',
      x: x(turn.start),
      y: stripY,
      w: Math.max(1, (turn.end - turn.start) * scale),
      h: STRIP,
      fill: turn.interviewer ? INTERVIEWER : PARTICIPANT,
      title: p.labels.turn(turn.speaker, turn.start, turn.end),
      target: { kind: 'place', source: p.source, start: turn.start, end: turn.end },
    });
  }
  const lanesY = stripY + STRIP + 12;
  for (const [i, code] of p.codes.entries()) {
    const y = lanesY + i * (LANE + GAP);
    marks.push({ kind: 'rect', x: x0, y, w: plotW, h: LANE, fill: '#f1f2f5' });
    marks.push({
      kind: 'text',
      x: x0 - 8,
      y: y + 13,
      text: names[i] as string,
      anchor: 'end',
      size: 12,
      title: code.name,
      target: { kind: 'code', code: code.id },
    });
  }
  const lane = new Map(p.codes.map((c, i) => [c.id, { y: lanesY + i * (LANE + GAP), code: c }]));
  for (const s of p.segments) {
    const at = lane.get(s.code);
    if (!at) continue;
    marks.push({
      kind: 'rect',
      x: x(s.start),
      y: at.y + 2,
      w: Math.max(2, (s.end - s.start) * scale),
      h: LANE - 4,
      fill: at.code.color,
      title: p.labels.segment(at.code.name, s.start, s.end),
      target: { kind: 'place', source: p.source, start: s.start, end: s.end },
    });
  }
  const axisY = lanesY + p.codes.length * (LANE + GAP) + 4;
  marks.push({ kind: 'line', x1: x0, y1: axisY, x2: x0 + plotW, y2: axisY, stroke: MUTED, width: 1 });
  for (const q of [0, 0.25, 0.5, 0.75, 1]) {
    const tx = x0 + q * plotW;
    marks.push({ kind: 'line', x1: tx, y1: axisY, x2: tx, y2: axisY + 5, stroke: MUTED, width: 1 });
    const text = q === 0 ? p.labels.start : q === 1 ? p.labels.end : `${Math.round(q * 100)} %`;
    marks.push({
      kind: 'text',
      x: tx,
      y: axisY + 18,
      text,
      anchor: q === 0 ? 'start' : q === 1 ? 'end' : 'middle',
      size: 11,
      fill: MUTED,
    });
  }
  return { width: PORTRAIT_WIDTH, height: axisY + 28, title: p.title, marks };
}
