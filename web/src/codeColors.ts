import { displayColors } from '../../src/core/codebook/colors.js';
import type { FlatCode } from './api.js';

/** Shown for a code no longer in the codebook. */
export const UNKNOWN_CODE_COLOR = '#888888';

const cache = new WeakMap<readonly FlatCode[], Map<string, string>>();

/**
 * The colour each code is shown in: its own shade of its category's colour unless one was set
 * for it (core `displayColors`). Worked out once per codebook, however many views ask.
 */
export function shownColors(flat: readonly FlatCode[]): Map<string, string> {
  let colors = cache.get(flat);
  if (!colors) {
    colors = displayColors(
      flat.map((f) => ({ id: f.node.id, parentId: f.parentId, position: f.node.position, color: f.node.color })),
    );
    cache.set(flat, colors);
  }
  return colors;
}

/** The colour code `id` is shown in. */
export function codeColor(flat: readonly FlatCode[], id: string): string {
  return shownColors(flat).get(id) ?? UNKNOWN_CODE_COLOR;
}
