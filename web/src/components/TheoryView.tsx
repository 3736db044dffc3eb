import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { codeColor } from '../codeColors.js';
import { useMemos } from '../memos/useMemos.js';
import { type Concept, type LinkTarget, memosApi } from '../memosApi.js';
import { useCanCode, useProject } from '../project.js';
import { href } from '../router.js';
import { useConcepts } from '../theory/useConcepts.js';
import { useUi } from '../ui.js';
import '../memos/memos.css';

/**
 * The theory view: the concepts the analysis leans on, each with its definition and reference,
 * and what it is linked to: codes (picked from the codebook), coded passages (linked from the
 * document) and memos. The results draft gets a section per concept with the quotes of these.
 * Those who may not change the theory (viewers) read it without the forms and buttons.
 */
export function TheoryView() {
  const { t } = useTranslation();
  const concepts = useConcepts();
  const canCode = useCanCode();
  return (
    <section aria-labelledby="theory-heading" className="theory-view">
      <div className="card">
        <h2 id="theory-heading">{t('theory.heading')}</h2>
        <p className="muted">{t('theory.intro')}</p>
        {canCode && <ConceptForm />}
      </div>
      {concepts === null ? (
        <p>{t('app.loading')}</p>
      ) : concepts.length === 0 ? (
        <p className="card muted">{t('theory.none')}</p>
      ) : (
        <ul className="plain concept-list">
          {concepts.map((c) => (
            <li key={c.id} className="card">
              <ConceptCard concept={c} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** A new concept, or an existing one's name, definition and reference rewritten. */
function ConceptForm({ concept, onDone }: { concept?: Concept; onDone?: () => void }) {
  const { t } = useTranslation();
  const data = useProject();
  const { notify } = useUi();
  const [name, setName] = useState(concept?.name ?? '');
  const [reference, setReference] = useState(concept?.reference ?? '');
  const [definition, setDefinition] = useState(concept?.definition ?? '');
  const ids = { name: useId(), reference: useId(), definition: useId() };
  return (
    <form
      className="stack concept-form"
      onSubmit={async (e) => {
        e.preventDefault();
        const fields = { name: name.trim(), reference, definition };
        if (!fields.name) return;
        const done = await data.mutate(() =>
          concept ? memosApi.editConcept(data.project, concept.id, fields) : memosApi.addConcept(data.project, fields),
        );
        if (!done) return;
        notify(concept ? t('theory.saved') : t('theory.added', { name: fields.name }));
        if (!concept) {
          setName('');
          setReference('');
          setDefinition('');
        }
        onDone?.();
      }}
    >
      <div className="row">
        <label htmlFor={ids.name}>{t('theory.name')}</label>
        <input id={ids.name} value={name} onChange={(e) => setName(e.target.value)} required />
        <label htmlFor={ids.reference}>{t('theory.reference')}</label>
        <input
          id={ids.reference}
          value={reference}
          placeholder={t('theory.referenceHint')}
          onChange={(e) => setReference(e.target.value)}
        />
      </div>
      <label htmlFor={ids.definition}>{t('theory.definition')}</label>
      <textarea id={ids.definition} value={definition} rows={3} onChange={(e) => setDefinition(e.target.value)} />
      <div className="row tight">
        <button type="submit" className="primary small-button">
          {concept ? t('theory.save') : t('theory.add')}
        </button>
        {onDone && (
          <button type="button" className="small-button" onClick={onDone}>
            {t('common.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}

function ConceptCard({ concept }: { concept: Concept }) {
  const { t } = useTranslation();
  const data = useProject();
  const { notify } = useUi();
  const canCode = useCanCode();
  const [editing, setEditing] = useState(false);
  const headingId = useId();
  if (editing) return <ConceptForm concept={concept} onDone={() => setEditing(false)} />;
  return (
    <article aria-labelledby={headingId}>
      <div className="panel-head">
        <h3 id={headingId}>{concept.name}</h3>
        {canCode && (
          <div className="row tight">
            <button
              type="button"
              className="small-button"
              aria-label={t('theory.editLabel', { name: concept.name })}
              onClick={() => setEditing(true)}
            >
              {t('theory.edit')}
            </button>
            <button
              type="button"
              className="small-button danger"
              aria-label={t('theory.deleteLabel', { name: concept.name })}
              onClick={async () => {
                if (await data.mutate(() => memosApi.deleteConcept(data.project, concept.id)))
                  notify(t('theory.deleted', { name: concept.name }));
              }}
            >
              {t('theory.delete')}
            </button>
          </div>
        )}
      </div>
      {concept.reference && <p className="muted">{concept.reference}</p>}
      {concept.definition && <p className="concept-definition">{concept.definition}</p>}

      <h4>{t('theory.codes')}</h4>
      {concept.codes.length === 0 ? (
        <p className="muted small">{t('theory.noLinks')}</p>
      ) : (
        <ul className="plain linked">
          {concept.codes.map((c) => (
            <li key={c.id} className="row tight">
              <span className="swatch" style={{ background: codeColor(data.flat, c.id) }} aria-hidden="true" />
              <a href={href({ view: 'retrieval', project: data.project, code: c.id })}>{c.name}</a>
              <span className="muted small">{t('theory.codeSegments', { count: c.segments })}</span>
              {canCode && <Unlink concept={concept} target="code" on={c.id} name={c.name} />}
            </li>
          ))}
        </ul>
      )}
      {canCode && (
        <LinkPicker
          concept={concept}
          target="code"
          label={t('theory.linkCodeLabel', { concept: concept.name })}
          choices={data.flat
            .filter((f) => !concept.codes.some((c) => c.id === f.node.id))
            .map((f) => ({ id: f.node.id, name: `${'\u00a0\u00a0'.repeat(f.depth)}${f.node.name}` }))}
        />
      )}

      <h4>{t('theory.segments')}</h4>
      {concept.segments.length === 0 ? (
        <p className="muted small">{t('theory.noLinks')}</p>
      ) : (
        <ul className="plain linked">
          {concept.segments.map((s) => (
            <li key={s.id}>
              <blockquote className="quote small">{s.text}</blockquote>
              <div className="row tight small">
                <a href={href({ view: 'document', project: data.project, source: s.source.id, segment: s.id })}>
                  {t('theory.passageIn', { source: s.case?.name ?? s.source.name, code: s.code.name })}
                </a>
                {canCode && <Unlink concept={concept} target="segment" on={s.id} name={s.text.slice(0, 40)} />}
              </div>
            </li>
          ))}
        </ul>
      )}

      <h4>{t('theory.memos')}</h4>
      {concept.memos.length === 0 ? (
        <p className="muted small">{t('theory.noLinks')}</p>
      ) : (
        <ul className="plain linked">
          {concept.memos.map((m) => (
            <li key={m.id} className="row tight">
              <span>{m.title}</span>
              {canCode && <Unlink concept={concept} target="memo" on={m.id} name={m.title} />}
            </li>
          ))}
        </ul>
      )}
      {canCode && <MemoLinkPicker concept={concept} />}
    </article>
  );
}

/** Takes one link off a concept; offered to those who may change the theory. */
function Unlink({ concept, target, on, name }: { concept: Concept; target: LinkTarget; on: string; name: string }) {
  const { t } = useTranslation();
  const data = useProject();
  return (
    <button
      type="button"
      className="small-button"
      aria-label={t('theory.unlinkLabel', { name, concept: concept.name })}
      onClick={() => void data.mutate(() => memosApi.unlink(data.project, concept.id, target, on))}
    >
      {t('theory.unlink')}
    </button>
  );
}

function MemoLinkPicker({ concept }: { concept: Concept }) {
  const { t } = useTranslation();
  const { memos } = useMemos({});
  const choices = (memos ?? [])
    .filter((m) => !concept.memos.some((l) => l.id === m.id))
    .map((m) => ({ id: m.id, name: m.title }));
  return (
    <LinkPicker concept={concept} target="memo" label={t('theory.linkMemoLabel', { concept: concept.name })} choices={choices} />
  );
}

/** A select of what may be linked and a Link button. */
function LinkPicker({
  concept,
  target,
  label,
  choices,
}: {
  concept: Concept;
  target: LinkTarget;
  label: string;
  choices: { id: string; name: string }[];
}) {
  const { t } = useTranslation();
  const data = useProject();
  const { notify } = useUi();
  const [chosen, setChosen] = useState('');
  const id = useId();
  if (choices.length === 0) return null;
  return (
    <div className="row tight link-picker">
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <select id={id} value={chosen} onChange={(e) => setChosen(e.target.value)}>
        <option value="">{target === 'code' ? t('theory.linkCode') : t('theory.linkMemo')}</option>
        {choices.map((c) => (
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
          if (await data.mutate(() => memosApi.link(data.project, concept.id, target, chosen))) {
            notify(t('theory.linked'));
            setChosen('');
          }
        }}
      >
        {target === 'code' ? t('theory.linkCodeButton') : t('theory.linkMemoButton')}
      </button>
    </div>
  );
}
