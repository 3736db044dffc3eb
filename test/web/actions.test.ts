import { describe, expect, it } from 'vitest';
import { ACTION_NAMES, STALE_KEYS } from '../../src/commands/actions.js';
import { actionLabelKey, anyTouches, type LiveEvent, missedChanges, sourceReload, touches } from '../../web/src/actions.js';
import { en } from '../../web/src/i18n/en.js';
import { sv } from '../../web/src/i18n/sv.js';

const event = (stale: LiveEvent['stale'], objectIds: string[] = [], own?: boolean): LiveEvent => ({
  projectId: 'p',
  action: 'segment.apply',
  stale,
  objectIds,
  ...(own ? { own } : {}),
});

describe('touches: what a live event made stale', () => {
  it('is true when any of the kinds asked for is stale', () => {
    expect(touches(event(['segments', 'coders']), 'codebook', 'coders')).toBe(true);
    expect(touches(event(['segments']), 'codebook', 'cases')).toBe(false);
    expect(anyTouches([event(['memos']), event(['consent'])], 'consent')).toBe(true);
    expect(anyTouches([], 'consent')).toBe(false);
  });

  it('is true for every kind after a break in the live updates', () => {
    expect([...missedChanges().stale].sort()).toEqual([...STALE_KEYS].sort());
  });
});

describe('sourceReload: what a document view loads again', () => {
  const projectSources = new Set(['albin', 'kristin']);
  const shown = new Set(['seg-1', 'seg-2']);
  const reload = (...events: LiveEvent[]) => sourceReload(events, 'albin', shown, projectSources);

  it('fetches the text when an event naming the source (or nothing) made texts stale', () => {
    expect(reload(event(['sources', 'texts', 'segments', 'memos'], ['albin']))).toBe('text');
    expect(reload(missedChanges())).toBe('text');
    expect(reload(event(['sources', 'texts', 'cases'], ['kristin']))).toBe(null);
    expect(reload(event(['sources'], ['albin']))).toBe(null);
  });

  it('fetches the segments for coding in this source or in none named', () => {
    expect(reload(event(['segments', 'coders'], ['new-seg', 'albin', 'code']))).toBe('segments');
    expect(reload(event(['segments'], ['seg-2']))).toBe('segments');
    // An undo names the rows it changed, auto-coding its code: either may have touched any source.
    expect(reload(event(['segments'], ['some-row']))).toBe('segments');
    expect(reload(event(['segments', 'coders'], ['new-seg', 'kristin', 'code']))).toBe(null);
  });

  it('leaves this tab’s own coding alone, and changes that are not coding', () => {
    expect(reload(event(['segments', 'coders'], ['seg-3', 'albin'], true))).toBe(null);
    expect(reload(event(['codebook'], ['code']))).toBe(null);
  });
});

describe('action labels', () => {
  const label = (messages: object, action: string) =>
    actionLabelKey(action)
      .split('.')
      .reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], messages);

  it('name every declared action in Swedish and English', () => {
    for (const [language, messages] of [
      ['en', en],
      ['sv', sv],
    ] as const)
      expect(
        ACTION_NAMES.filter((a) => typeof label(messages, a) !== 'string'),
        language,
      ).toEqual([]);
  });
});
