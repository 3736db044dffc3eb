import type { z } from 'zod';
import type { CommandContext } from './helpers/context.js';
import { drawPortrait, PortraitInput } from './helpers/pictures/portrait.js';

export const Input = PortraitInput;

/**
 * A document portrait (core/pictures/portrait.ts): where each code falls along one transcript,
 * one lane per code used in it, in codebook order, and its speaker turns (interviewer light,
 * participants dark). Segments are those the caller may see (blind mode, one layer). Offsets are
 * code points of the source's text.
 */
export async function documentPortrait(ctx: CommandContext, input: z.input<typeof Input>) {
  return drawPortrait(ctx, input);
}

export type DocumentPortrait = Awaited<ReturnType<typeof documentPortrait>>;
