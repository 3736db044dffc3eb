import { describe, expect, it } from 'vitest';
import { detectTurns } from '../../src/core/transcript/turns.js';
import { ApiError } from '../../web/src/api.js';
import { Autosave, type SaveStatus } from '../../web/src/media/autosave.js';
import { clockLabel, timestamp } from '../../web/src/media/clock.js';
import { currentTurn, turnTimes } from '../../web/src/media/currentTurn.js';
import { type KeyPress, nextRate, playerKeyOf } from '../../web/src/media/playerKeys.js';
import { applyEdit, insertTimestamp, newTurn, nextSpeaker, parseSpeakers } from '../../web/src/media/transcribe.js';
import { saveFailure } from '../../web/src/mediaApi.js';

describe('times of a recording', () => {
  it('writes a clock for the margin and a timestamp turn detection reads back', () => {
    expect(clockLabel(83_400)).toBe('01:23');
    expect(clockLabel(3_723_000)).toBe('1:02:03');
    expect(timestamp(3_723_999)).toBe('[01:02:03]');
    const [turn] = detectTurns(`${timestamp(83_000)} IP: Ja.\n${timestamp(90_000)} I: Och?`);
    expect(turn?.startMs).toBe(83_000);
  });
});

describe('the current turn', () => {
  const times = turnTimes([
    { startMs: null, endMs: null },
    { startMs: 1000, endMs: null },
    { startMs: null, endMs: null },
    { startMs: 5000, endMs: 8000 },
    { startMs: 10_000, endMs: null },
  ]);

  it('is the last timed turn begun, until the next one starts or it ends', () => {
    expect(currentTurn(times, 999)).toBeNull();
    expect(currentTurn(times, 1000)).toBe(1);
    expect(currentTurn(times, 4999)).toBe(1);
    expect(currentTurn(times, 5000)).toBe(3);
    expect(currentTurn(times, 60_000)).toBe(4);
  });

  it('is none in a silence between a turn’s end and the next start', () => {
    expect(currentTurn(times, 9000)).toBeNull();
  });

  it('is none without timed turns', () => {
    expect(currentTurn(turnTimes([{ startMs: null, endMs: null }]), 0)).toBeNull();
  });
});

describe('player keys', () => {
  const press = (p: Partial<KeyPress>): KeyPress => ({
    key: '',
    code: '',
    ctrlKey: false,
    shiftKey: false,
    altKey: false,
    metaKey: false,
    ...p,
  });

  it('are chords no text field uses, by the key’s place', () => {
    expect(playerKeyOf(press({ key: 'F4' }))).toBe('toggle');
    expect(playerKeyOf(press({ code: 'Space', ctrlKey: true }))).toBe('toggle');
    expect(playerKeyOf(press({ code: 'Comma', key: ';', ctrlKey: true, shiftKey: true }))).toBe('slower');
    expect(playerKeyOf(press({ code: 'Period', ctrlKey: true }))).toBe('forward');
    expect(playerKeyOf(press({ code: 'KeyJ', ctrlKey: true }))).toBe('timestamp');
    expect(playerKeyOf(press({ code: 'Enter', ctrlKey: true }))).toBe('newTurn');
    expect(playerKeyOf(press({ code: 'Space', key: ' ' }))).toBeNull();
    expect(playerKeyOf(press({ code: 'KeyJ', ctrlKey: true, altKey: true }))).toBeNull();
  });

  it('step the speed within 0.5–2×', () => {
    expect(nextRate(1, 1)).toBe(1.25);
    expect(nextRate(2, 1)).toBe(2);
    expect(nextRate(0.5, -1)).toBe(0.5);
    expect(nextRate(1.1, -1)).toBe(1);
  });
});

describe('transcription keys', () => {
  it('insert the time at the caret, over a selection', () => {
    expect(applyEdit('Ja visst.', insertTimestamp(3, 9, 65_000))).toEqual({ text: 'Ja [00:01:05] ', caret: 14 });
  });

  it('start a new turn on its own paragraph with the next speaker, and detection finds it', () => {
    let edit = applyEdit('', newTurn('', 0, 0, 0, nextSpeaker('', 0, ['I', 'IP'])));
    expect(edit).toEqual({ text: '[00:00:00] I: ', caret: 14 });
    edit = { text: `${edit.text}Hur började det?  `, caret: edit.caret + 18 };
    const speaker = nextSpeaker(edit.text, edit.caret, ['I', 'IP']);
    edit = applyEdit(edit.text, newTurn(edit.text, edit.caret, edit.caret, 4200, speaker));
    expect(edit.text).toBe('[00:00:00] I: Hur började det?\n\n[00:00:04] IP: ');
    expect(edit.caret).toBe(edit.text.length);
    expect(detectTurns(`${edit.text}Med ett möte.`).map((t) => [t.speaker, t.startMs])).toEqual([
      ['I', 0],
      ['IP', 4000],
    ]);
  });

  it('moves the rest of the line into the new turn', () => {
    const text = 'I: Ja. Nej.';
    expect(applyEdit(text, newTurn(text, 6, 6, 1000, 'IP')).text).toBe('I: Ja.\n\n[00:00:01] IP: Nej.');
  });

  it('takes named speakers in turn, round again, and refuses labels that start no turn', () => {
    expect(nextSpeaker('[00:00:01] Kristin: Ja.', 23, ['Albin', 'Kristin'])).toBe('Albin');
    expect(parseSpeakers(' I, Albin ,, obs, ip')).toEqual({ speakers: ['I', 'Albin'], refused: ['obs', 'ip'] });
  });
});

