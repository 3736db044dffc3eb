import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useProject } from '../project.js';
import { useSets } from '../sets/useSets.js';
import type { AnalysisFilter } from '../setsApi.js';

/**
 * The analysis filter of a query view (matrix, retrieval, report, coding queries): a source set, a
 * case set, one attribute value and the speaker's role, each "any" until chosen.
 *
 * Props: `value`, the filter shown (an AnalysisFilter, src/commands/helpers/analysisFilter.ts;
 * `{}` filters nothing); `onChange(next)`, called with the whole new filter on every choice.
 * Send it with `filterParams(value)` (setsApi.ts) on GET routes, or as `filter` in a POST body.
 * `speaker={false}` leaves out the speaker's role, for a view with a role choice of its own.
 */
export function FilterBar({
  value,
  onChange,
  speaker = true,
}: {
  value: AnalysisFilter;
  onChange: (next: AnalysisFilter) => void;
  speaker?: boolean;
}) {
  const { t } = useTranslation();
  const data = useProject();
  const { sets } = useSets();
  const id = useId();
  const attribute = value.attributes?.[0];
  const values = attribute
    ? [...new Set(data.cases.map((c) => c.attributes[attribute.attribute]).filter((v): v is string => Boolean(v)))].sort()
    : [];
  const set = (patch: Partial<AnalysisFilter>) => {
    const next: AnalysisFilter = { ...value, ...patch };
    for (const key of Object.keys(next) as (keyof AnalysisFilter)[]) {
      const v = next[key];
      if (v === undefined || (Array.isArray(v) && v.length === 0)) delete next[key];
    }
    onChange(next);
  };
  const kindOptions = (kind: 'source' | 'case') =>
    sets
      .filter((s) => s.kind === kind)
      .map((s) => (
        <option key={s.id} value={s.name}>
          {s.name}
        </option>
      ));
  const active = Object.keys(value).length > 0;
  return (
    <fieldset className="filter-bar row">
      <legend>{active ? `${t('sets.filter.legend')} · ${t('sets.filter.active')}` : t('sets.filter.legend')}</legend>
      <label htmlFor={`${id}-source`}>{t('sets.filter.sourceSet')}</label>
      <select
        id={`${id}-source`}
        value={value.sourceSets?.[0] ?? ''}
        onChange={(e) => set({ sourceSets: e.target.value ? [e.target.value] : undefined })}
      >
        <option value="">{t('sets.filter.any')}</option>
        {kindOptions('source')}
      </select>
      <label htmlFor={`${id}-case`}>{t('sets.filter.caseSet')}</label>
      <select
        id={`${id}-case`}
        value={value.caseSets?.[0] ?? ''}
        onChange={(e) => set({ caseSets: e.target.value ? [e.target.value] : undefined })}
      >
        <option value="">{t('sets.filter.any')}</option>
        {kindOptions('case')}
      </select>
      <label htmlFor={`${id}-attr`}>{t('sets.filter.attribute')}</label>
      <select
        id={`${id}-attr`}
        value={attribute?.attribute ?? ''}
        onChange={(e) => set({ attributes: e.target.value ? [{ attribute: e.target.value, value: '' }] : undefined })}
      >
        <option value="">{t('sets.filter.any')}</option>
        {data.attributes.map((a) => (
          <option key={a.id} value={a.name}>
            {a.name}
          </option>
        ))}
      </select>
      {attribute && (
        <>
          <label htmlFor={`${id}-value`}>{t('sets.filter.value')}</label>
          <select
            id={`${id}-value`}
            value={attribute.value}
            onChange={(e) => set({ attributes: [{ attribute: attribute.attribute, value: e.target.value }] })}
          >
            <option value="" disabled>
              {t('sets.filter.value')}
            </option>
            {values.map((v) => (
              <option key={v} value={v}>
                {v}
              </option>
            ))}
          </select>
        </>
      )}
      {speaker && (
        <>
          <label htmlFor={`${id}-speaker`}>{t('sets.filter.speaker')}</label>
          <select
            id={`${id}-speaker`}
            value={value.speaker ?? ''}
            onChange={(e) => set({ speaker: (e.target.value || undefined) as AnalysisFilter['speaker'] })}
          >
            <option value="">{t('sets.filter.anyone')}</option>
            <option value="participant">{t('sets.filter.participant')}</option>
            <option value="interviewer">{t('sets.filter.interviewer')}</option>
          </select>
        </>
      )}
      {active && (
        <button type="button" className="small-button" onClick={() => onChange({})}>
          {t('sets.filter.clear')}
        </button>
      )}
    </fieldset>
  );
}
