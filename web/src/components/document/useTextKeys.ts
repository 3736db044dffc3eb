import type { KeyboardEvent, MutableRefObject, RefObject } from 'react';
import type { DocTextProps } from '../DocText.js';

type CodingKey = Parameters<DocTextProps['onKey']>[0];

/** The coding keys; Ctrl, Alt and Meta combinations are left to the browser. */
const CODING_KEYS: Record<string, CodingKey> = {
  c: 'code',
  C: 'code',
  Enter: 'code',
  r: 'repeat',
  R: 'repeat',
  ']': 'next',
  '[': 'prev',
  Delete: 'remove',
  Backspace: 'remove',
  m: 'memo',
  M: 'memo',
  Escape: 'escape',
};

/**
 * Keys in the text: arrows (with Shift, Ctrl) move a caret of their own, as the text is not
 * editable, keeping it in view; the coding keys go up to the document view.
 */
export function useTextKeys(
  scroller: RefObject<HTMLDivElement | null>,
  propsRef: MutableRefObject<DocTextProps>,
  syncSelection: () => void,
) {
  /** A caret for keyboard users: placed at the first line on screen if there is none yet. */
  const ensureCaret = (): boolean => {
    const el = scroller.current;
    const sel = document.getSelection();
    if (!el || !sel) return false;
    if (sel.rangeCount > 0 && el.contains(sel.focusNode)) return true;
    const top = el.getBoundingClientRect().top;
    const first = [...el.querySelectorAll<HTMLElement>('[data-o]')].find((r) => r.getBoundingClientRect().bottom > top + 4);
    if (!first?.firstChild) return false;
    sel.collapse(first.firstChild, 0);
    return true;
  };

  const keepFocusVisible = () => {
    const el = scroller.current;
    const sel = document.getSelection();
    if (!el || !sel || sel.rangeCount === 0 || !sel.focusNode) return;
    const r = document.createRange();
    r.setStart(sel.focusNode, sel.focusOffset);
    const rect = r.getBoundingClientRect();
    const box = el.getBoundingClientRect();
    if (rect.height === 0) return;
    if (rect.bottom > box.bottom - 24) el.scrollTop += rect.bottom - box.bottom + 48;
    else if (rect.top < box.top + 24) el.scrollTop -= box.top - rect.top + 48;
  };

  return (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.altKey || e.metaKey) return;
    const sel = document.getSelection();
    const arrows: Record<string, [string, string]> = {
      ArrowLeft: ['backward', e.ctrlKey ? 'word' : 'character'],
      ArrowRight: ['forward', e.ctrlKey ? 'word' : 'character'],
      ArrowUp: ['backward', e.ctrlKey ? 'paragraph' : 'line'],
      ArrowDown: ['forward', e.ctrlKey ? 'paragraph' : 'line'],
      Home: ['backward', 'lineboundary'],
      End: ['forward', 'lineboundary'],
    };
    const move = arrows[e.key];
    if (move && sel) {
      e.preventDefault();
      const el = scroller.current;
      if (el && document.activeElement !== el) el.focus({ preventScroll: true });
      if (!ensureCaret()) return;
      (sel as Selection & { modify(a: string, d: string, g: string): void }).modify(
        e.shiftKey ? 'extend' : 'move',
        move[0],
        move[1],
      );
      keepFocusVisible();
      syncSelection();
      return;
    }
    if (e.ctrlKey) return;
    const action = CODING_KEYS[e.key];
    if (action) {
      e.preventDefault();
      syncSelection();
      propsRef.current.onKey(action);
    }
  };
}
