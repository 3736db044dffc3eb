import { matchSpeakerPrefix } from '../../../src/core/transcript/turns.js';
import { timestamp } from './clock.js';

/** What a key in transcription mode types: `[from, to)` (UTF-16) replaced by `insert`, the caret after it. */
export interface Edit {
  from: number;
  to: number;
  insert: string;
}

/** The text after an edit, and where the caret goes. */
export function applyEdit(text: string, edit: Edit): { text: string; caret: number } {
  return { text: text.slice(0, edit.from) + edit.insert + text.slice(edit.to), caret: edit.from + edit.insert.length };
}

export const DEFAULT_SPEAKERS = ['I', 'IP'];

/**
 * The speakers typed as a comma-separated list (`I, IP` or `Intervjuare, Albin, Kristin`):
 * the labels turn detection reads as a speaker, and those it would not (they would not start a turn).
 */
export function parseSpeakers(input: string): { speakers: string[]; refused: string[] } {
  const names = [...new Set(input.split(',').map((s) => s.trim()))].filter((s) => s !== '');
  const isLabel = (name: string) => matchSpeakerPrefix(`${name}: x`)?.speaker === name;
  return { speakers: names.filter(isLabel), refused: names.filter((n) => !isLabel(n)) };
}

/** The speaker after the last one who spoke before `caret` (in the list's order, round again); the first when none did. */
export function nextSpeaker(text: string, caret: number, speakers: readonly string[]): string {
  const lines = text.slice(0, caret).split('\n');
  for (let i = lines.length - 1; i >= 0; i--) {
    const said = matchSpeakerPrefix((lines[i] as string).trimStart())?.speaker;
    if (said === undefined) continue;
    const at = speakers.indexOf(said);
    return speakers[(at + 1) % speakers.length] ?? said;
  }
  return speakers[0] ?? 'I';
}

/** The selection `[from, to)` replaced by the time `[hh:mm:ss] `. */
export function insertTimestamp(from: number, to: number, ms: number): Edit {
  return { from, to, insert: `${timestamp(ms)} ` };
}

/**
 * A new turn at the caret: a blank line (each turn its own paragraph), then `[hh:mm:ss] IP: `;
 * spaces left before the caret are dropped, and the rest of the line moves into the new turn.
 */
export function newTurn(text: string, from: number, to: number, ms: number, speaker: string): Edit {
  const before = text.slice(0, from).replace(/[ \t]+$/, '');
  const gap = before === '' ? '' : before.endsWith('\n\n') ? '' : before.endsWith('\n') ? '\n' : '\n\n';
  const spacesAfter = /^[ \t]*/.exec(text.slice(to))?.[0].length ?? 0;
  return { from: before.length, to: to + spacesAfter, insert: `${gap}${timestamp(ms)} ${speaker}: ` };
}