/** Timers run by hand: the test says when time passes. */
function manualTimers() {
  const pending = new Map<number, { run: () => void; ms: number }>();
  let next = 0;
  return {
    timers: {
      set: (run: () => void, ms: number) => {
        pending.set(++next, { run, ms });
        return next;
      },
      clear: (h: unknown) => void pending.delete(h as number),
    },
    delays: () => [...pending.values()].map((p) => p.ms),
    fire() {
      const all = [...pending.values()];
      pending.clear();
      for (const p of all) p.run();
    },
  };
}

/** A save the test answers: each call waits until resolved or rejected. */
function manualServer() {
  const calls: { text: string; base: string; resolve(h: string): void; reject(e: unknown): void }[] = [];
  return {
    calls,
    save: (text: string, base: string) =>
      new Promise<string>((resolve, reject) => {
        calls.push({ text, base, resolve, reject });
      }),
  };
}

const settle = () => new Promise((r) => setImmediate(r));

describe('autosave', () => {
  const make = () => {
    const clock = manualTimers();
    const server = manualServer();
    const statuses: SaveStatus[] = [];
    const saver = new Autosave('', 'h0', {
      save: server.save,
      failure: (e) => (e as Error).message as 'conflict' | 'refused' | 'retry',
      onStatus: (s) => statuses.push(s),
      timers: clock.timers,
      delayMs: 800,
    });
    return { clock, server, statuses, saver };
  };

  it('saves once typing pauses, on the hash it was based on', async () => {
    const { clock, server, statuses, saver } = make();
    saver.edit('I: Hej');
    saver.edit('I: Hej då');
    expect(statuses.at(-1)).toBe('unsaved');
    clock.fire();
    expect(server.calls.map((c) => [c.text, c.base])).toEqual([['I: Hej då', 'h0']]);
    server.calls[0]?.resolve('h1');
    await settle();
    expect(statuses.at(-1)).toBe('saved');
    saver.edit('I: Hej då!');
    clock.fire();
    expect(server.calls[1]?.base).toBe('h1');
  });

  it('keeps the text after a failed save and retries, later each time, until it is saved', async () => {
    const { clock, server, statuses, saver } = make();
    saver.edit('IP: Ja');
    clock.fire();
    server.calls[0]?.reject(new Error('retry'));
    await settle();
    expect(statuses.at(-1)).toBe('retrying');
    expect(clock.delays()).toEqual([2000]);
    saver.edit('IP: Ja, det');
    clock.fire();
    expect(server.calls[1]?.text).toBe('IP: Ja, det');
    server.calls[1]?.reject(new Error('retry'));
    await settle();
    expect(clock.delays()).toEqual([4000]);
    clock.fire();
    server.calls[2]?.resolve('h1');
    await settle();
    expect([statuses.at(-1), saver.saved, saver.dirty]).toEqual(['saved', 'IP: Ja, det', false]);
  });

  it('saves what was typed during a save right after it', async () => {
    const { clock, server, saver } = make();
    saver.edit('I: A');
    clock.fire();
    saver.edit('I: AB');
    saver.flush();
    expect(server.calls).toHaveLength(1);
    server.calls[0]?.resolve('h1');
    await settle();
    expect(server.calls.map((c) => [c.text, c.base])).toEqual([
      ['I: A', 'h0'],
      ['I: AB', 'h1'],
    ]);
  });

  it('stops on a refusal that would come again, keeping the text unsaved', async () => {
    const { clock, server, statuses, saver } = make();
    saver.edit('I: Läser bara');
    clock.fire();
    server.calls[0]?.reject(new Error('refused'));
    await settle();
    saver.edit('I: Läser bara här');
    expect([statuses.at(-1), clock.delays(), saver.dirty, server.calls.length]).toEqual(['refused', [], true, 1]);
  });

  it('stops on a text changed elsewhere, keeps the text, and saves over it only when asked', async () => {
    const { clock, server, statuses, saver } = make();
    saver.edit('I: Mitt');
    clock.fire();
    server.calls[0]?.reject(new Error('conflict'));
    await settle();
    saver.edit('I: Mitt eget');
    expect([statuses.at(-1), clock.delays()]).toEqual(['conflict', []]);
    saver.overwrite('h9');
    expect(server.calls.map((c) => [c.text, c.base])).toContainEqual(['I: Mitt eget', 'h9']);
  });
});

describe('a failed save of a transcript', () => {
  it('is retried when no answer came or the server failed, not when it refused or the text changed', () => {
    expect(saveFailure(new ApiError('offline', 'network', 0))).toBe('retry');
    expect(saveFailure(new ApiError('busy', 'store.busy', 503))).toBe('retry');
    expect(saveFailure(new ApiError('changed', 'source.text-changed', 409))).toBe('conflict');
    expect(saveFailure(new ApiError('role', 'auth.role', 403))).toBe('refused');
    expect(saveFailure(new ApiError('gone', 'source.not-found', 404))).toBe('refused');
  });
});
