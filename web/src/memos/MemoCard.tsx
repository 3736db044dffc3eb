import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type MemoItem, memosApi } from '../memosApi.js';
import { useCanCode, useProject } from '../project.js';
import { useUi } from '../ui.js';
import { MemoForm } from './MemoForm.js';

/** One memo: its title and text, opened to edit in place, or deleted (undo brings it back), by those who may write memos. */
export function MemoCard({ memo, heading, children }: { memo: MemoItem; heading?: 'h3' | 'h4'; children?: React.ReactNode }) {
  const { t, i18n } = useTranslation();
  const data = useProject();
  const { notify } = useUi();
  const canCode = useCanCode();
  const [editing, setEditing] = useState(false);
  const H = heading ?? 'h3';
  if (editing)
    return (
      <MemoForm
        initial={memo}
        onCancel={() => setEditing(false)}
        onSave={async (patch) => {
          const done = await data.mutate(() => memosApi.edit(data.project, memo.id, patch));
          if (done) {
            notify(t('memos.saved'));
            setEditing(false);
          }
          return Boolean(done);
        }}
      />
    );
  return (
    <article className="memo-card" aria-label={memo.title}>
      <H className="memo-title">{memo.title}</H>
      {children}
      {memo.body && <p className="memo-body">{memo.body}</p>}
      <p className="muted small">
        {t('memos.edited', { date: new Date(memo.updatedAt).toLocaleDateString(i18n.language) })}
        {memo.concepts.length > 0 && ` · ${t('memos.concepts', { names: memo.concepts.join(', ') })}`}
      </p>
      {canCode && (
        <div className="row tight">
          <button
            type="button"
            className="small-button"
            aria-label={t('memos.editLabel', { title: memo.title })}
            onClick={() => setEditing(true)}
          >
            {t('memos.edit')}
          </button>
          <button
            type="button"
            className="small-button danger"
            aria-label={t('memos.deleteLabel', { title: memo.title })}
            onClick={async () => {
              if (await data.mutate(() => memosApi.remove(data.project, memo.id))) notify(t('memos.deleted'));
            }}
          >
            {t('memos.delete')}
          </button>
        </div>
      )}
    </article>
  );
}
