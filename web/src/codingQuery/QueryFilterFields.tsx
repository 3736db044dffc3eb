import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type AnalysisFilter, codingQueryApi } from '../codingQueryApi.js';
import { ChecklistPicker } from '../components/ChecklistPicker.js';
import { useCoders } from '../components/CodersView.js';
import { RoleSelect } from '../components/RoleSelect.js';
import { useProject } from '../project.js';
import type { SetSummary } from '../setsApi.js';

type ListKey = 'sources' | 'cases' | 'coders' | 'sourceSets' | 'caseSets';

/**
 * What narrows a coding query: sources, cases, document and case sets, case attributes (one
 * value per attribute; several attributes must all hold), coding layers and the speaker's role.
 * Nothing chosen means everything. Sets are offered only when the server has a sets list.
 */
export function QueryFilterFields({ value, onChange }: { value: AnalysisFilter; onChange(filter: AnalysisFilter): void }) {
  const { t } = useTranslation();
  const data = useProject();
  const [coders] = useCoders();
  const [sets, setSets] = useState<SetSummary[] | null>(null);
  const attrId = useId();
  useEffect(() => {
    let current = true;
    codingQueryApi
      .sets(data.project)
      .then((r) => current && setSets(r.sets))
      .catch(() => current && setSets(null));
    return () => {
      current = false;
    };
  }, [data.project]);

  const toggle = (key: ListKey) => (id: string, on: boolean) => {
    const list = value[key] ?? [];
    onChange({ ...value, [key]: on ? [...list, id] : list.filter((x) => x !== id) });
  };
  const picker = (key: ListKey, items: { id: string; label: string }[]) => (
    <ChecklistPicker
      legend={t(`codingQuery.filter.${key}`)}
      all={t('queries.allSources')}
      chosen={(count) => t('queries.chosenSources', { count })}
      items={items}
      selected={value[key] ?? []}
      onToggle={toggle(key)}
    />
  );
  const attributeValue = (name: string) => value.attributes?.find((a) => a.attribute === name)?.value ?? '';
  const setAttribute = (name: string, v: string) => {
    const others = (value.attributes ?? []).filter((a) => a.attribute !== name);
    onChange({ ...value, attributes: v ? [...others, { attribute: name, value: v }] : others });
  };
  const valuesOf = (name: string, choices: string[]) =>
    choices.length > 0 ? choices : [...new Set(data.cases.map((c) => c.attributes[name]).filter((v): v is string => !!v))].sort();
  const sourceSets = (sets ?? []).filter((s) => s.kind === 'source');
  const caseSets = (sets ?? []).filter((s) => s.kind === 'case');

  return (
    <fieldset className="query-filter">
      <legend>{t('codingQuery.filter.heading')}</legend>
      {picker(
        'sources',
        data.sources.map((s) => ({ id: s.id, label: s.name })),
      )}
      {picker(
        'cases',
        data.cases.map((c) => ({ id: c.id, label: c.name })),
      )}
      {sourceSets.length > 0 &&
        picker(
          'sourceSets',
          sourceSets.map((s) => ({ id: s.id, label: s.name })),
        )}
      {caseSets.length > 0 &&
        picker(
          'caseSets',
          caseSets.map((s) => ({ id: s.id, label: s.name })),
        )}
      {(coders?.coders.length ?? 0) > 1 &&
        picker(
          'coders',
          (coders?.coders ?? []).map((c) => ({ id: c.id, label: c.name })),
        )}
      {data.attributes.map((a, i) => (
        <label key={a.id} htmlFor={`${attrId}-${i}`}>
          {a.name}
          <select id={`${attrId}-${i}`} value={attributeValue(a.name)} onChange={(e) => setAttribute(a.name, e.target.value)}>
            <option value="">{t('codingQuery.filter.anyValue')}</option>
            {valuesOf(a.name, a.choices).map((v) => (
              <option key={v} value={v}>
                {v}
              </option>
            ))}
          </select>
        </label>
      ))}
      <RoleSelect value={value.speaker} onChange={(speaker) => onChange({ ...value, speaker })} />
    </fieldset>
  );
}
