import type { MutableRefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { useCanCode, useProject } from '../../project.js';
import { useUi } from '../../ui.js';
import type { DocTextProps } from '../DocText.js';

type Range = { start: number; end: number };

export interface KeyTargets {
  /** The segments drawn, UTF-16, in the order laid out. */
  ordered: ({ id: string } & Range)[] | undefined;
  active: string | null;
  setActive(id: string | null): void;
  setMemoFor(id: string): void;
  selectionNow: MutableRefObject<Range | null>;
  jumpTo(id: string): void;
  openPopover(): void;
  apply(codeId: string): Promise<void>;
  remove(id: string): Promise<void>;
}

/** The keys that change the coding: a viewer's do nothing (the server would refuse them). */
const WRITING_KEYS = new Set(['code', 'repeat', 'remove', 'memo']);

/** What each coding key in the text does: code, repeat the last code, step between segments, remove, memo. */
export function useDocumentKeys(targets: KeyTargets): DocTextProps['onKey'] {
  const { t } = useTranslation();
  const data = useProject();
  const canCode = useCanCode();
  const { notify } = useUi();
  const { ordered, active, setActive, setMemoFor, selectionNow, jumpTo, openPopover, apply, remove } = targets;

  const step = (direction: 1 | -1) => {
    if (!ordered || ordered.length === 0) return;
    const sorted = [...ordered].sort((a, b) => a.start - b.start || b.end - a.end);
    let i = active ? sorted.findIndex((s) => s.id === active) : -1;
    if (i < 0) {
      const from = selectionNow.current?.start ?? 0;
      i = direction === 1 ? sorted.findIndex((s) => s.start >= from) - 1 : sorted.findIndex((s) => s.start >= from);
      if (direction === -1 && i < 0) i = sorted.length;
    }
    const next = sorted[Math.max(0, Math.min(sorted.length - 1, i + direction))];
    if (next) jumpTo(next.id);
  };

  return (key) => {
    if (!canCode && WRITING_KEYS.has(key)) return;
    switch (key) {
      case 'code':
        openPopover();
        break;
      case 'repeat':
        if (!data.lastCode) notify(t('doc.noLastCode'));
        else if (!selectionNow.current) notify(t('doc.noSelection'));
        else void apply(data.lastCode);
        break;
      case 'next':
        step(1);
        break;
      case 'prev':
        step(-1);
        break;
      case 'remove':
        if (active) void remove(active);
        break;
      case 'memo':
        if (active) setMemoFor(active);
        break;
      case 'escape':
        setActive(null);
        document.getSelection()?.collapseToEnd();
        break;
    }
  };
}
