import type { z } from 'zod';
import type { CommandContext } from './helpers/context.js';
import { findSegmentPage, findSegments, PageInput, RetrievalInput, segmentPageJson } from './helpers/retrieval.js';
import { parseInput } from './helpers/validate.js';

export const Input = RetrievalInput;

/** Coded segments with their text, source, case and code, in reading order (helpers/retrieval.ts). */
export async function retrieveSegments(ctx: CommandContext, input: z.input<typeof Input>) {
  return findSegments(ctx, parseInput(Input, input));
}

/** The same segments a page at a time, packed lean for the wire (core/segmentPage.ts). */
export async function retrieveSegmentPage(ctx: CommandContext, input: z.input<typeof PageInput>) {
  return findSegmentPage(ctx, parseInput(PageInput, input));
}

/** The page of retrieveSegmentPage as JSON text in pieces, written while it is read (a long list streams). */
export async function retrieveSegmentPageJson(ctx: CommandContext, input: z.input<typeof PageInput>) {
  return segmentPageJson(ctx, parseInput(PageInput, input));
}
