import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api.js';
import { type AnalysisFilter, type CodingQueryResult, codingQueryApi } from '../codingQueryApi.js';
import { useCanCode, useProject } from '../project.js';
import { useRemembered } from '../queries/remember.js';
import { useUi } from '../ui.js';
import './codingQuery.css';
import { QuoteDownloads } from '../components/QuoteDownloads.js';
import { EMPTY_DRAFT, QueryBuilder, type QueryDraft } from './QueryBuilder.js';
import { QueryFilterFields } from './QueryFilterFields.js';
import { PAGE_SIZE, QueryHits } from './QueryHits.js';
import { formError, SmartCodeDialog } from './SmartCodeDialog.js';
import { useSmartCodes } from './useSmartCodes.js';

/** A query's answer on screen: the page shown and what was asked (so paging asks the same). */
interface Shown {
  expression: string;
  filter: AnalysisFilter;
  offset: number;
  result: CodingQueryResult;
}

/**
 * The coding query page: build a query over the coding (or type it), narrow it, run it, page
 * through the passages it finds, and save it as a smart code. The form and its last answer are
 * kept while the tab lives, so "Show in context" and Back return to them.
 */
export function CodingQueryView() {
  const { t } = useTranslation();
  const data = useProject();
  const { run, notify } = useUi();
  const key = `${data.project}:codingQuery`;
  const [draft, setDraft] = useRemembered<QueryDraft>(`${key}:draft`, EMPTY_DRAFT);
  const [filter, setFilter] = useRemembered<AnalysisFilter>(`${key}:filter`, {});
  const [shown, setShown] = useRemembered<Shown | null>(`${key}:shown`, null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [smartCodes] = useSmartCodes();
  const canCode = useCanCode();

  /** Runs the query; an error in what was asked is shown under the field, not as a notice. */
  const ask = async (expression: string, asked: AnalysisFilter, offset: number) => {
    const answer = await run(async () => {
      try {
        return await codingQueryApi.run(data.project, expression, asked, { limit: PAGE_SIZE, offset });
      } catch (e) {
        // What was asked is wrong (its syntax, a code or smart code it names, its filter): said under the field.
        if (e instanceof ApiError && (e.status === 400 || e.status === 404)) return e;
        throw e;
      }
    });
    if (answer instanceof ApiError) setError(answer.message);
    else if (answer) {
      setError(null);
      setShown({ expression, filter: asked, offset, result: answer });
    }
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (draft.text.trim()) void ask(draft.text, filter, 0);
  };

  return (
    <section className="card coding-query" aria-labelledby="coding-query-heading">
      <h1 id="coding-query-heading">{t('codingQuery.heading')}</h1>
      <p className="muted">{t('codingQuery.intro')}</p>
      <search>
        <form className="stack" onSubmit={submit}>
          <QueryBuilder
            draft={draft}
            onChange={(d) => {
              setDraft(d);
              setError(null);
            }}
            smartCodes={smartCodes ?? []}
            error={error}
          />
          <QueryFilterFields value={filter} onChange={setFilter} />
          <div className="row">
            <button type="submit" className="primary" disabled={!draft.text.trim()}>
              {t('codingQuery.run')}
            </button>
            {canCode && (
              <button
                type="button"
                disabled={!shown || shown.expression !== draft.text || !!error}
                onClick={() => setSaving(true)}
              >
                {t('codingQuery.smart.saveAs')}
              </button>
            )}
          </div>
        </form>
      </search>
      {shown && (
        <>
          <h2>{t('codingQuery.hits.heading')}</h2>
          <p className="small">
            <code>{shown.result.expression}</code>
          </p>
          {shown.result.total > 0 && (
            <QuoteDownloads project={data.project} of={{ expression: shown.expression, filter: shown.filter }} />
          )}
          <QueryHits result={shown.result} offset={shown.offset} onPage={(o) => void ask(shown.expression, shown.filter, o)} />
        </>
      )}
      {saving && shown && (
        <SmartCodeDialog
          title={t('codingQuery.smart.saveAs')}
          initial={{ name: '', expression: shown.expression, filter: shown.filter }}
          editExpression={false}
          onClose={() => setSaving(false)}
          onSave={(fields) =>
            formError(async () => {
              await codingQueryApi.saveSmartCode(data.project, fields);
              notify(t('codingQuery.smart.saved', { name: fields.name }));
            })
          }
        />
      )}
    </section>
  );
}
