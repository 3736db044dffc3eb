import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MemoCard } from '../memos/MemoCard.js';
import { MemoForm } from '../memos/MemoForm.js';
import { useMemos } from '../memos/useMemos.js';
import { MEMO_TARGETS, type MemoItem, type MemoTarget, memosApi } from '../memosApi.js';
import { useCanCode, useProject } from '../project.js';
import { href } from '../router.js';
import { useUi } from '../ui.js';
import '../memos/memos.css';

/**
 * The memo view: every memo of the project, newest first, each saying what it is on (with a link
 * there); narrowed to one kind of object and searched by words (every word, any of its forms);
 * each opens in place to edit. New memos on the project, a source, a case or a code are written
 * here; memos on a coded passage are written beside it in the document. A viewer only reads.
 */
export function MemosView() {
  const { t } = useTranslation();
  const [kind, setKind] = useState<MemoTarget | ''>('');
  const [typed, setTyped] = useState('');
  const [q, setQ] = useState('');
  const [adding, setAdding] = useState(false);
  const canCode = useCanCode();
  const kindId = useId();
  const searchId = useId();
  const hintId = useId();
  // The search runs once typing pauses, not on every key.
  useEffect(() => {
    const timer = setTimeout(() => setQ(typed.trim()), 250);
    return () => clearTimeout(timer);
  }, [typed]);
  const { memos } = useMemos({ target: kind || undefined, q: q || undefined });

  return (
    <section aria-labelledby="memos-heading" className="memos-view">
      <div className="card">
        <div className="panel-head">
          <h2 id="memos-heading">{t('memos.heading')}</h2>
          {canCode && (
            <button type="button" className="small-button" onClick={() => setAdding(true)} disabled={adding}>
              + {t('memos.new')}
            </button>
          )}
        </div>
        <p className="muted">{t('memos.intro')}</p>
        <div className="row">
          <label htmlFor={kindId}>{t('memos.kind')}</label>
          <select id={kindId} value={kind} onChange={(e) => setKind(e.target.value as MemoTarget | '')}>
            <option value="">{t('memos.kinds.all')}</option>
            {MEMO_TARGETS.map((k) => (
              <option key={k} value={k}>
                {t(`memos.kinds.${k}`)}
              </option>
            ))}
          </select>
          <label htmlFor={searchId}>{t('memos.search')}</label>
          <input id={searchId} type="search" value={typed} onChange={(e) => setTyped(e.target.value)} aria-describedby={hintId} />
        </div>
        <p id={hintId} className="muted small">
          {t('memos.searchHint')}
        </p>
      </div>
      {adding && <NewMemo onDone={() => setAdding(false)} />}
      <p className="muted small" aria-live="polite">
        {memos === null ? t('app.loading') : t('memos.found', { count: memos.length })}
      </p>
      {memos !== null && memos.length === 0 && <p className="card muted">{q ? t('memos.noneFound') : t('memos.none')}</p>}
      {memos !== null && memos.length > 0 && (
        <ul className="memo-list plain">
          {memos.map((m) => (
            <li key={m.id} className="card">
              <MemoCard memo={m}>
                <MemoTargetLine memo={m} />
              </MemoCard>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** What a memo is on, linked to where that is shown. */
function MemoTargetLine({ memo }: { memo: MemoItem }) {
  const { t } = useTranslation();
  const data = useProject();
  const project = data.project;
  const label =
    memo.target === 'segment'
      ? t('memos.on.segment', { name: memo.targetName, code: memo.segment?.code ?? '' })
      : t(`memos.on.${memo.target}`, { name: memo.targetName });
  const link =
    memo.target === 'source' && memo.targetId
      ? href({ view: 'document', project, source: memo.targetId, segment: null })
      : memo.target === 'segment' && memo.segment && memo.targetId
        ? href({ view: 'document', project, source: memo.segment.sourceId, segment: memo.targetId })
        : memo.target === 'code' && memo.targetId
          ? href({ view: 'retrieval', project, code: memo.targetId })
          : null;
  return (
    <div className="small memo-on">
      {link ? <a href={link}>{label}</a> : <span>{label}</span>}
      {memo.segment && <blockquote className="quote small">{memo.segment.text}</blockquote>}
    </div>
  );
}

/** A new memo on the project, a source, a case or a code. */
function NewMemo({ onDone }: { onDone: () => void }) {
  const { t } = useTranslation();
  const data = useProject();
  const { notify } = useUi();
  const [target, setTarget] = useState<Exclude<MemoTarget, 'segment'>>('project');
  const [on, setOn] = useState('');
  const targetId = useId();
  const onId = useId();
  const choices =
    target === 'source'
      ? data.sources.map((s) => ({ id: s.id, name: s.name }))
      : target === 'case'
        ? data.cases.map((c) => ({ id: c.id, name: c.name }))
        : target === 'code'
          ? data.flat.map((f) => ({ id: f.node.id, name: `${'\u00a0\u00a0'.repeat(f.depth)}${f.node.name}` }))
          : [];
  const chosen = target === 'project' ? '' : on || (choices[0]?.id ?? '');
  return (
    <section className="card" aria-label={t('memos.new')}>
      <MemoForm
        onCancel={onDone}
        onSave={async (memo) => {
          if (target !== 'project' && !chosen) return false;
          const done = await data.mutate(() =>
            memosApi.write(data.project, { target, ...(target === 'project' ? {} : { on: chosen }), ...memo }),
          );
          if (done) {
            notify(t('memos.saved'));
            onDone();
          }
          return Boolean(done);
        }}
      >
        <div className="row">
          <label htmlFor={targetId}>{t('memos.target')}</label>
          <select
            id={targetId}
            value={target}
            onChange={(e) => {
              setTarget(e.target.value as Exclude<MemoTarget, 'segment'>);
              setOn('');
            }}
          >
            {(['project', 'source', 'case', 'code'] as const).map((k) => (
              <option key={k} value={k}>
                {t(`memos.kinds.${k}`)}
              </option>
            ))}
          </select>
          {target !== 'project' && (
            <>
              <label htmlFor={onId}>{t('memos.targetObject')}</label>
              <select id={onId} value={chosen} onChange={(e) => setOn(e.target.value)}>
                {choices.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            </>
          )}
        </div>
      </MemoForm>
    </section>
  );
}
