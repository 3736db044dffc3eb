import { describe, expect, it } from 'vitest';
import { blockAt, DEFAULT_BLOCKS, estimateHeight, layoutBlocks, turnAt } from '../../web/src/layout/blocks.js';
import { layoutRuns, runsIn, type Span } from '../../web/src/layout/runs.js';
import { assignLanes, HeightMap } from '../../web/src/layout/virtual.js';

describe('layoutRuns: one sweep into runs', () => {
  it('covers the text with plain and highlighted runs, overlaps split', () => {
    const spans: Span[] = [
      { id: 'a', start: 2, end: 6 },
      { id: 'b', start: 4, end: 8 },
    ];
    expect(layoutRuns(10, spans)).toEqual([
      { start: 0, end: 2, ids: [] },
      { start: 2, end: 4, ids: ['a'] },
      { start: 4, end: 6, ids: ['a', 'b'] },
      { start: 6, end: 8, ids: ['b'] },
      { start: 8, end: 10, ids: [] },
    ]);
  });

  it('handles identical, nested, touching, empty and out-of-range spans', () => {
    const runs = layoutRuns(10, [
      { id: 'x', start: 0, end: 10 },
      { id: 'y', start: 3, end: 5 },
      { id: 'z', start: 3, end: 5 },
      { id: 'w', start: 5, end: 7 },
      { id: 'e', start: 4, end: 4 },
      { id: 'o', start: 8, end: 99 },
    ]);
    expect(runs).toEqual([
      { start: 0, end: 3, ids: ['x'] },
      { start: 3, end: 5, ids: ['x', 'y', 'z'] },
      { start: 5, end: 7, ids: ['x', 'w'] },
      { start: 7, end: 8, ids: ['x'] },
      { start: 8, end: 10, ids: ['x', 'o'] },
    ]);
  });

  it('orders ids by start whatever the input order', () => {
    const runs = layoutRuns(6, [
      { id: 'late', start: 3, end: 6 },
      { id: 'early', start: 0, end: 6 },
    ]);
    expect(runs.at(-1)).toEqual({ start: 3, end: 6, ids: ['early', 'late'] });
  });

  // How fast this runs is measured by `npm run bench -- --only layout`, not here.
  it('lays out 10,000 segments over 1,000,000 characters exactly', () => {
    let seed = 7;
    const rand = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const spans: Span[] = Array.from({ length: 10_000 }, (_, i) => {
      const start = Math.floor(rand() * 999_000);
      return { id: `s${i}`, start, end: start + 1 + Math.floor(rand() * 800) };
    });
    const runs = layoutRuns(1_000_000, spans);
    expect(runs[0]?.start).toBe(0);
    expect(runs.at(-1)?.end).toBe(1_000_000);
    for (let i = 1; i < runs.length; i++) expect(runs[i]?.start).toBe(runs[i - 1]?.end);
    // Each segment is covered exactly by the runs that carry its id.
    for (const s of spans.slice(0, 200)) {
      const mine = runs.filter((r) => r.ids.includes(s.id));
      expect(mine[0]?.start).toBe(s.start);
      expect(mine.at(-1)?.end).toBe(s.end);
      expect(mine.reduce((n, r) => n + r.end - r.start, 0)).toBe(s.end - s.start);
    }
  });

  it('clips runs to a window', () => {
    const runs = layoutRuns(10, [{ id: 'a', start: 2, end: 8 }]);
    expect(runsIn(runs, 5, 9)).toEqual([
      { start: 5, end: 8, ids: ['a'] },
      { start: 8, end: 9, ids: [] },
    ]);
  });
});

