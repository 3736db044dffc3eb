import { type DragEvent, type KeyboardEvent, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type CodeNode, type FlatCode } from '../api.js';
import { codeColor, UNKNOWN_CODE_COLOR } from '../codeColors.js';
import { SmartCodeList } from '../codingQuery/SmartCodeList.js';
import { useCanCode, useProject } from '../project.js';
import { navigate } from '../router.js';
import { useUi } from '../ui.js';
import { CodeDetails } from './CodeDetails.js';
import { Modal } from './Modal.js';

type Zone = 'before' | 'into' | 'after';

/** Every id in the branch of `node` (itself included). */
function branchIds(node: CodeNode): Set<string> {
  const out = new Set<string>();
  const walk = (n: CodeNode) => {
    out.add(n.id);
    n.children.forEach(walk);
  };
  walk(node);
  return out;
}

/**
 * The codebook: theme → category → code as a tree with colours and segment counts. Drag a code
 * onto another to put it under it (or above/below to reorder); the keyboard does the same with
 * Alt+arrows. A toolbar acts on the selected code: new, rename, colour, merge, delete, segments.
 * A viewer browses the tree and opens a code's segments; the rest is for those who may change it.
 */
export function CodebookPanel() {
  const { t } = useTranslation();
  const data = useProject();
  const { notify } = useUi();
  const canCode = useCanCode();
  const [collapsed, setCollapsed] = useState<Set<string>>(new Set());
  const [focused, setFocused] = useState<string | null>(null);
  const [renaming, setRenaming] = useState<string | null>(null);
  const [dialog, setDialog] = useState<'add' | 'merge' | 'delete' | null>(null);
  const [drop, setDrop] = useState<{ id: string; zone: Zone } | null>(null);
  const dragged = useRef<string | null>(null);
  const treeRef = useRef<HTMLDivElement>(null);
  const colorId = useId();
  const selected = data.activeCode ? data.codeById.get(data.activeCode) : undefined;
  // The picker starts from the colour the code is shown in (its shade, when it has none of its own).
  const selectedColor = selected ? codeColor(data.flat, selected.node.id) : UNKNOWN_CODE_COLOR;

  // The items a keyboard user walks through: the tree in order, without collapsed branches.
  const visible = useMemo(() => {
    const out: FlatCode[] = [];
    const hidden = new Set<string>();
    for (const f of data.flat) {
      if (f.parentId && (hidden.has(f.parentId) || collapsed.has(f.parentId))) {
        hidden.add(f.node.id);
        continue;
      }
      out.push(f);
    }
    return out;
  }, [data.flat, collapsed]);

  const current = focused && data.codeById.has(focused) ? focused : (data.activeCode ?? visible[0]?.node.id ?? null);
  useEffect(() => {
    if (focused && treeRef.current?.contains(document.activeElement)) {
      treeRef.current.querySelector<HTMLElement>(`[data-code-id="${CSS.escape(focused)}"]`)?.focus();
    }
  }, [focused]);

  const siblingsOf = (parentId: string | null): CodeNode[] =>
    parentId ? (data.codeById.get(parentId)?.node.children ?? []) : data.codebook;

  const move = async (code: FlatCode, parentId: string | null, position: number | undefined) => {
    const done = await data.mutate(() => api.moveCode(data.project, code.node.id, parentId, position));
    if (done) {
      notify(t('codebook.moved', { code: code.node.name }));
      void data.reload(['codebook']);
    }
  };

  const moveByDrop = async (draggedId: string, targetId: string, zone: Zone) => {
    const code = data.codeById.get(draggedId);
    const target = data.codeById.get(targetId);
    if (!code || !target || branchIds(code.node).has(targetId)) return;
    if (zone === 'into') return move(code, targetId, undefined);
    const siblings = siblingsOf(target.parentId).filter((n) => n.id !== draggedId);
    const at = siblings.findIndex((n) => n.id === targetId);
    return move(code, target.parentId, zone === 'before' ? at : at + 1);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (renaming) return;
    const index = visible.findIndex((f) => f.node.id === current);
    const item = visible[index];
    if (!item) return;
    if (!canCode && (e.altKey || e.key === 'F2' || e.key === 'Delete')) return;
    const go = (f: FlatCode | undefined) => {
      if (!f) return;
      setFocused(f.node.id);
      data.setActiveCode(f.node.id);
    };
    const siblings = siblingsOf(item.parentId);
    const at = siblings.findIndex((n) => n.id === item.node.id);
    if (e.altKey) {
      e.preventDefault();
      if (e.key === 'ArrowUp' && at > 0) void move(item, item.parentId, at - 1);
      else if (e.key === 'ArrowDown' && at < siblings.length - 1) void move(item, item.parentId, at + 1);
      else if (e.key === 'ArrowLeft' && item.parentId) {
        const parent = data.codeById.get(item.parentId);
        if (parent) void move(item, parent.parentId, siblingsOf(parent.parentId).findIndex((n) => n.id === parent.node.id) + 1);
      } else if (e.key === 'ArrowRight' && at > 0) void move(item, (siblings[at - 1] as CodeNode).id, undefined);
      return;
    }
    switch (e.key) {
      case 'ArrowDown':
        e.preventDefault();
        go(visible[index + 1]);
        break;
      case 'ArrowUp':
        e.preventDefault();
        go(visible[index - 1]);
        break;
      case 'Home':
        e.preventDefault();
        go(visible[0]);
        break;
      case 'End':
        e.preventDefault();
        go(visible[visible.length - 1]);
        break;
      case 'ArrowRight':
        e.preventDefault();
        if (item.node.children.length === 0) break;
        if (collapsed.has(item.node.id)) toggle(item.node.id);
        else go(visible[index + 1]);
        break;
      case 'ArrowLeft':
        e.preventDefault();
        if (item.node.children.length > 0 && !collapsed.has(item.node.id)) toggle(item.node.id);
        else if (item.parentId) go(data.codeById.get(item.parentId));
        break;
      case 'Enter':
        e.preventDefault();
        navigate({ view: 'retrieval', project: data.project, code: item.node.id });
        break;
      case 'F2':
        e.preventDefault();
        setRenaming(item.node.id);
        break;
      case 'Delete':
        e.preventDefault();
        data.setActiveCode(item.node.id);
        setDialog('delete');
        break;
    }
  };

  const toggle = (id: string) =>
    setCollapsed((c) => {
      const next = new Set(c);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });

  const zoneOf = (e: DragEvent<HTMLElement>): Zone => {
    const rect = e.currentTarget.getBoundingClientRect();
    const y = (e.clientY - rect.top) / Math.max(1, rect.height);
    return y < 0.25 ? 'before' : y > 0.75 ? 'after' : 'into';
  };

  // A flat ARIA tree (levels, set sizes, positions): each item's text is its name alone, the
  // count and the open/closed sign are drawn by CSS.
  const renderItems = () =>
    visible.map((f) => {
      const node = f.node;
      const open = !collapsed.has(node.id);
      const siblings = siblingsOf(f.parentId);
      const count = node.children.length > 0 ? node.branchSegments : node.segments;
      const isDrop = drop?.id === node.id ? drop.zone : null;
      return (
        // biome-ignore lint/a11y/useKeyWithClickEvents: the tree handles the keys of its items (onKeyDown on the tree)
        <div
          key={node.id}
          role="treeitem"
          aria-label={node.name}
          aria-level={f.depth + 1}
          aria-setsize={siblings.length}
          aria-posinset={siblings.findIndex((n) => n.id === node.id) + 1}
          aria-selected={data.activeCode === node.id}
          aria-expanded={node.children.length > 0 ? open : undefined}
          tabIndex={current === node.id ? 0 : -1}
          data-code-id={node.id}
          data-count={count}
          className={`tree-item${data.activeCode === node.id ? ' selected' : ''}${isDrop ? ` drop-${isDrop}` : ''}`}
          style={{ paddingInlineStart: `${0.4 + f.depth * 1.1}rem` }}
          draggable={canCode && renaming !== node.id}
          onFocus={(e) => {
            if (e.target === e.currentTarget) setFocused(node.id);
          }}
          onClick={(e) => {
            setFocused(node.id);
            data.setActiveCode(node.id);
            // A click on the open/closed sign (left of the swatch) opens or closes the branch.
            const swatch = e.currentTarget.querySelector('.swatch')?.getBoundingClientRect();
            if (node.children.length > 0 && swatch && e.clientX < swatch.left) toggle(node.id);
          }}
          onDoubleClick={() => canCode && setRenaming(node.id)}
          onDragStart={(e) => {
            dragged.current = node.id;
            e.dataTransfer.effectAllowed = 'move';
            e.dataTransfer.setData('text/plain', node.name);
          }}
          onDragEnd={() => {
            dragged.current = null;
            setDrop(null);
          }}
          onDragOver={(e) => {
            const from = dragged.current ? data.codeById.get(dragged.current) : undefined;
            if (!from || branchIds(from.node).has(node.id)) return;
            e.preventDefault();
            e.dataTransfer.dropEffect = 'move';
            const zone = zoneOf(e);
            if (drop?.id !== node.id || drop.zone !== zone) setDrop({ id: node.id, zone });
          }}
          onDragLeave={() => setDrop((d) => (d?.id === node.id ? null : d))}
          onDrop={(e) => {
            e.preventDefault();
            const from = dragged.current;
            const zone = zoneOf(e);
            setDrop(null);
            dragged.current = null;
            if (from) void moveByDrop(from, node.id, zone);
          }}
        >
          <span className="swatch" style={{ background: codeColor(data.flat, node.id) }} />
          {renaming === node.id ? (
            <RenameInput node={node} onDone={() => setRenaming(null)} />
          ) : (
            <span className="tree-name">{node.name}</span>
          )}
        </div>
      );
    });

  return (
    <section className="codebook" aria-labelledby="codebook-heading">
      <div className="panel-head">
        <h2 id="codebook-heading">{t('codebook.heading')}</h2>
        {canCode && (
          <button type="button" className="small-button" onClick={() => setDialog('add')}>
            + {t('codebook.add')}
          </button>
        )}
      </div>
      <div role="toolbar" aria-label={t('codebook.actions')} className="tree-tools">
        <button
          type="button"
          disabled={!selected}
          onClick={() => selected && navigate({ view: 'retrieval', project: data.project, code: selected.node.id })}
        >
          {t('codebook.retrieve')}
        </button>
        {canCode && (
          <>
            <button type="button" disabled={!selected} onClick={() => selected && setRenaming(selected.node.id)}>
              {t('codebook.rename')}
            </button>
            <label className={`color-button${selected ? '' : ' disabled'}`} htmlFor={colorId}>
              <span>{t('codebook.color')}</span>
              <ColorInput
                id={colorId}
                disabled={!selected}
                value={selectedColor}
                onCommit={(color) => {
                  if (selected && color !== selectedColor)
                    void data.mutate(() => api.editCode(data.project, selected.node.id, { color }));
                }}
              />
            </label>
            <button type="button" disabled={!selected} onClick={() => setDialog('merge')}>
              {t('codebook.merge')}
            </button>
            <button type="button" disabled={!selected} onClick={() => setDialog('delete')}>
              {t('codebook.delete')}
            </button>
          </>
        )}
      </div>
      {data.codebook.length === 0 ? (
        <div className="empty">
          <p className="muted">{data.loaded ? t('codebook.empty') : t('app.loading')}</p>
          {data.loaded && canCode && (
            <button type="button" onClick={() => void data.mutate(() => api.applyTemplate(data.project, 'traffic-light'))}>
              {t('codebook.template')}
            </button>
          )}
        </div>
      ) : (
        <div ref={treeRef} role="tree" aria-label={t('codebook.tree')} className="tree" onKeyDown={onKeyDown}>
          {renderItems()}
        </div>
      )}
      {selected && <CodeDetails code={selected} />}
      <SmartCodeList />
      {canCode && <p className="muted small hint">{t('codebook.dragHint')}</p>}
      <AddCodeDialog open={dialog === 'add'} parent={selected?.node.id ?? null} onClose={() => setDialog(null)} />
      {selected && dialog === 'merge' && <MergeDialog code={selected} onClose={() => setDialog(null)} />}
      {selected && dialog === 'delete' && <DeleteDialog code={selected} onClose={() => setDialog(null)} />}
    </section>
  );
}

