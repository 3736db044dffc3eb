import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FlatCode } from '../api.js';
import { codeColor } from '../codeColors.js';

export type PopoverChoice = { kind: 'code'; id: string } | { kind: 'create'; name: string; parent: string | null };

interface Option {
  key: string;
  choice: PopoverChoice;
  label: string;
  detail: string;
  color: string | null;
}

/** Codes matching `query` (name or path, any case), best first: exact, prefix, word start, anywhere. */
export function matchCodes(codes: FlatCode[], query: string): FlatCode[] {
  const q = query.trim().toLowerCase();
  if (!q) return codes;
  const scored: { f: FlatCode; score: number; order: number }[] = [];
  codes.forEach((f, order) => {
    const name = f.node.name.toLowerCase();
    const path = f.path.join('/').toLowerCase();
    let score = -1;
    if (name === q || path === q) score = 0;
    else if (name.startsWith(q)) score = 1;
    else if (name.split(/[\s-]+/).some((w) => w.startsWith(q))) score = 2;
    else if (name.includes(q)) score = 3;
    else if (path.includes(q)) score = 4;
    if (score >= 0) scored.push({ f, score, order });
  });
  return scored.sort((a, b) => a.score - b.score || a.order - b.order).map((s) => s.f);
}

/**
 * The code chooser that opens on a selection: type to narrow the codes (arrows move, Enter
 * applies, Escape closes); a name that is not there yet is offered as "Create", at the top level
 * or, written as `Category/name`, under that category.
 */
export function CodePopover({
  codes,
  at,
  initial,
  onChoose,
  onClose,
}: {
  codes: FlatCode[];
  at: { left: number; top: number };
  initial: string | null;
  onChoose(choice: PopoverChoice): void;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const listId = useId();
  const inputRef = useRef<HTMLInputElement>(null);

  const options = useMemo<Option[]>(() => {
    const matches = matchCodes(codes, query);
    const out: Option[] = matches.map((f) => ({
      key: f.node.id,
      choice: { kind: 'code', id: f.node.id },
      label: f.node.name,
      detail: f.path.slice(0, -1).join(' › '),
      color: codeColor(codes, f.node.id),
    }));
    const q = query.trim();
    if (q) {
      const slash = q.lastIndexOf('/');
      const name = (slash >= 0 ? q.slice(slash + 1) : q).trim();
      const parentRef = slash >= 0 ? q.slice(0, slash).trim().toLowerCase() : '';
      const parent = parentRef
        ? (codes.find((f) => f.path.join('/').toLowerCase() === parentRef) ??
          codes.find((f) => f.node.name.toLowerCase() === parentRef))
        : undefined;
      const parentId = parent?.node.id ?? null;
      const exists = codes.some((f) => f.parentId === parentId && f.node.name.toLowerCase() === name.toLowerCase());
      if (name && !exists && (!parentRef || parent)) {
        out.push({
          key: 'create',
          choice: { kind: 'create', name, parent: parentId },
          label: parent ? t('popover.createUnder', { name, parent: parent.node.name }) : t('popover.create', { name }),
          detail: '',
          color: null,
        });
      }
    }
    return out;
  }, [codes, query, t]);

  useEffect(() => {
    // With nothing typed, start on the last used code.
    const i = query
      ? 0
      : Math.max(
          0,
          options.findIndex((o) => o.choice.kind === 'code' && o.choice.id === initial),
        );
    setActive(i);
  }, [query, options, initial]);

  useEffect(() => {
    inputRef.current?.focus();
  }, []);

  useEffect(() => {
    document.getElementById(`${listId}-${active}`)?.scrollIntoView({ block: 'nearest' });
  }, [active, listId]);

  const choose = (o: Option | undefined) => {
    if (o) onChoose(o.choice);
  };

  const left = Math.max(8, Math.min(at.left, window.innerWidth - 340));
  const top = Math.min(at.top, window.innerHeight - 340);
  return (
    <div className="popover" role="dialog" aria-label={t('popover.label')} style={{ left, top }}>
      <input
        ref={inputRef}
        role="combobox"
        aria-label={t('popover.search')}
        aria-expanded="true"
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={options[active] ? `${listId}-${active}` : undefined}
        placeholder={t('popover.placeholder')}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onBlur={(e) => {
          if (!e.currentTarget.parentElement?.contains(e.relatedTarget as Node | null)) onClose();
        }}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setActive((a) => Math.min(options.length - 1, a + 1));
          } else if (e.key === 'ArrowUp') {
            e.preventDefault();
            setActive((a) => Math.max(0, a - 1));
          } else if (e.key === 'PageDown') {
            e.preventDefault();
            setActive((a) => Math.min(options.length - 1, a + 8));
          } else if (e.key === 'PageUp') {
            e.preventDefault();
            setActive((a) => Math.max(0, a - 8));
          } else if (e.key === 'Enter') {
            e.preventDefault();
            choose(options[active]);
          } else if (e.key === 'Escape' || e.key === 'Tab') {
            e.preventDefault();
            onClose();
          }
          e.stopPropagation();
        }}
      />
      <div id={listId} role="listbox" aria-label={t('popover.options')} className="options">
        {options.length === 0 && <div className="muted none">{t('popover.none')}</div>}
        {options.map((o, i) => (
          // biome-ignore lint/a11y/useKeyWithClickEvents: the combobox input handles the keys (aria-activedescendant)
          <div
            key={o.key}
            id={`${listId}-${i}`}
            role="option"
            tabIndex={-1}
            aria-selected={i === active}
            aria-label={o.choice.kind === 'code' ? o.label : undefined}
            className={`option${i === active ? ' active' : ''}${o.choice.kind === 'create' ? ' create' : ''}`}
            // The category path is drawn by CSS, so each option's name is the code's name alone.
            data-path={o.detail || undefined}
            onMouseDown={(e) => e.preventDefault()}
            onMouseMove={() => setActive(i)}
            onClick={() => choose(o)}
          >
            {o.color ? (
              <span className="swatch" style={{ background: o.color }} aria-hidden="true" />
            ) : (
              <span className="plus">+</span>
            )}
            <span className="option-name">{o.label}</span>
          </div>
        ))}
      </div>
    </div>
  );
}
