import { type Dispatch, type RefObject, type SetStateAction, useEffect, useRef } from 'react';
import { type Block, blockAt, type TurnMark } from '../../layout/blocks.js';
import type { HeightMap } from '../../layout/virtual.js';

export interface FollowState {
  turns: TurnMark[];
  blocks: Block[];
  heights: HeightMap | null;
  setPinned: Dispatch<SetStateAction<number[]>>;
  setViewport(viewport: { top: number; height: number }): void;
}

/** The turn's first line drawn at `index`, if its block is drawn. */
function turnElement(scroller: HTMLElement, index: number): HTMLElement | null {
  return scroller.querySelector<HTMLElement>(`[data-turn="${index}"]`);
}

/** Some of turn `index` (any of its pieces: a long turn is cut in several) is inside the scroller's box. */
function onScreen(scroller: HTMLElement, index: number): boolean {
  const box = scroller.getBoundingClientRect();
  return [...scroller.querySelectorAll<HTMLElement>(`[data-in-turn="${index}"]`)].some((el) => {
    const r = el.getBoundingClientRect();
    return r.bottom > box.top && r.top < box.bottom;
  });
}

/**
 * Keeps the turn being heard in view while the recording plays, unless the person scrolled away
 * to read elsewhere: the text follows only when the turn heard before is still on screen (or
 * none was), so scrolling back to it takes the following up again.
 */
export function useFollowTurn(scroller: RefObject<HTMLDivElement | null>, current: number | null, state: FollowState) {
  const before = useRef<number | null>(null);
  const stateRef = useRef(state);
  stateRef.current = state;

  useEffect(() => {
    const el = scroller.current;
    const previous = before.current;
    before.current = current;
    const { turns, blocks, heights, setPinned, setViewport } = stateRef.current;
    if (!el || current === null || !heights || current === previous) return;
    if (previous !== null && !onScreen(el, previous)) return;
    const place = () => {
      const target = turnElement(el, current);
      if (!target) return false;
      const box = el.getBoundingClientRect();
      const top = target.getBoundingClientRect().top;
      // Already in the upper part of the view: leave the text still, as a reader wants it.
      if (top >= box.top && top <= box.top + box.height * 0.6) return true;
      el.scrollTop += top - box.top - box.height / 4;
      return true;
    };
    if (place()) return;
    // Not drawn yet (virtual text): draw its block, scroll near it, then place it exactly.
    const turn = turns[current];
    if (!turn) return;
    const b = blockAt(blocks, turn.start);
    setPinned((p) => [...p.slice(0, 2), b]);
    el.scrollTop = Math.max(0, heights.top(b) - el.clientHeight / 4);
    setViewport({ top: el.scrollTop, height: el.clientHeight });
    requestAnimationFrame(() => requestAnimationFrame(() => place()));
  }, [scroller, current]);
}
