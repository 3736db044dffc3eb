import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, type FlatCode } from '../api.js';
import { ObjectMemos } from '../memos/ObjectMemos.js';
import { useCanCode, useProject } from '../project.js';
import { useUi } from '../ui.js';

/**
 * The selected code's details under the codebook: its definition (what to code with it), edited
 * here by those who may change the codebook, and the memos on it.
 */
export function CodeDetails({ code }: { code: FlatCode }) {
  const { t } = useTranslation();
  const data = useProject();
  const { notify } = useUi();
  const canCode = useCanCode();
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState('');
  const headingId = useId();
  const fieldId = useId();
  const { node } = code;
  return (
    <section className="code-details" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('memos.codeDetails', { code: node.name })}</h3>
      <h4>{t('memos.definition')}</h4>
      {editing ? (
        <form
          className="stack"
          onSubmit={async (e) => {
            e.preventDefault();
            if (await data.mutate(() => api.editCode(data.project, node.id, { description: text }))) {
              notify(t('memos.definitionSaved'));
              setEditing(false);
            }
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.stopPropagation();
              setEditing(false);
            }
          }}
        >
          <label htmlFor={fieldId} className="sr-only">
            {t('memos.definitionLabel', { code: node.name })}
          </label>
          {/* biome-ignore lint/a11y/noAutofocus: the button opens this field to type in */}
          <textarea id={fieldId} value={text} rows={4} onChange={(e) => setText(e.target.value)} autoFocus />
          <div className="row tight">
            <button type="submit" className="primary small-button">
              {t('common.save')}
            </button>
            <button type="button" className="small-button" onClick={() => setEditing(false)}>
              {t('common.cancel')}
            </button>
          </div>
        </form>
      ) : (
        <>
          <p className={node.description ? 'code-definition' : 'muted small'}>{node.description || t('memos.noDefinition')}</p>
          {canCode && (
            <button
              type="button"
              className="small-button"
              onClick={() => {
                setText(node.description);
                setEditing(true);
              }}
            >
              {t('memos.editDefinition')}
            </button>
          )}
        </>
      )}
      <h4>{t('memos.here')}</h4>
      <ObjectMemos key={node.id} target="code" on={node.id} name={node.name} />
    </section>
  );
}
