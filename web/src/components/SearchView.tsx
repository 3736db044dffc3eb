import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useProject } from '../project.js';
import { casesOf, groupBySource } from '../queries/groups.js';
import { useRemembered } from '../queries/remember.js';
import { queriesApi, type SearchQuery, type SearchResult } from '../queriesApi.js';
import { href } from '../router.js';
import { type AnalysisFilter, settledFilter } from '../setsApi.js';
import { useUi } from '../ui.js';
import { ChecklistPicker } from './ChecklistPicker.js';
import { FilterBar } from './FilterBar.js';
import { RoleSelect } from './RoleSelect.js';

/** Most keyword-in-context lines asked for; the matching paragraphs are all counted. */
const LIMIT = 500;

/**
 * Text search with Swedish and English stemming: keyword-in-context lines grouped by source,
 * each a link to the place in the document (selected and marked there).
 */
export function SearchView() {
  const { t } = useTranslation();
  const data = useProject();
  const { run } = useUi();
  const key = `${data.project}:search`;
  const [form, setForm] = useRemembered<SearchQuery>(`${key}:form`, { q: '', language: 'both', sources: [] });
  const [result, setResult] = useRemembered<SearchResult | null>(`${key}:result`, null);
  const [filter, setFilter] = useRemembered<AnalysisFilter>(`${key}:filter`, {});
  const [searching, setSearching] = useState(false);
  const ids = { q: useId(), language: useId() };

  const search = async (e: FormEvent) => {
    e.preventDefault();
    if (!form.q.trim()) return;
    setSearching(true);
    const r = await run(() => queriesApi.search(data.project, { ...form, limit: LIMIT, analysis: settledFilter(filter) }));
    setSearching(false);
    if (r) setResult(r);
  };

  const groups = result ? groupBySource(result.hits) : [];
  const stems = result
    ? [
        ...new Set(
          result.terms.flatMap((term) => Object.entries(term.stems).flatMap(([l, list]) => list.map((s) => `${s} (${l})`))),
        ),
      ]
    : [];
  const toggleSource = (id: string, on: boolean) =>
    setForm((f) => ({ ...f, sources: on ? [...f.sources, id] : f.sources.filter((s) => s !== id) }));

  return (
    <section aria-labelledby="search-heading">
      <h2 id="search-heading" className="sr-only">
        {t('queries.tabs.search')}
      </h2>
      <search>
        <form className="card" onSubmit={(e) => void search(e)}>
          <div className="row">
            <label htmlFor={ids.q} className="grow">
              {t('queries.search.label')}
              <input
                id={ids.q}
                className="wide"
                type="search"
                value={form.q}
                placeholder={t('queries.search.placeholder')}
                onChange={(e) => setForm((f) => ({ ...f, q: e.target.value }))}
              />
            </label>
            <label htmlFor={ids.language}>
              {t('queries.search.language')}
              <select
                id={ids.language}
                value={form.language}
                onChange={(e) => setForm((f) => ({ ...f, language: e.target.value as SearchQuery['language'] }))}
              >
                {(['both', 'sv', 'en'] as const).map((l) => (
                  <option key={l} value={l}>
                    {t(`queries.search.languages.${l}`)}
                  </option>
                ))}
              </select>
            </label>
            <RoleSelect
              value={form.role}
              onChange={(role) =>
                setForm((f) => {
                  const { role: _old, ...rest } = f;
                  return role ? { ...rest, role } : rest;
                })
              }
            />
            <ChecklistPicker
              legend={t('queries.search.sources')}
              all={t('queries.allSources')}
              chosen={(count) => t('queries.chosenSources', { count })}
              items={data.sources.map((s) => ({ id: s.id, label: s.name }))}
              selected={form.sources}
              onToggle={toggleSource}
            />
            <button type="submit" className="primary" disabled={searching || !form.q.trim()}>
              {searching ? t('queries.search.searching') : t('queries.search.button')}
            </button>
          </div>
          <p className="muted small">{t('queries.search.hint')}</p>
        </form>
        <FilterBar value={filter} onChange={setFilter} speaker={false} />
      </search>
      {result && (
        <section className="card" aria-labelledby="hits-heading" aria-busy={searching} data-testid="search-results">
          <h2 id="hits-heading">{t('queries.search.resultsHeading', { query: result.query })}</h2>
          <p aria-live="polite">
            {t('queries.search.summary', { count: result.hits.length, sources: groups.length })}
            {result.truncated ? ` ${t('queries.search.truncated', { count: LIMIT })}` : ''}
          </p>
          {stems.length > 0 && <p className="muted small">{t('queries.search.stems', { stems: stems.join(', ') })}</p>}
          {groups.map((g) => (
            <section key={g.source.id} className="group" data-source={g.source.name}>
              <h3>
                {g.source.name}
                {casesOf(g.lines).length > 0 && <span className="muted"> · {casesOf(g.lines).join(', ')}</span>}
                <span className="muted small"> ({g.lines.length})</span>
              </h3>
              <ol className="kwic-list">
                {g.lines.map((h) => (
                  <li key={`${h.start}-${h.end}`}>
                    <a
                      className="kwic"
                      href={href({
                        view: 'document',
                        project: data.project,
                        source: h.source.id,
                        segment: null,
                        at: { start: h.start, end: h.end },
                      })}
                    >
                      <span className="kwic-left">{h.left}</span>
                      <mark className="found">{h.match}</mark>
                      <span className="kwic-right">{h.right}</span>
                    </a>
                  </li>
                ))}
              </ol>
            </section>
          ))}
        </section>
      )}
    </section>
  );
}
