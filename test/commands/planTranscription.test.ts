import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { attachRecording } from '../../src/commands/attachRecording.js';
import { createProject } from '../../src/commands/createProject.js';
import { deleteSource } from '../../src/commands/deleteSource.js';
import { getTranscriptionPlan } from '../../src/commands/getTranscriptionPlan.js';
import type { CommandContext } from '../../src/commands/helpers/context.js';
import { importSource } from '../../src/commands/importSource.js';
import { markTranscriptionDone } from '../../src/commands/markTranscriptionDone.js';
import { planTranscription } from '../../src/commands/planTranscription.js';
import { markTranscriptVerified } from '../../src/commands/retention.js';
import { setInterview } from '../../src/commands/setInterview.js';
import { tempContext, utf8 } from '../helpers.js';
import { expectRefused } from './fixtures.js';

let ctx: CommandContext;
let cleanup: () => Promise<void>;
let p: string;

beforeEach(async () => {
  ({ ctx, cleanup } = await tempContext());
  p = (await createProject(ctx, { name: 'Omega', language: 'sv' })).id;
});
afterEach(() => cleanup());

/** An interview with a logged length (no recording): `mm:ss`. */
async function interview(name: string, length: string | null, text = 'I: Hur ser dagen ut?\n\nIP: Lugn.\n') {
  const source = await importSource(ctx, { project: p, fileName: `${name}.txt`, bytes: utf8(text), name });
  if (length) await setInterview(ctx, { project: p, source: source.id, length });
  return source.id;
}

const minutes = (ms: number) => ms / 60_000;

