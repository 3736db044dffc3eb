import { type Dispatch, type MutableRefObject, type RefObject, type SetStateAction, useEffect, useRef } from 'react';
import { selectOffsets } from '../../dom/selection.js';
import { type Block, blockAt } from '../../layout/blocks.js';
import type { HeightMap } from '../../layout/virtual.js';
import type { DocTextProps } from '../DocText.js';

export interface JumpState {
  heights: HeightMap | null;
  blocks: Block[];
  setPinned: Dispatch<SetStateAction<number[]>>;
  setViewport(viewport: { top: number; height: number }): void;
  selectionRef: MutableRefObject<{ anchor: number; focus: number } | null>;
}

/**
 * A jump asked for by the document view: scroll a segment into view and focus its first
 * highlight, or select and mark a place (a search hit) with the focus in the text.
 */
export function useTextJump(
  scroller: RefObject<HTMLDivElement | null>,
  propsRef: MutableRefObject<DocTextProps>,
  state: JumpState,
) {
  const { heights, blocks, setPinned, setViewport, selectionRef } = state;
  const jump = propsRef.current.jump;

  // The mark of a place jumped to goes with the text.
  useEffect(
    () => () => {
      CSS.highlights?.delete('koda-found');
    },
    [],
  );

  const jumped = useRef(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new jump, or the text to jump in, starts one; the rest is read as it is then
  useEffect(() => {
    const el = scroller.current;
    if (!jump || jump.n === jumped.current || !el || !heights) return;
    const range = jump.range;
    const span = range ?? (jump.id ? propsRef.current.spans.get(jump.id) : undefined);
    if (!span) return;
    jumped.current = jump.n;
    const b = blockAt(blocks, span.start);
    setPinned((p) => [...p.slice(0, 2), b]);
    el.scrollTop = Math.max(0, heights.top(b) - el.clientHeight / 3);
    setViewport({ top: el.scrollTop, height: el.clientHeight });
    const find = (tries: number) => {
      if (range) {
        // A place, not a segment: select it (C codes it) and mark it, the focus in the text.
        el.focus({ preventScroll: true });
        if (selectOffsets(el, range.start, range.end)) {
          selectionRef.current = { anchor: range.start, focus: range.end };
          const sel = document.getSelection();
          const r = sel && sel.rangeCount > 0 ? sel.getRangeAt(0) : null;
          if (r) {
            if (typeof Highlight !== 'undefined') CSS.highlights?.set('koda-found', new Highlight(r.cloneRange()));
            const box = el.getBoundingClientRect();
            const at = r.getBoundingClientRect();
            el.scrollTop += at.top - box.top - el.clientHeight / 3;
          }
          // (The selectionchange that follows reports the selection up.)
        } else if (tries > 0) requestAnimationFrame(() => find(tries - 1));
        return;
      }
      const mark = el.querySelector<HTMLElement>(`[data-segment-ids~="${CSS.escape(jump.id ?? '')}"]`);
      if (mark) {
        mark.scrollIntoView({ block: 'center' });
        // Focusable only while it has the focus: a mouse press on a focusable mark moves the
        // focus into it and Chromium then starts no selection at its first letter.
        mark.tabIndex = -1;
        mark.focus({ preventScroll: true });
        propsRef.current.onActivate(jump.id ?? null);
      } else if (tries > 0) requestAnimationFrame(() => find(tries - 1));
    };
    requestAnimationFrame(() => find(20));
  }, [jump, heights, blocks]);
}
