import {
  type Dispatch,
  type MutableRefObject,
  type RefObject,
  type SetStateAction,
  useEffect,
  useLayoutEffect,
  useRef,
  useState,
} from 'react';
import { holdFocusInText, selectionOffsets, selectOffsets } from '../../dom/selection.js';
import { blockAt } from '../../layout/blocks.js';
import type { Run } from '../../layout/runs.js';
import type { DocTextProps } from '../DocText.js';

/**
 * The selection and the caret in the text: reported up, its ends' blocks kept drawn, put back
 * when the runs are redrawn; a caret drawn of our own while the text has the focus.
 */
export function useTextSelection(
  scroller: RefObject<HTMLDivElement | null>,
  canvas: RefObject<HTMLDivElement | null>,
  propsRef: MutableRefObject<DocTextProps>,
  runs: Run[],
  setPinned: Dispatch<SetStateAction<number[]>>,
) {
  const [caret, setCaret] = useState<{ top: number; left: number; height: number } | null>(null);
  const selectionRef = useRef<{ anchor: number; focus: number } | null>(null);

  // Read at once after a key moved it too, as `selectionchange` only comes a moment later.
  const syncSelection = () => {
    const el = scroller.current;
    if (!el) return;
    holdFocusInText(el);
    const sel = selectionOffsets(el);
    if (!sel) {
      if (document.activeElement !== el) setCaret(null);
      return;
    }
    selectionRef.current = { anchor: sel.anchor, focus: sel.focus };
    propsRef.current.onSelection(sel.end > sel.start ? { start: sel.start, end: sel.end } : null);
    const a = blockAt(propsRef.current.blocks, sel.anchor);
    const f = blockAt(propsRef.current.blocks, sel.focus);
    setPinned((p) => (p[0] === a && p[1] === f ? p : [a, f, ...p.slice(2)]));
    drawCaret();
  };
  useEffect(() => {
    const onChange = () => syncSelection();
    document.addEventListener('selectionchange', onChange);
    return () => document.removeEventListener('selectionchange', onChange);
  });

  const drawCaret = () => {
    const el = scroller.current;
    const box = canvas.current;
    const sel = document.getSelection();
    if (
      !el ||
      !box ||
      !sel ||
      sel.rangeCount === 0 ||
      !sel.isCollapsed ||
      document.activeElement !== el ||
      !el.contains(sel.focusNode)
    ) {
      setCaret(null);
      return;
    }
    const rect = sel.getRangeAt(0).getBoundingClientRect();
    const base = box.getBoundingClientRect();
    if (rect.height === 0) return setCaret(null);
    setCaret({ top: rect.top - base.top, left: rect.left - base.left, height: rect.height });
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on purpose whenever the runs are redrawn
  useLayoutEffect(() => {
    // Runs were redrawn (new coding): put the selection back where it was.
    const el = scroller.current;
    const s = selectionRef.current;
    const sel = document.getSelection();
    if (el && s && sel && sel.rangeCount > 0 && el.contains(sel.anchorNode)) selectOffsets(el, s.anchor, s.focus);
  }, [runs]);

  // What the document view may do with the text: focus it, and select in it after a redraw.
  const { handle } = propsRef.current;
  useEffect(() => {
    handle({
      focus: () => scroller.current?.focus({ preventScroll: true }),
      select: (anchor, focus) => {
        const el = scroller.current;
        if (el) {
          selectionRef.current = { anchor, focus };
          selectOffsets(el, anchor, focus);
        }
      },
    });
  }, [handle, scroller]);

  return { caret, setCaret, selectionRef, syncSelection, drawCaret };
}
