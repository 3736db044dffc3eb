import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useProject } from '../project.js';
import { casesOf, groupBySource } from '../queries/groups.js';
import { useRemembered } from '../queries/remember.js';
import {
  AUTOCODE_UNITS,
  type AutocodeRequest,
  type AutocodeResult,
  PATTERN_KINDS,
  type PatternKind,
  queriesApi,
} from '../queriesApi.js';
import { href } from '../router.js';
import { useUi } from '../ui.js';
import { warningText } from '../warnings.js';
import { ChecklistPicker } from './ChecklistPicker.js';
import { RoleSelect } from './RoleSelect.js';

/** Most planned segments listed in a preview (all are counted, and all are written). */
const PREVIEW_LIMIT = 1000;

const EMPTY: AutocodeRequest = {
  code: '',
  pattern: '',
  kind: 'word',
  unit: 'match',
  sources: [],
  cases: [],
  caseSensitive: false,
};

/**
 * Auto-coding: a word, phrase, stem or regular expression, in the sources, cases and speaker
 * role chosen, coding the match, its sentence or its turn. "Preview" lists every segment it
 * would create and writes nothing; "Apply" writes exactly those as one undoable change.
 */
export function AutocodeView() {
  const { t } = useTranslation();
  const data = useProject();
  const { notify, run } = useUi();
  const key = `${data.project}:autocode`;
  const [form, setForm] = useRemembered<AutocodeRequest>(`${key}:form`, EMPTY);
  const [preview, setPreview] = useRemembered<{ request: AutocodeRequest; result: AutocodeResult } | null>(
    `${key}:preview`,
    null,
  );
  const [working, setWorking] = useState<'preview' | 'apply' | null>(null);
  const ids = { code: useId(), pattern: useId(), kind: useId(), unit: useId() };

  const change = (patch: Partial<AutocodeRequest>) => setForm((f) => ({ ...f, ...patch }));
  // Apply writes what was previewed: a change to the form asks for a new preview first.
  const current = preview !== null && JSON.stringify(preview.request) === JSON.stringify(form);
  const ready = form.code !== '' && form.pattern.trim() !== '';

  const runPreview = async (e: FormEvent) => {
    e.preventDefault();
    if (!ready) return;
    const request = { ...form };
    setWorking('preview');
    const result = await run(() => queriesApi.autocode(data.project, request, true, PREVIEW_LIMIT));
    setWorking(null);
    if (result) setPreview({ request, result });
  };

  const apply = async () => {
    if (!preview || !current) return;
    setWorking('apply');
    const result = await data.mutate(() => queriesApi.autocode(data.project, preview.request, false, 0));
    setWorking(null);
    if (!result) return;
    setPreview(null);
    notify(t('queries.autocode.done', { count: result.created, code: result.code.name }));
    for (const w of result.warnings) notify(warningText(t, w), 'warning');
  };

  const toggle = (field: 'sources' | 'cases', id: string, on: boolean) =>
    setForm((f) => ({ ...f, [field]: on ? [...f[field], id] : f[field].filter((x) => x !== id) }));

  const result = preview?.result;
  const groups = result ? groupBySource(result.listed) : [];
  return (
    <section aria-labelledby="autocode-heading">
      <h2 id="autocode-heading" className="sr-only">
        {t('queries.tabs.autocode')}
      </h2>
      <form className="card" onSubmit={(e) => void runPreview(e)}>
        <div className="row">
          <label htmlFor={ids.pattern} className="grow">
            {t('queries.autocode.pattern')}
            <input
              id={ids.pattern}
              className="wide"
              value={form.pattern}
              spellCheck={false}
              onChange={(e) => change({ pattern: e.target.value })}
            />
          </label>
          <label htmlFor={ids.kind}>
            {t('queries.autocode.kind')}
            <select id={ids.kind} value={form.kind} onChange={(e) => change({ kind: e.target.value as PatternKind })}>
              {PATTERN_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`queries.autocode.kinds.${k}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="check">
            <input type="checkbox" checked={form.caseSensitive} onChange={(e) => change({ caseSensitive: e.target.checked })} />
            {t('queries.autocode.caseSensitive')}
          </label>
        </div>
        <p className="muted small">{t(`queries.autocode.kindHelp.${form.kind}`)}</p>
        <div className="row top">
          <label htmlFor={ids.unit}>
            {t('queries.autocode.unit')}
            <select id={ids.unit} value={form.unit} onChange={(e) => change({ unit: e.target.value as AutocodeRequest['unit'] })}>
              {AUTOCODE_UNITS.map((u) => (
                <option key={u} value={u}>
                  {t(`queries.autocode.units.${u}`)}
                </option>
              ))}
            </select>
          </label>
          <label htmlFor={ids.code}>
            {t('queries.autocode.code')}
            <select id={ids.code} value={form.code} onChange={(e) => change({ code: e.target.value })}>
              <option value="">{t('queries.autocode.chooseCode')}</option>
              {data.flat.map((f) => (
                <option key={f.node.id} value={f.node.id}>
                  {`${'\u00a0\u00a0'.repeat(f.depth)}${f.node.name}`}
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
            onToggle={(id, checked) => toggle('sources', id, checked)}
          />
          <ChecklistPicker
            legend={t('queries.autocode.cases')}
            all={t('queries.allCases')}
            chosen={(count) => t('queries.chosenCases', { count })}
            items={data.cases.map((c) => ({ id: c.id, label: c.name }))}
            selected={form.cases}
            onToggle={(id, checked) => toggle('cases', id, checked)}
          />
        </div>
        <div className="row tight">
          <button type="submit" disabled={!ready || working !== null}>
            {working === 'preview' ? t('queries.autocode.previewing') : t('queries.autocode.preview')}
          </button>
          <button
            type="button"
            className="primary"
            disabled={!current || !result?.segments || working !== null}
            onClick={() => void apply()}
          >
            {working === 'apply'
              ? t('queries.autocode.applying')
              : current && result
                ? t('queries.autocode.apply', { count: result.segments })
                : t('queries.autocode.applyPlain')}
          </button>
          {preview && !current && <span className="muted small">{t('queries.autocode.stale')}</span>}
          {!ready && <span className="muted small">{t('queries.autocode.needs')}</span>}
        </div>
      </form>
      {result && (
        <section className="card" aria-labelledby="preview-heading" data-testid="autocode-preview">
          <h2 id="preview-heading">{t('queries.autocode.previewHeading', { code: result.code.name })}</h2>
          <p aria-live="polite" data-testid="autocode-summary">
            {t('queries.autocode.summary', {
              count: result.segments,
              hits: result.hits,
              sources: result.sources,
              already: result.alreadyCoded,
              coder: result.coder,
            })}
          </p>
          <PriorCoders result={result} />
          {result.warnings.map((w) => (
            <p key={`${w.code}:${JSON.stringify(w.params)}`} className="flag-text small">
              <span aria-hidden="true">⚠ </span>
              {warningText(t, w)}
            </p>
          ))}
          {result.listed.length < result.segments && (
            <p className="muted small">{t('queries.autocode.listed', { count: result.listed.length, total: result.segments })}</p>
          )}
          {groups.map((g) => (
            <section key={g.source.id} className="group">
              <h3>
                {g.source.name}
                {casesOf(g.lines).length > 0 && <span className="muted"> · {casesOf(g.lines).join(', ')}</span>}
                <span className="muted small"> ({g.lines.length})</span>
              </h3>
              <ol className="kwic-list planned">
                {g.lines.map((s) => (
                  <li key={`${s.start}-${s.end}`}>
                    <span className="ctx">{s.left}</span>
                    <mark className="found">{s.text}</mark>
                    <span className="ctx">{s.right}</span>{' '}
                    {s.codedBy.length > 0 && (
                      <span className="muted small" data-testid="coded-by">
                        {t('queries.autocode.codedBy', {
                          coders: s.codedBy
                            .map((c) => t(c.same ? 'queries.autocode.codedSame' : 'queries.autocode.codedOverlapping', c))
                            .join(', '),
                        })}{' '}
                      </span>
                    )}
                    <a
                      className="small"
                      href={href({
                        view: 'document',
                        project: data.project,
                        source: s.source.id,
                        segment: null,
                        at: { start: s.start, end: s.end },
                      })}
                      aria-label={t('queries.jumpLabel', { source: s.source.name, start: s.start, end: s.end })}
                    >
                      {t('retrieval.jump')}
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

/** Who already has the code where auto-coding finds something: per coder, the same span or overlapping. */
function PriorCoders({ result }: { result: AutocodeResult }) {
  const { t } = useTranslation();
  if (result.codedBy.length === 0)
    return <p className="muted small">{t('queries.autocode.priorNone', { code: result.code.name })}</p>;
  return (
    <div data-testid="autocode-prior">
      <p className="small">{t('queries.autocode.priorHeading', { code: result.code.name })}</p>
      <ul className="small">
        {result.codedBy.map((c) => (
          <li key={c.coder}>{t('queries.autocode.priorCoder', c)}</li>
        ))}
      </ul>
    </div>
  );
}
