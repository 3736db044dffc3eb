import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** A memo's title and text, to write or rewrite; Ctrl+Enter saves, Escape cancels. */
export function MemoForm({
  initial,
  onSave,
  onCancel,
  children,
}: {
  initial?: { title: string; body: string };
  onSave(memo: { title: string; body: string }): Promise<boolean>;
  onCancel(): void;
  /** Fields before the title (what the memo is on, for a new memo). */
  children?: React.ReactNode;
}) {
  const { t } = useTranslation();
  const [title, setTitle] = useState(initial?.title ?? '');
  const [body, setBody] = useState(initial?.body ?? '');
  const titleId = useId();
  const bodyId = useId();
  const save = async () => {
    if (!title.trim()) return;
    await onSave({ title: title.trim(), body });
  };
  return (
    <form
      className="stack memo-form"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
          e.preventDefault();
          void save();
        } else if (e.key === 'Escape') {
          e.preventDefault();
          onCancel();
        }
      }}
    >
      {children}
      <label htmlFor={titleId}>{t('memos.title')}</label>
      {/* biome-ignore lint/a11y/noAutofocus: the form opens to write in */}
      <input id={titleId} value={title} onChange={(e) => setTitle(e.target.value)} required maxLength={300} autoFocus />
      <label htmlFor={bodyId}>{t('memos.body')}</label>
      <textarea id={bodyId} value={body} rows={5} onChange={(e) => setBody(e.target.value)} />
      <div className="row tight">
        <button type="submit" className="primary small-button">
          {t('memos.save')}
        </button>
        <button type="button" className="small-button" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
