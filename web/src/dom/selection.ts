/**
 * DOM selection ↔ UTF-16 offsets of the canonical text. Every piece of text on screen is a run
 * element carrying `data-o` (its UTF-16 start); text outside runs (turn labels in the gutter)
 * is skipped. Code points are not this module's business: `text/offsets.ts` converts.
 */

const RUN = '[data-o]';

function runStart(el: Element): number {
  return Number((el as HTMLElement).dataset.o);
}

function runLength(el: Element): number {
  return el.textContent?.length ?? 0;
}

/** The first run at or after `node` (document order) inside `root`. */
function runFrom(root: Element, node: Node): Element | null {
  if (node instanceof Element) {
    if (node.matches(RUN)) return node;
    const inside = node.querySelector(RUN);
    if (inside) return inside;
  }
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT, {
    acceptNode: (n) => ((n as Element).matches(RUN) ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP),
  });
  walker.currentNode = node;
  return walker.nextNode() as Element | null;
}

/** The last run before `node` (document order) inside `root`. */
function runBefore(root: Element, node: Node): Element | null {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT, {
    acceptNode: (n) => ((n as Element).matches(RUN) && !n.contains(node) ? NodeFilter.FILTER_ACCEPT : NodeFilter.FILTER_SKIP),
  });
  walker.currentNode = node;
  return walker.previousNode() as Element | null;
}

/** UTF-16 offset of a DOM point (`node`, `offset`) inside `root`, or null when outside it. */
export function pointToOffset(root: Element, node: Node, offset: number): number | null {
  if (!root.contains(node)) return null;
  if (node.nodeType === Node.TEXT_NODE) {
    const run = node.parentElement?.closest(RUN);
    if (run && root.contains(run)) return runStart(run) + offset;
    const next = runFrom(root, node);
    if (next) return runStart(next);
    const prev = runBefore(root, node);
    return prev ? runStart(prev) + runLength(prev) : null;
  }
  const el = node as Element;
  const enclosing = el.closest(RUN);
  if (enclosing && root.contains(enclosing)) return runStart(enclosing) + (offset === 0 ? 0 : runLength(enclosing));
  const child = el.childNodes[offset];
  if (child) {
    const next = runFrom(root, child);
    if (next) return runStart(next);
  }
  const last = el.querySelectorAll(RUN);
  const tail = last[last.length - 1];
  if (tail) return runStart(tail) + runLength(tail);
  const prev = runBefore(root, el);
  if (prev) return runStart(prev) + runLength(prev);
  const next = runFrom(root, el);
  return next ? runStart(next) : null;
}

/** The selection inside `root` as UTF-16 `[start, end)` with its focus end, or null. */
export function selectionOffsets(root: Element): { start: number; end: number; anchor: number; focus: number } | null {
  const sel = document.getSelection();
  if (!sel || sel.rangeCount === 0 || !sel.anchorNode || !sel.focusNode) return null;
  if (!root.contains(sel.anchorNode) || !root.contains(sel.focusNode)) return null;
  const anchor = pointToOffset(root, sel.anchorNode, sel.anchorOffset);
  const focus = pointToOffset(root, sel.focusNode, sel.focusOffset);
  if (anchor === null || focus === null) return null;
  return { start: Math.min(anchor, focus), end: Math.max(anchor, focus), anchor, focus };
}

/** The DOM point for UTF-16 offset `offset`, if its run is on screen. */
export function offsetToPoint(root: Element, offset: number): { node: Node; offset: number } | null {
  const runs = root.querySelectorAll(RUN);
  // Runs are in text order: binary search for the last run starting at or before `offset`.
  let lo = 0;
  let hi = runs.length - 1;
  if (hi < 0) return null;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (runStart(runs[mid] as Element) <= offset) lo = mid;
    else hi = mid - 1;
  }
  const run = runs[lo] as Element;
  const start = runStart(run);
  const length = runLength(run);
  if (offset < start || offset > start + length) return null;
  const text = run.firstChild;
  if (!text) return { node: run, offset: 0 };
  return { node: text, offset: offset - start };
}

/** Selects UTF-16 `[anchor, focus]` in `root` if both ends are on screen; true if it did. */
export function selectOffsets(root: Element, anchor: number, focus: number): boolean {
  const a = offsetToPoint(root, anchor);
  const f = offsetToPoint(root, focus);
  const sel = document.getSelection();
  if (!a || !f || !sel) return false;
  sel.setBaseAndExtent(a.node, a.offset, f.node, f.offset);
  return true;
}

/** Whether DOM point `node` lies in a run of `root`. */
function inRun(root: Element, node: Node): boolean {
  const el = node instanceof Element ? node : node.parentElement;
  const run = el?.closest(RUN);
  return run !== null && run !== undefined && root.contains(run);
}

/**
 * A drag begun in the text may end where there is none: below the last line, over the side
 * panel, past the window. Its focus is then put at the nearest end of the text drawn, so the
 * selection reads as text up to there (and copies no panel). True if it moved the focus.
 */
export function holdFocusInText(root: Element): boolean {
  const sel = document.getSelection();
  if (!sel || sel.rangeCount === 0 || !sel.anchorNode || !sel.focusNode) return false;
  if (!inRun(root, sel.anchorNode) || inRun(root, sel.focusNode)) return false;
  const runs = root.querySelectorAll(RUN);
  const first = runs[0];
  const last = runs[runs.length - 1];
  if (!first || !last) return false;
  const text = document.createRange();
  text.selectNodeContents(root);
  const side = text.comparePoint(sel.focusNode, sel.focusOffset);
  const offset =
    side < 0
      ? runStart(first)
      : side > 0
        ? runStart(last) + runLength(last)
        : pointToOffset(root, sel.focusNode, sel.focusOffset);
  const point = offset === null ? null : offsetToPoint(root, offset);
  if (!point) return false;
  sel.setBaseAndExtent(sel.anchorNode, sel.anchorOffset, point.node, point.offset);
  return true;
}
