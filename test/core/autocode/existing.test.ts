import { describe, expect, it } from 'vitest';
import { priorCodingCounts, priorCodings } from '../../../src/core/autocode/existing.js';

describe('priorCodings', () => {
  const existing = [
    { start: 10, end: 20, coder: 'anna' },
    { start: 10, end: 20, coder: 'bo' },
    { start: 0, end: 100, coder: 'bo' },
    { start: 35, end: 45, coder: 'anna' },
    { start: 60, end: 70, coder: 'anna' },
  ];

  it('names who has the code on the same span or overlapping it, and whether the layer covers it', () => {
    const spans = [
      { start: 10, end: 20 },
      { start: 30, end: 40 },
      { start: 50, end: 55 },
      { start: 61, end: 65 },
      { start: 70, end: 80 },
    ];
    expect(priorCodings(spans, existing, 'anna')).toEqual([
      {
        covered: true,
        codedBy: [
          { coder: 'anna', same: true },
          { coder: 'bo', same: true },
        ],
      },
      {
        covered: false,
        codedBy: [
          { coder: 'anna', same: false },
          { coder: 'bo', same: false },
        ],
      },
      { covered: false, codedBy: [{ coder: 'bo', same: false }] },
      {
        covered: true,
        codedBy: [
          { coder: 'anna', same: false },
          { coder: 'bo', same: false },
        ],
      },
      // Touching at 70 is not overlapping: [60, 70) and [70, 80) share no character.
      { covered: false, codedBy: [{ coder: 'bo', same: false }] },
    ]);
    // Bo's long segment holds every span: all are duplicates in Bo's layer.
    expect(priorCodings(spans, existing, 'bo').every((s) => s.covered)).toBe(true);
  });

  it('finds a short segment inside a long span even after a shorter span came first', () => {
    const spans = [
      { start: 0, end: 100 },
      { start: 5, end: 8 },
      { start: 36, end: 40 },
    ];
    expect(priorCodings(spans, [{ start: 36, end: 38, coder: 'anna' }], 'bo')).toEqual([
      { covered: false, codedBy: [{ coder: 'anna', same: false }] },
      { covered: false, codedBy: [] },
      { covered: false, codedBy: [{ coder: 'anna', same: false }] },
    ]);
  });

  it('counts per coder the spans already coded the same, or overlapping', () => {
    const statuses = priorCodings(
      [
        { start: 10, end: 20 },
        { start: 30, end: 40 },
      ],
      existing,
      'anna',
    );
    expect(priorCodingCounts(statuses)).toEqual([
      { coder: 'anna', same: 1, overlapping: 1 },
      { coder: 'bo', same: 1, overlapping: 1 },
    ]);
  });
});
