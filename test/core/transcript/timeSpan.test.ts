import { describe, expect, it } from 'vitest';
import { clockLabel, spanFragment, spanLabel, type TimedTurn, timeSpan } from '../../../src/core/transcript/timeSpan.js';

// Text 0–10 before the turns; turns at 10 (5 s), 30 (15 s) and 50 (untimed), the second ending at 45.
const turn = (start: number, end: number, startMs: number | null, endMs: number | null = null): TimedTurn => ({
  start,
  end,
  startMs,
  endMs,
});
const TURNS = [turn(10, 28, 5000), turn(30, 45, 15000, 25000), turn(50, 70, null)];

describe('timeSpan', () => {
  it('interpolates inside a turn up to the next turn’s start time', () => {
    expect(timeSpan({ start: 10, end: 20 }, TURNS)).toEqual({ startMs: 5000, endMs: 10000 });
    expect(timeSpan({ start: 15, end: 30 }, TURNS)).toEqual({ startMs: 7500, endMs: 15000 });
  });

  it('runs a turn followed by an untimed one to its own end time', () => {
    expect(timeSpan({ start: 30, end: 45 }, TURNS)).toEqual({ startMs: 15000, endMs: 25000 });
    expect(timeSpan({ start: 36, end: 39 }, TURNS)).toEqual({ startMs: 19000, endMs: 21000 });
  });

  it('spans turns, and gives a turn with no later time its start time throughout', () => {
    expect(timeSpan({ start: 20, end: 40 }, [turn(10, 28, 5000), turn(30, 45, 15000)])).toEqual({
      startMs: 10000,
      endMs: 15000,
    });
  });

  it('has no span before the first turn or in an untimed turn', () => {
    expect(timeSpan({ start: 2, end: 20 }, TURNS)).toBeNull();
    expect(timeSpan({ start: 20, end: 60 }, TURNS)).toBeNull();
    expect(timeSpan({ start: 0, end: 5 }, [])).toBeNull();
  });

  it('prints spans as transcripts write times, and as a media fragment', () => {
    expect(clockLabel(723_400)).toBe('12:03');
    expect(clockLabel(4_020_999)).toBe('1:07:00');
    expect(spanLabel({ startMs: 723_000, endMs: 761_000 })).toBe('12:03–12:41');
    expect(spanFragment({ startMs: 723_500, endMs: 761_000 })).toBe('#t=723.5,761');
  });
});
