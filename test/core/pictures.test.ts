import { describe, expect, it } from 'vitest';
import { codeMapScene, layoutCodeMap, type MapCode, radius } from '../../src/core/pictures/codeMap.js';
import { columnShares, comparisonScene, percent } from '../../src/core/pictures/comparison.js';
import { portraitScene } from '../../src/core/pictures/portrait.js';
import { sceneSvg } from '../../src/core/pictures/scene.js';

const code = (id: string, segments: number, category: string | null = null): MapCode => ({
  id,
  name: id,
  color: '#4e79a7',
  category: category ? { id: category, name: category, color: '#e15759' } : null,
  segments,
});
const distance = (a: { x: number; y: number }, b: { x: number; y: number }) => Math.hypot(a.x - b.x, a.y - b.y);
const labels = {
  title: 'Map',
  code: (n: string, c: number) => `${n}: ${c}`,
  pair: (a: string, b: string, c: number) => `${a}+${b}: ${c}`,
};

describe('code map layout', () => {
  const codes = ['hinder', 'media', 'tid', 'samverkan', 'skola', 'plan', 'insats'].map((id, i) => code(id, 2 + i * 3));
  const edges = [
    { a: 'hinder', b: 'media', weight: 12 },
    { a: 'media', b: 'tid', weight: 2 },
    { a: 'samverkan', b: 'skola', weight: 9 },
    { a: 'plan', b: 'insats', weight: 1 },
  ];

  it('is deterministic, whatever order the codes come in', () => {
    const once = layoutCodeMap(codes, edges);
    const again = layoutCodeMap([...codes].reverse(), [...edges].reverse());
    const at = (list: typeof once) => Object.fromEntries(list.map((c) => [c.id, [c.x, c.y, c.r]]));
    expect(at(again)).toEqual(at(once));
    expect(sceneSvg(codeMapScene(once, edges, labels))).toBe(sceneSvg(codeMapScene(again, edges, labels)));
  });

  it('never puts two codes on top of each other', () => {
    const many = Array.from({ length: 30 }, (_, i) => code(`c${i}`, (i * 7) % 11));
    const placed = layoutCodeMap(many, [{ a: 'c1', b: 'c2', weight: 5 }]);
    for (const [i, a] of placed.entries()) {
      for (const b of placed.slice(i + 1)) expect(distance(a, b)).toBeGreaterThan(a.r + b.r);
    }
  });

  it('puts strongly linked codes closer than weakly linked or unlinked ones', () => {
    const placed = new Map(layoutCodeMap(codes, edges).map((c) => [c.id, c]));
    const d = (a: string, b: string) => distance(placed.get(a) as never, placed.get(b) as never);
    expect(d('hinder', 'media')).toBeLessThan(d('media', 'tid'));
    expect(d('hinder', 'media')).toBeLessThan(d('hinder', 'samverkan'));
    expect(d('plan', 'insats')).toBeLessThan(d('plan', 'hinder'));
    expect(d('samverkan', 'skola')).toBeLessThan(d('samverkan', 'media'));
  });

  it('sizes a code by area: four times the segments, twice the radius less the minimum', () => {
    expect(radius(40, 40)).toBeCloseTo(30);
    expect(radius(10, 40) - 8).toBeCloseTo((radius(40, 40) - 8) / 2);
  });

  it('draws every code, every pair as a clickable line, and the categories in a legend inside the picture', () => {
    const cats = [code('a', 3, 'Hinder'), code('b', 5, 'Hinder'), code('c', 1, 'Möjligheter')];
    const scene = codeMapScene(layoutCodeMap(cats, [{ a: 'a', b: 'b', weight: 2 }]), [{ a: 'a', b: 'b', weight: 2 }], labels);
    const lines = scene.marks.filter((m) => m.kind === 'line');
    expect(lines).toHaveLength(1);
    expect(lines[0]?.target).toEqual({ kind: 'pair', a: 'a', b: 'b' });
    expect(lines[0]?.title).toBe('a+b: 2');
    expect(scene.marks.filter((m) => m.kind === 'circle').map((m) => m.target)).toHaveLength(3);
    const legend = scene.marks.filter((m) => m.kind === 'text' && (m.text === 'Hinder' || m.text === 'Möjligheter'));
    expect(legend).toHaveLength(2);
    for (const m of scene.marks) {
      if (m.kind === 'circle') {
        expect(m.cx - m.r).toBeGreaterThanOrEqual(0);
        expect(m.cx + m.r).toBeLessThanOrEqual(scene.width);
        expect(m.cy + m.r).toBeLessThanOrEqual(scene.height);
      }
    }
  });
});

