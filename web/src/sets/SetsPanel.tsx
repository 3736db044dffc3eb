import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCanCode, useProject } from '../project.js';
import { type SetKind, setsApi } from '../setsApi.js';
import { useUi } from '../ui.js';
import { useSets } from './useSets.js';

/**
 * The sets panel of the overview, beside the sources and cases it groups: each set with its
 * members (a set following an attribute says so), deleted with a button; a form makes a source
 * or case set by ticking members or from an attribute's value. Viewers see the sets only.
 */
export function SetsPanel() {
  const { t } = useTranslation();
  const data = useProject();
  const { notify } = useUi();
  const { sets, reload } = useSets();
  const canCode = useCanCode();
  const remove = async (id: string, name: string) => {
    const done = await data.mutate(
      () => setsApi.remove(data.project, id),
      (r) => [r.id],
    );
    if (done) {
      notify(t('sets.removed', { name }));
      await reload();
    }
  };
  return (
    <section className="card" aria-labelledby="sets-heading">
      <h2 id="sets-heading">{t('sets.heading')}</h2>
      <p className="muted">{t('sets.intro')}</p>
      {sets.length === 0 ? (
        <p className="muted">{t('sets.none')}</p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">{t('sets.name')}</th>
              <th scope="col">{t('sets.kind')}</th>
              <th scope="col">{t('sets.members')}</th>
              {canCode && (
                <th scope="col">
                  <span className="sr-only">{t('sets.remove', { name: '' })}</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {sets.map((s) => (
              <tr key={s.id}>
                <th scope="row">{s.name}</th>
                <td>{t(`sets.kinds.${s.kind}`)}</td>
                <td>
                  {t('sets.count', { count: s.count })}
                  {s.rule && <> ({t('sets.follows', s.rule)})</>}
                  {s.members.length > 0 && `: ${s.members.map((m) => m.name).join(', ')}`}
                </td>
                {canCode && (
                  <td>
                    <button
                      type="button"
                      className="small-button"
                      aria-label={t('sets.remove', { name: s.name })}
                      onClick={() => void remove(s.id, s.name)}
                    >
                      ×
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canCode && <AddSet onAdded={reload} />}
    </section>
  );
}

function AddSet({ onAdded }: { onAdded: () => Promise<void> }) {
  const { t } = useTranslation();
  const data = useProject();
  const { notify } = useUi();
  const id = useId();
  const [kind, setKind] = useState<SetKind>('case');
  const [name, setName] = useState('');
  const [mode, setMode] = useState<'hand' | 'attribute'>('hand');
  const [members, setMembers] = useState<string[]>([]);
  const [attribute, setAttribute] = useState('');
  const [value, setValue] = useState('');
  const choices = kind === 'case' ? data.cases : data.sources;
  const values = attribute
    ? [...new Set(data.cases.map((c) => c.attributes[attribute]).filter((v): v is string => Boolean(v)))].sort()
    : [];
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body =
      mode === 'hand' ? { kind, name: name.trim(), members } : { kind, name: name.trim(), fromAttribute: { attribute, value } };
    const made = await data.mutate(
      () => setsApi.add(data.project, body),
      (r) => [r.id],
    );
    if (!made) return;
    notify(t('sets.added', { name: name.trim() }));
    setName('');
    setMembers([]);
    await onAdded();
  };
  return (
    <form className="add-set" onSubmit={(e) => void submit(e)}>
      <div className="row">
        <label htmlFor={`${id}-kind`}>{t('sets.kind')}</label>
        <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as SetKind)}>
          <option value="case">{t('sets.kinds.case')}</option>
          <option value="source">{t('sets.kinds.source')}</option>
        </select>
        <label htmlFor={`${id}-name`}>{t('sets.name')}</label>
        <input id={`${id}-name`} value={name} onChange={(e) => setName(e.target.value)} required />
      </div>
      <fieldset className="row">
        <legend className="sr-only">{t('sets.members')}</legend>
        <label>
          <input type="radio" name={`${id}-mode`} checked={mode === 'hand'} onChange={() => setMode('hand')} /> {t('sets.byHand')}
        </label>
        <label>
          <input type="radio" name={`${id}-mode`} checked={mode === 'attribute'} onChange={() => setMode('attribute')} />{' '}
          {t('sets.fromAttribute')}
        </label>
      </fieldset>
      {mode === 'hand' ? (
        <fieldset className="row">
          <legend>{t('sets.members')}</legend>
          {choices.map((c) => (
            <label key={c.id}>
              <input
                type="checkbox"
                checked={members.includes(c.id)}
                onChange={(e) => setMembers((m) => (e.target.checked ? [...m, c.id] : m.filter((x) => x !== c.id)))}
              />{' '}
              {c.name}
            </label>
          ))}
        </fieldset>
      ) : (
        <div className="row">
          <label htmlFor={`${id}-attr`}>{t('sets.attribute')}</label>
          <select
            id={`${id}-attr`}
            value={attribute}
            onChange={(e) => {
              setAttribute(e.target.value);
              setValue('');
            }}
            required
          >
            <option value="" disabled>
              {t('sets.attribute')}
            </option>
            {data.attributes.map((a) => (
              <option key={a.id} value={a.name}>
                {a.name}
              </option>
            ))}
          </select>
          <label htmlFor={`${id}-value`}>{t('sets.value')}</label>
          <select id={`${id}-value`} value={value} onChange={(e) => setValue(e.target.value)} required>
            <option value="" disabled>
              {t('sets.value')}
            </option>
            {values.map((v) => (
              <option key={v} value={v}>
                {v}
              </option>
            ))}
          </select>
        </div>
      )}
      <button type="submit">{t('sets.add')}</button>
    </form>
  );
}
