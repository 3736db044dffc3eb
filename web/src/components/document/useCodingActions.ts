import { type Dispatch, type MutableRefObject, type SetStateAction, useCallback, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, currentCoder, type DocSegment, type Source } from '../../api.js';
import { useProject } from '../../project.js';
import { type TextOffsets, trimSelection } from '../../text/offsets.js';
import { useUi } from '../../ui.js';
import { warningText } from '../../warnings.js';
import type { PopoverChoice } from '../CodePopover.js';
import type { DocTextHandle } from '../DocText.js';
import { byPosition } from './useSourceData.js';

type Range = { start: number; end: number };

/**
 * The selection (UTF-16), as state to render and as of now: state lags a render behind, and the
 * keys act on what is selected now.
 */
export function useSelection() {
  const [selection, setSelectionState] = useState<Range | null>(null);
  const selectionNow = useRef<Range | null>(null);
  const setSelection = useCallback((range: Range | null) => {
    selectionNow.current = range;
    setSelectionState(range);
  }, []);
  return { selection, selectionNow, setSelection };
}

export interface CodingState {
  doc: Source | null;
  offsets: TextOffsets | null;
  selectionNow: MutableRefObject<Range | null>;
  setSelection(range: Range | null): void;
  setSegments: Dispatch<SetStateAction<DocSegment[]>>;
  active: string | null;
  setActive(id: string | null): void;
  textRef: MutableRefObject<DocTextHandle | null>;
}

/** Coding the selection (with a code chosen in the popover, or the last one) and removing a segment. */
export function useCodingActions(state: CodingState) {
  const { t } = useTranslation();
  const data = useProject();
  const { notify } = useUi();
  const { doc, offsets, selectionNow, setSelection, setSegments, active, setActive, textRef } = state;
  const [popover, setPopover] = useState<{ left: number; top: number } | null>(null);

  const apply = async (codeId: string) => {
    const selection = selectionNow.current;
    if (!selection || !offsets || !doc) return;
    const range = offsets.rangeToCodePoints(trimSelection(doc.text, selection.start, selection.end));
    if (range.end <= range.start) return;
    performance.mark('koda:apply:start');
    const r = await data.mutate(
      () => api.applyCoding(data.project, { source: doc.id, code: codeId, start: range.start, end: range.end }),
      (res) => [res.id],
    );
    if (!r) return;
    data.setLastCode(codeId);
    const code = data.codeById.get(codeId)?.node;
    const added: DocSegment = {
      id: r.id,
      start: r.start,
      end: r.end,
      code: codeId,
      coder: currentCoder() || t('doc.you'),
      memo: '',
    };
    setSegments((list) => [...list, added].sort(byPosition));
    setActive(r.id);
    const end = offsets.toUtf16(range.end);
    textRef.current?.select(end, end);
    setSelection(null);
    requestAnimationFrame(() => setTimeout(() => performance.mark('koda:apply:painted'), 0));
    notify(t('doc.coded', { code: code?.name ?? '' }));
    // Coding a participant without recorded consent is allowed, and said plainly.
    for (const w of r.warnings ?? []) notify(warningText(t, w), 'warning');
  };

  const choose = async (choice: PopoverChoice) => {
    closePopover(false);
    if (choice.kind === 'code') return apply(choice.id);
    const created = await data.mutate(() => api.addCode(data.project, choice.name, choice.parent));
    if (!created) return;
    await data.reload(['codebook']);
    await apply(created.id);
  };

  const openPopover = () => {
    if (!selectionNow.current) {
      notify(t('doc.noSelection'));
      return;
    }
    const sel = document.getSelection();
    const range = sel && sel.rangeCount > 0 ? sel.getRangeAt(0).cloneRange() : null;
    const rect = range?.getBoundingClientRect();
    // The passage stays marked while the popover has the focus (the CSS Custom Highlight API).
    if (range && typeof Highlight !== 'undefined') CSS.highlights?.set('koda-pending', new Highlight(range));
    setPopover({ left: rect ? rect.left : 200, top: rect ? rect.bottom + 6 : 200 });
  };

  const closePopover = (restore: boolean) => {
    CSS.highlights?.delete('koda-pending');
    setPopover(null);
    textRef.current?.focus();
    const sel = selectionNow.current;
    if (restore && sel) textRef.current?.select(sel.start, sel.end);
  };

  const remove = async (id: string) => {
    if (
      !(await data.mutate(
        () => api.removeSegment(data.project, id),
        () => [id],
      ))
    )
      return;
    setSegments((list) => list.filter((s) => s.id !== id));
    if (active === id) setActive(null);
    notify(t('doc.removed'));
    textRef.current?.focus();
  };

  return { apply, choose, remove, popover, openPopover, closePopover };
}
