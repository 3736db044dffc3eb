import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ObjectMemos } from '../../memos/ObjectMemos.js';
import { memosApi } from '../../memosApi.js';
import { useCanCode, useProject } from '../../project.js';
import { useConcepts } from '../../theory/useConcepts.js';
import { useUi } from '../../ui.js';

/**
 * Beside a coded passage, under its short note: the full memos on it (written here too) and the
 * theory concepts it is linked to, with one more to link (for those who may).
 */
export function SegmentMemos({ segment, name }: { segment: string; name: string }) {
  const { t } = useTranslation();
  const data = useProject();
  const { notify } = useUi();
  const concepts = useConcepts();
  const canCode = useCanCode();
  const [chosen, setChosen] = useState('');
  const id = useId();
  const linked = (concepts ?? []).filter((c) => c.segments.some((s) => s.id === segment));
  const free = (concepts ?? []).filter((c) => !linked.includes(c));
  return (
    <div className="segment-memos">
      <ObjectMemos target="segment" on={segment} name={name} heading="h3" />
      {linked.length > 0 && <p className="small muted">{t('memos.concepts', { names: linked.map((c) => c.name).join(', ') })}</p>}
      {canCode && free.length > 0 && (
        <div className="row tight">
          <label htmlFor={id} className="sr-only">
            {t('theory.linkPassageLabel')}
          </label>
          <select id={id} value={chosen} onChange={(e) => setChosen(e.target.value)}>
            <option value="">{t('theory.linkPassage')}</option>
            {free.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="small-button"
            disabled={!chosen}
            onClick={async () => {
              if (await data.mutate(() => memosApi.link(data.project, chosen, 'segment', segment))) {
                notify(t('theory.linked'));
                setChosen('');
              }
            }}
          >
            {t('theory.link')}
          </button>
        </div>
      )}
    </div>
  );
}