describe('document portrait', () => {
  const scene = portraitScene({
    title: 'Code line: albin',
    source: 's1',
    length: 1000,
    turns: [
      { start: 0, end: 100, speaker: 'I', interviewer: true },
      { start: 100, end: 1000, speaker: 'Albin', interviewer: false },
    ],
    codes: [
      { id: 'm', name: 'media', color: '#e15759' },
      { id: 't', name: 'tidsbrist', color: '#4e79a7' },
    ],
    segments: [
      { code: 'm', start: 500, end: 750 },
      { code: 't', start: 999, end: 1000 },
    ],
    labels: { segment: (c, s, e) => `${c} ${s}–${e}`, turn: (sp, s, e) => `${sp} ${s}–${e}`, start: 'Start', end: 'End' },
  });
  const bars = scene.marks.filter((m) => m.kind === 'rect' && m.target?.kind === 'place' && m.title?.startsWith('media'));

  it('puts a segment where it falls along the text, in its code’s lane, linked to its place', () => {
    expect(bars).toHaveLength(1);
    const bar = bars[0] as Extract<(typeof scene.marks)[number], { kind: 'rect' }>;
    const lane = scene.marks.find((m) => m.kind === 'rect' && m.fill === '#f1f2f5') as typeof bar;
    expect((bar.x - lane.x) / lane.w).toBeCloseTo(0.5, 2);
    expect(bar.w / lane.w).toBeCloseTo(0.25, 2);
    expect(bar.target).toEqual({ kind: 'place', source: 's1', start: 500, end: 750 });
  });

  it('draws even a one-character segment, inside the picture', () => {
    const short = scene.marks.find((m) => m.kind === 'rect' && m.title === 'tidsbrist 999–1000') as { x: number; w: number };
    expect(short.w).toBeGreaterThanOrEqual(2);
    expect(short.x + short.w).toBeLessThanOrEqual(scene.width);
  });
});

describe('case × theme comparison', () => {
  it('gives each theme’s share of the case’s coded text; a column adds up to one', () => {
    const shares = columnShares(
      [
        [30, 0, 0],
        [10, 5, 0],
      ],
      3,
    );
    expect(shares).toEqual([
      [0.75, 0, 0],
      [0.25, 1, 0],
    ]);
    expect(percent(0.004)).toBe('<1 %');
    expect(percent(0)).toBe('0 %');
    expect(percent(0.376)).toBe('38 %');
  });

  it('draws a circle by share with the figure beside it, a long case name kept inside the picture', () => {
    const scene = comparisonScene({
      title: 'Themes',
      rows: [
        { id: 'h', name: 'Hinder', color: '#e15759' },
        { id: 'm', name: 'Möjligheter', color: '#59a14f' },
      ],
      columns: [
        { key: 'a', label: 'Albin' },
        { key: 'k', label: 'Kristin med ett mycket långt namn' },
      ],
      chars: [
        [30, 0],
        [10, 8],
      ],
      labels: { cell: (r, c, p) => `${r} ${c} ${p}` },
    });
    const circles = scene.marks.filter((m) => m.kind === 'circle');
    expect(circles.map((m) => m.title)).toEqual([
      'Hinder Albin 75 %',
      'Möjligheter Albin 25 %',
      'Möjligheter Kristin med ett mycket långt namn 100 %',
    ]);
    const [big, small] = circles as { r: number }[];
    expect((big?.r ?? 0) / (small?.r ?? 1)).toBeCloseTo(Math.sqrt(3), 1);
    const texts = scene.marks.filter((m) => m.kind === 'text').map((m) => m.text);
    expect(texts).toContain('75 %');
    expect(texts).toContain('0 %');
    const tilted = scene.marks.find((m) => m.kind === 'text' && m.rotate === -45 && m.text.startsWith('Kristin')) as {
      x: number;
      text: string;
    };
    expect(tilted.x + [...tilted.text].length * 12 * 0.62 * Math.SQRT1_2).toBeLessThanOrEqual(scene.width);
  });
});

describe('scene as SVG', () => {
  it('escapes names and scales by its viewBox', () => {
    const svg = sceneSvg({ width: 100, height: 50, title: 'A & <B>', marks: [{ kind: 'text', x: 1, y: 2, text: '"x" & y' }] });
    expect(svg).toContain('viewBox="0 0 100 50"');
    expect(svg).toContain('<title>A &amp; &lt;B&gt;</title>');
    expect(svg).toContain('&quot;x&quot; &amp; y');
  });
});