/**
 * A colour picker that saves once, when the picker closes (the native `change` event), not on
 * every step of a drag through the colours (React's onChange is the `input` event).
 */
function ColorInput({
  id,
  value,
  disabled,
  onCommit,
}: {
  id: string;
  value: string;
  disabled: boolean;
  onCommit(color: string): void;
}) {
  const ref = useRef<HTMLInputElement>(null);
  const commit = useRef(onCommit);
  commit.current = onCommit;
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const on = () => commit.current(el.value);
    el.addEventListener('change', on);
    return () => el.removeEventListener('change', on);
  }, []);
  useEffect(() => {
    if (ref.current) ref.current.value = value;
  }, [value]);
  return <input ref={ref} id={id} type="color" disabled={disabled} defaultValue={value} />;
}

function RenameInput({ node, onDone }: { node: CodeNode; onDone: () => void }) {
  const { t } = useTranslation();
  const data = useProject();
  const [name, setName] = useState(node.name);
  const finish = async (save: boolean) => {
    onDone();
    const next = name.trim();
    if (save && next && next !== node.name) await data.mutate(() => api.editCode(data.project, node.id, { name: next }));
    requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-code-id="${CSS.escape(node.id)}"]`)?.focus());
  };
  return (
    <input
      className="rename"
      aria-label={t('codebook.renamePrompt', { code: node.name })}
      value={name}
      // biome-ignore lint/a11y/noAutofocus: renaming starts typing at once
      autoFocus
      onClick={(e) => e.stopPropagation()}
      onChange={(e) => setName(e.target.value)}
      onBlur={() => void finish(true)}
      onKeyDown={(e) => {
        e.stopPropagation();
        if (e.key === 'Enter') void finish(true);
        if (e.key === 'Escape') void finish(false);
      }}
    />
  );
}

function AddCodeDialog({ open, parent, onClose }: { open: boolean; parent: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const data = useProject();
  const [name, setName] = useState('');
  const [under, setUnder] = useState<string>(parent ?? '');
  useEffect(() => {
    if (open) {
      setUnder(parent ?? '');
      setName('');
    }
  }, [open, parent]);
  return (
    <Modal open={open} title={t('codebook.add')} onClose={onClose}>
      <form
        className="stack"
        onSubmit={async (e) => {
          e.preventDefault();
          if (!name.trim()) return;
          const created = await data.mutate(() => api.addCode(data.project, name.trim(), under || null));
          if (created) {
            data.setActiveCode(created.id);
            onClose();
          }
        }}
      >
        <label>
          {t('codebook.name')}
          {/* biome-ignore lint/a11y/noAutofocus: the dialog exists to type this name */}
          <input value={name} onChange={(e) => setName(e.target.value)} autoFocus required />
        </label>
        <label>
          {t('codebook.parent')}
          <select value={under} onChange={(e) => setUnder(e.target.value)}>
            <option value="">{t('codebook.topLevel')}</option>
            {data.flat.map((f) => (
              <option key={f.node.id} value={f.node.id}>
                {`${'  '.repeat(f.depth)}${f.node.name}`}
              </option>
            ))}
          </select>
        </label>
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary">
            {t('codebook.addButton')}
          </button>
        </div>
      </form>
    </Modal>
  );
}

function MergeDialog({ code, onClose }: { code: FlatCode; onClose: () => void }) {
  const { t } = useTranslation();
  const data = useProject();
  const { notify } = useUi();
  const own = branchIds(code.node);
  const targets = data.flat.filter((f) => !own.has(f.node.id));
  const [into, setInto] = useState(targets[0]?.node.id ?? '');
  return (
    <Modal open title={t('codebook.merge')} onClose={onClose}>
      <form
        className="stack"
        onSubmit={async (e) => {
          e.preventDefault();
          if (!into) return;
          const r = await data.mutate(() => api.mergeCodes(data.project, code.node.id, into));
          if (r) {
            notify(t('codebook.merged', { count: r.moved + r.collapsed }));
            data.setActiveCode(into);
            onClose();
          }
        }}
      >
        <label>
          {t('codebook.mergeInto', { code: code.node.name })}
          <select value={into} onChange={(e) => setInto(e.target.value)}>
            {targets.map((f) => (
              <option key={f.node.id} value={f.node.id}>
                {f.path.join(' › ')}
              </option>
            ))}
          </select>
        </label>
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            {t('common.cancel')}
          </button>
          <button type="submit" className="primary" disabled={!into}>
            {t('codebook.mergeButton')}
          </button>
        </div>
      </form>
    </Modal>
  );
}

function DeleteDialog({ code, onClose }: { code: FlatCode; onClose: () => void }) {
  const { t } = useTranslation();
  const data = useProject();
  const { run } = useUi();
  const [preview, setPreview] = useState<{ codes: number; segments: number } | null>(null);
  useEffect(() => {
    void run(() => api.deleteCode(data.project, code.node.id, true)).then((p) => p && setPreview(p));
  }, [run, data.project, code.node.id]);
  return (
    <Modal open title={t('codebook.confirmDelete', { code: code.node.name })} onClose={onClose}>
      <p>{preview ? t('codebook.deleteDetail', preview) : t('app.loading')}</p>
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          {t('common.cancel')}
        </button>
        <button
          type="button"
          className="danger-button"
          disabled={!preview}
          onClick={async () => {
            onClose();
            if (await data.mutate(() => api.deleteCode(data.project, code.node.id, false))) data.setActiveCode(null);
          }}
        >
          {t('codebook.deleteButton')}
        </button>
      </div>
    </Modal>
  );
}