describe('layoutBlocks: pieces at turns, blocks of a few thousand characters', () => {
  const turn = (start: number, speaker = 'I') => ({ start, speaker, startMs: null, endMs: null, case: null });

  it('cuts at turn starts and groups small turns', () => {
    const text = 'Intro\n\nI: Hej\n\nAlbin: Hej själv\n';
    const blocks = layoutBlocks(text, [turn(7), turn(15, 'Albin')]);
    expect(blocks).toHaveLength(1);
    expect(blocks[0]?.pieces).toEqual([
      { start: 0, end: 7, turn: null },
      { start: 7, end: 15, turn: 0 },
      { start: 15, end: text.length, turn: 1 },
    ]);
  });

  it('splits long text at paragraph breaks and covers it without gaps', () => {
    const para = `${'ord '.repeat(300).trim()}\n\n`; // 1,201 units
    const text = para.repeat(100);
    const blocks = layoutBlocks(text, [turn(0)]);
    expect(blocks[0]?.start).toBe(0);
    expect(blocks.at(-1)?.end).toBe(text.length);
    for (let i = 1; i < blocks.length; i++) expect(blocks[i]?.start).toBe(blocks[i - 1]?.end);
    for (const b of blocks) {
      expect(b.end - b.start).toBeLessThanOrEqual(DEFAULT_BLOCKS.max);
      for (const p of b.pieces) expect(p.start === 0 || text.slice(p.start - 2, p.start) === '\n\n').toBe(true);
    }
    expect(blocks[0]?.pieces[0]?.turn).toBe(0);
    expect(blocks.flatMap((b) => b.pieces).filter((p) => p.turn !== null)).toHaveLength(1);
    expect(blockAt(blocks, 0)).toBe(0);
    expect(blockAt(blocks, text.length)).toBe(blocks.length - 1);
    const mid = blocks[3]!;
    expect(blockAt(blocks, mid.start)).toBe(3);
    expect(blockAt(blocks, mid.end - 1)).toBe(3);
  });

  it('cuts text without any break hard, never inside a surrogate pair', () => {
    const text = 'x'.repeat(4999) + '😀'.repeat(10);
    const blocks = layoutBlocks(text, []);
    for (const b of blocks) expect(/[\ud800-\udbff]$/.test(text.slice(b.start, b.end))).toBe(false);
  });

  it('estimates heights from wrapped lines', () => {
    const text = `${'a'.repeat(150)}\n\nb\n`;
    const [block] = layoutBlocks(text, []);
    const h = estimateHeight(text, block!, { charsPerLine: 100, lineHeight: 20, blockPadding: 10, turnGap: 0 });
    expect(h).toBe(4 * 20 + 10); // 2 lines + blank line + "b"
  });
});

describe('virtual layout', () => {
  it('finds the visible blocks and follows measured heights', () => {
    const map = new HeightMap([100, 100, 100, 100, 100]);
    expect(map.total).toBe(500);
    expect(map.visible(150, 100, 0)).toEqual([1, 2]);
    expect(map.set(0, 300)).toBe(true);
    expect(map.set(0, 300.2)).toBe(false);
    expect(map.top(1)).toBe(300);
    expect(map.total).toBe(700);
    expect(map.indexAt(299)).toBe(0);
    expect(map.visible(0, 50, 400)).toEqual([0, 2]);
  });

  it('gives overlapping segments different lanes, kept across their whole length', () => {
    const { lanes, count } = assignLanes([
      { id: 'a', start: 0, end: 10 },
      { id: 'b', start: 5, end: 15 },
      { id: 'c', start: 10, end: 12 },
      { id: 'd', start: 6, end: 7 },
    ]);
    expect(lanes.get('a')).toBe(0);
    expect(lanes.get('b')).toBe(1);
    expect(lanes.get('d')).toBe(2);
    expect(lanes.get('c')).toBe(0);
    expect(count).toBe(3);
    expect(
      assignLanes(
        [
          { id: 'x', start: 0, end: 5 },
          { id: 'y', start: 1, end: 5 },
        ],
        1,
      ).lanes.get('y'),
    ).toBe(0);
  });
});

describe('turnAt: the turn holding a place in the text', () => {
  const turns = [10, 40, 90].map((start) => ({ start, speaker: 'I', startMs: null, endMs: null, case: null }));

  it('is the last turn starting at or before it, none before the first', () => {
    expect([0, 10, 39, 40, 89, 500].map((o) => turnAt(turns, o))).toEqual([null, 0, 0, 1, 1, 2]);
    expect(turnAt([], 5)).toBeNull();
  });
});