/** A silent WAV (8 kHz, 8-bit, mono) of `seconds`, written by hand: its header says its length. */
function wav(seconds: number): Uint8Array {
  const samples = 8000 * seconds;
  const bytes = new Uint8Array(44 + samples).fill(128);
  const view = new DataView(bytes.buffer);
  const text = (at: number, s: string) => bytes.set(new TextEncoder().encode(s), at);
  text(0, 'RIFF');
  view.setUint32(4, 36 + samples, true);
  text(8, 'WAVEfmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, 1, true);
  view.setUint32(24, 8000, true);
  view.setUint32(28, 8000, true);
  view.setUint16(32, 1, true);
  view.setUint16(34, 8, true);
  text(36, 'data');
  view.setUint32(40, samples, true);
  return bytes;
}

describe('planTranscription', () => {
  it('splits eight interviews of 30 to 67 minutes between two authors as 3.5 and 4.5, and saves the plan', async () => {
    // No choice of whole interviews comes within 2.5 minutes of half the total.
    const lengths = ['67:00', '63:31', '63:06', '63:01', '48:42', '46:59', '44:05', '30:00'];
    for (const [i, length] of lengths.entries()) await interview(`Intervju ${i + 1}`, length);
    const plan = await planTranscription(ctx, { project: p, transcribers: [{ name: 'Författare A' }, { name: 'Författare B' }] });
    expect(plan.interviews).toBe(8);
    expect(plan.splitInterviews).toBe(1);
    expect(plan.transcribers.map((t) => t.interviews).sort()).toEqual([3.5, 4.5]);
    const [a, b] = plan.transcribers;
    expect(Math.abs(a!.plannedMs - a!.targetMs)).toBeLessThanOrEqual(60_000);
    expect(minutes(a!.plannedMs + b!.plannedMs)).toBeCloseTo(426.4, 1);
    // The split interview's two parts meet at a whole second.
    const split = plan.parts.filter((part) => part.split);
    expect(split).toHaveLength(2);
    expect(split[0]!.endMs).toBe(split[1]!.startMs);
    expect(split[0]!.endMs % 1000).toBe(0);
    expect(await getTranscriptionPlan(ctx, { project: p })).toEqual(plan);
  });

  it('cuts an interview at a turn boundary when its turns are timed, and follows the shares', async () => {
    const timed = ['[00:00] I: Första frågan?', '[03:10] IP: Svar.', '[04:40] I: Nästa?', '[07:20] IP: Svar igen.'].join('\n\n');
    await interview('Tidsatt', '10:00', timed);
    const plan = await planTranscription(ctx, {
      project: p,
      transcribers: [
        { name: 'Anna', share: 1 },
        { name: 'Bo', share: 1 },
      ],
    });
    const cut = plan.parts[0]!.endMs;
    expect([190_000, 280_000, 440_000]).toContain(cut);
    expect(cut).toBe(280_000); // the boundary nearest half of 10:00, within the minute's tolerance
    expect(plan.parts.map((part) => part.transcriber)).toEqual(['Anna', 'Bo']);
  });

  it("takes a recording's length over the one typed in the log", async () => {
    const source = await interview('Inspelad', '10:00');
    const content = (async function* () {
      yield wav(3);
    })();
    await attachRecording(ctx, { project: p, source, fileName: 'inspelad.wav', content });
    const plan = await planTranscription(ctx, { project: p, transcribers: [{ name: 'Anna' }] });
    expect(plan.parts.map((part) => [part.startMs, part.endMs])).toEqual([[0, 3000]]);
  });

  it('tracks progress: a part marked transcribed, or its transcript verified, counts as done', async () => {
    const first = await interview('Ett', '40:00');
    await interview('Två', '20:00');
    await interview('Utan längd', null);
    const plan = await planTranscription(ctx, { project: p, transcribers: [{ name: 'Anna' }, { name: 'Bo' }] });
    expect(plan.notPlanned.map((s) => s.name)).toEqual(['Utan längd']);
    const anna = plan.parts.find((part) => part.source.id === first && part.transcriber === 'Anna');
    expect(anna).toBeDefined();
    const marked = await markTranscriptionDone(ctx, { project: p, source: 'Ett', transcriber: 'Anna' });
    expect(marked.transcribers.find((t) => t.name === 'Anna')?.doneMs).toBe(anna!.endMs - anna!.startMs);
    await markTranscriptVerified(ctx, { project: p, source: 'Två' });
    const now = await getTranscriptionPlan(ctx, { project: p });
    expect(
      now.parts
        .filter((part) => part.done)
        .map((part) => part.doneBy)
        .sort(),
    ).toEqual(['mark', 'verified']);
    const doneBefore = now.transcribers.find((t) => t.name === 'Anna')!.doneMs;
    const undone = await markTranscriptionDone(ctx, { project: p, source: 'Ett', transcriber: 'Anna', done: false });
    expect(undone.transcribers.find((t) => t.name === 'Anna')?.doneMs).toBe(doneBefore - (anna!.endMs - anna!.startMs));
  });

  it('planning again replaces the plan; deleting an interview takes its parts with it', async () => {
    await interview('Ett', '30:00');
    const gone = await interview('Två', '30:00');
    await planTranscription(ctx, { project: p, transcribers: [{ name: 'Anna' }, { name: 'Bo' }] });
    const again = await planTranscription(ctx, { project: p, transcribers: [{ name: 'Cecilia' }] });
    expect(again.transcribers.map((t) => t.name)).toEqual(['Cecilia']);
    expect(await ctx.store.db.selectFrom('transcription_transcribers').select('name').execute()).toEqual([{ name: 'Cecilia' }]);
    await deleteSource(ctx, { project: p, source: gone });
    const after = await getTranscriptionPlan(ctx, { project: p });
    expect(after.parts.map((part) => part.source.name)).toEqual(['Ett']);
  });

  it('refuses bad input in one line and changes nothing', async () => {
    await interview('Ett', '30:00');
    await interview('Utan längd', null);
    await expectRefused(
      ctx.store,
      () => planTranscription(ctx, { project: p, transcribers: [{ name: 'Anna' }, { name: ' Anna' }] }),
      'plan.transcriber-twice',
    );
    await expectRefused(
      ctx.store,
      () => planTranscription(ctx, { project: p, transcribers: [{ name: 'Anna' }], sources: ['Ett', 'Utan längd'] }),
      'plan.no-length',
    );
    await expectRefused(
      ctx.store,
      () => planTranscription(ctx, { project: p, transcribers: [{ name: 'Anna', share: 0 }] }),
      'input.invalid',
    );
    await expectRefused(
      ctx.store,
      () => markTranscriptionDone(ctx, { project: p, source: 'Ett', transcriber: 'Anna' }),
      'plan.no-part',
    );
    const empty = (await createProject(ctx, { name: 'Tomt', language: 'sv' })).id;
    await expectRefused(
      ctx.store,
      () => planTranscription(ctx, { project: empty, transcribers: [{ name: 'Anna' }] }),
      'plan.no-lengths',
    );
  });
});
