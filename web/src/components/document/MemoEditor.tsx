import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type DocSegment } from '../../api.js';
import { useProject } from '../../project.js';
import { useUi } from '../../ui.js';

/** A segment's memo, edited in the side panel: Ctrl+Enter saves, Escape leaves it as it was. */
export function MemoEditor({
  segment,
  label,
  onDone,
}: {
  segment: DocSegment;
  label: string;
  onDone(memo: string | null): void;
}) {
  const { t } = useTranslation();
  const data = useProject();
  const { notify } = useUi();
  const [memo, setMemo] = useState(segment.memo);
  const save = async () => {
    if (
      await data.mutate(
        () => api.setMemo(data.project, segment.id, memo),
        () => [segment.id],
      )
    ) {
      notify(t('doc.memoSaved'));
      onDone(memo);
    }
  };
  return (
    <div className="memo-editor">
      <textarea
        aria-label={label}
        value={memo}
        rows={4}
        // biome-ignore lint/a11y/noAutofocus: the memo key opens this field to type in
        autoFocus
        onChange={(e) => setMemo(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            void save();
          } else if (e.key === 'Escape') {
            e.preventDefault();
            onDone(null);
          }
        }}
      />
      <div className="row tight">
        <button type="button" className="primary small-button" onClick={() => void save()}>
          {t('doc.saveMemo')}
        </button>
        <button type="button" className="small-button" onClick={() => onDone(null)}>
          {t('common.cancel')}
        </button>
      </div>
    </div>
  );
}
