import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type MemoTarget, memosApi } from '../memosApi.js';
import { useCanCode, useProject } from '../project.js';
import { useUi } from '../ui.js';
import { MemoCard } from './MemoCard.js';
import { MemoForm } from './MemoForm.js';
import { useMemos } from './useMemos.js';
import './memos.css';

/**
 * The memos on one source, case, code or coded passage, where that object is shown, with a new
 * one written there by those who may write memos.
 */
export function ObjectMemos({
  target,
  on,
  name,
  heading = 'h4',
}: {
  target: Exclude<MemoTarget, 'project'>;
  on: string;
  name: string;
  /** The memo titles' heading level, one below where they are shown. */
  heading?: 'h3' | 'h4';
}) {
  const { t } = useTranslation();
  const data = useProject();
  const { notify } = useUi();
  const { memos } = useMemos({ target, on });
  const [adding, setAdding] = useState(false);
  const canCode = useCanCode();
  return (
    <div className="object-memos">
      {memos && memos.length > 0 && (
        <ul className="memo-list plain">
          {memos.map((m) => (
            <li key={m.id}>
              <MemoCard memo={m} heading={heading} />
            </li>
          ))}
        </ul>
      )}
      {adding ? (
        <MemoForm
          onCancel={() => setAdding(false)}
          onSave={async (memo) => {
            const done = await data.mutate(() => memosApi.write(data.project, { target, on, ...memo }));
            if (done) {
              notify(t('memos.saved'));
              setAdding(false);
            }
            return Boolean(done);
          }}
        />
      ) : (
        canCode && (
          <button
            type="button"
            className="small-button"
            aria-label={t('memos.addHereLabel', { name })}
            onClick={() => setAdding(true)}
          >
            + {t('memos.addHere')}
          </button>
        )
      )}
    </div>
  );
}
