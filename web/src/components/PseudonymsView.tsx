import { type FormEvent, useCallback, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { anyTouches } from '../actions.js';
import { ApiError, api, type Segment } from '../api.js';
import {
  type ApplyReport,
  PSEUDONYM_KINDS,
  type PseudonymEntry,
  type PseudonymKind,
  privacyApi,
  type Suggestion,
} from '../privacyApi.js';
import { useProject } from '../project.js';
import { setPseudonymSecret, usePseudonymSecret } from '../secret.js';
import { parseForms } from '../study/forms.js';
import { useUi } from '../ui.js';
import { Modal } from './Modal.js';

/** Suggestions rejected in this tab, per project (memory only: they are real names). */
const rejectedForms = new Map<string, Set<string>>();

const locked = (e: unknown) =>
  e instanceof ApiError && (e.code === 'pseudonym.secret-required' || e.code === 'pseudonym.wrong-secret');

/** The pseudonym map: the key's secret, suggestions to accept or reject, the map, and applying it. */
export function PseudonymsView() {
  const { t } = useTranslation();
  const data = useProject();
  const { notify } = useUi();
  const secret = usePseudonymSecret(data.project);
  const [map, setMap] = useState<{ unlocked: boolean; entries: PseudonymEntry[] } | null>(null);
  const [applying, setApplying] = useState(false);
  const [mapVersion, setMapVersion] = useState(0);

  /** An error in plain words: a locked key says where to unlock it. */
  const fail = useCallback(
    (e: unknown) => notify(locked(e) ? t('pseudo.needSecret') : e instanceof Error ? e.message : String(e), 'error'),
    [notify, t],
  );

  const loadMap = useCallback(async () => {
    try {
      setMap(await privacyApi.pseudonyms(data.project));
    } catch (e) {
      fail(e);
    }
    // The secret is part of what the map shows (real forms).
    void secret;
  }, [data.project, fail, secret]);
  useEffect(() => {
    void loadMap();
  }, [loadMap]);
  useEffect(() => data.subscribe((events) => anyTouches(events, 'pseudonyms') && void loadMap()), [data, loadMap]);

  const changed = () => {
    void loadMap();
    setMapVersion((v) => v + 1);
  };

  return (
    <div className="pseudonyms">
      <h1>{t('pseudo.heading')}</h1>
      <p className="muted">{t('pseudo.intro')}</p>
      <SecretBox />
      <Suggestions version={mapVersion} onAdded={changed} fail={fail} />
      <section className="card" aria-labelledby="map-heading">
        <h2 id="map-heading">{t('pseudo.map')}</h2>
        {map === null ? (
          <p>{t('app.loading')}</p>
        ) : map.entries.length === 0 ? (
          <p className="muted">{t('pseudo.empty')}</p>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('pseudo.fictive')}</th>
                <th scope="col">{t('pseudo.kind')}</th>
                <th scope="col">{t('pseudo.real')}</th>
                <th scope="col" className="num">
                  {t('pseudo.replaced')}
                </th>
              </tr>
            </thead>
            <tbody>
              {map.entries.map((e) => (
                <tr key={e.id}>
                  <th scope="row">{e.fictive}</th>
                  <td>{t(`pseudo.kinds.${e.kind}`)}</td>
                  <td>{e.real ? e.real.join(', ') : <span className="muted">{t('pseudo.hidden')}</span>}</td>
                  <td className="num">{e.replaced}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <AddEntry onAdded={changed} fail={fail} />
        <div className="row">
          <button type="button" className="primary" disabled={!map || map.entries.length === 0} onClick={() => setApplying(true)}>
            {t('pseudo.apply')}
          </button>
        </div>
      </section>
      {applying && (
        <ApplyDialog
          onClose={() => setApplying(false)}
          fail={fail}
          onApplied={() => {
            setApplying(false);
            changed();
            void data.reload();
          }}
        />
      )}
    </div>
  );
}

function SecretBox() {
  const { t } = useTranslation();
  const data = useProject();
  const secret = usePseudonymSecret(data.project);
  const [draft, setDraft] = useState('');
  const id = useId();
  const helpId = useId();
  return (
    <section className="card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('pseudo.secret')}</h2>
      <p className="muted small" id={helpId}>
        {t('pseudo.secretHelp')}
      </p>
      <form
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          setPseudonymSecret(data.project, draft);
          setDraft('');
        }}
      >
        <label htmlFor={id}>
          {t('pseudo.secret')}
          <input
            id={id}
            type="password"
            autoComplete="off"
            value={draft}
            aria-describedby={helpId}
            onChange={(e) => setDraft(e.target.value)}
          />
        </label>
        <button type="submit" disabled={!draft}>
          {t('pseudo.unlock')}
        </button>
        {secret && (
          <button type="button" onClick={() => setPseudonymSecret(data.project, '')}>
            {t('pseudo.lock')}
          </button>
        )}
        <span className="muted small" aria-live="polite">
          {secret ? t('pseudo.unlocked') : t('pseudo.locked')}
        </span>
      </form>
    </section>
  );
}

function Suggestions({ version, onAdded, fail }: { version: number; onAdded(): void; fail(e: unknown): void }) {
  const { t } = useTranslation();
  const data = useProject();
  const secret = usePseudonymSecret(data.project);
  const [list, setList] = useState<Suggestion[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [rejected, setRejected] = useState<Set<string>>(() => rejectedForms.get(data.project) ?? new Set());

  useEffect(() => {
    let stale = false;
    void secret;
    void version;
    privacyApi.suggestions(data.project).then(
      (r) => {
        if (stale) return;
        setList(r.candidates);
        setProblem(null);
      },
      (e: unknown) => {
        if (stale) return;
        setList([]);
        setProblem(locked(e) ? t('pseudo.needSecret') : e instanceof Error ? e.message : String(e));
      },
    );
    return () => {
      stale = true;
    };
  }, [data.project, secret, version, t]);

  const reject = (form: string) => {
    const next = new Set(rejected).add(form);
    rejectedForms.set(data.project, next);
    setRejected(next);
  };
  const shown = (list ?? []).filter((s) => !rejected.has(s.form));

  return (
    <section className="card" aria-labelledby="suggestions-heading">
      <h2 id="suggestions-heading">{t('pseudo.suggestions')}</h2>
      <p className="muted small">{t('pseudo.suggestIntro')}</p>
      {problem && <p className="flag-text">{problem}</p>}
      {list === null ? (
        <p>{t('app.loading')}</p>
      ) : shown.length === 0 && !problem ? (
        <p className="muted">{t('pseudo.noSuggestions')}</p>
      ) : (
        <ul className="suggestions">
          {shown.map((s) => (
            <li key={s.form} className="suggestion">
              <div className="suggestion-head">
                <strong className="form">{s.form}</strong>
                <span className="muted small">
                  {t(`pseudo.kinds.${s.kind}`)} · {t('pseudo.count')}: {s.count} ·{' '}
                  {s.reasons.map((r) => t(`pseudo.reasons.${r}`, { defaultValue: r })).join(', ')}
                </span>
                <span className="suggestion-actions">
                  <button
                    type="button"
                    className="small-button"
                    aria-expanded={open === s.form}
                    aria-label={t('pseudo.acceptLabel', { form: s.form })}
                    onClick={() => setOpen(open === s.form ? null : s.form)}
                  >
                    {t('pseudo.accept')}
                  </button>
                  <button
                    type="button"
                    className="small-button"
                    aria-label={t('pseudo.rejectLabel', { form: s.form })}
                    onClick={() => reject(s.form)}
                  >
                    {t('pseudo.reject')}
                  </button>
                </span>
              </div>
              <ul className="contexts small" aria-label={t('pseudo.context')}>
                {s.contexts.map((c) => (
                  <li key={`${c.sourceId ?? ''}-${c.start}`}>
                    …{c.before}
                    <mark className="found">{c.text}</mark>
                    {c.after}…
                  </li>
                ))}
              </ul>
              {open === s.form && (
                <AcceptForm
                  suggestion={s}
                  fail={fail}
                  onDone={() => {
                    setOpen(null);
                    onAdded();
                  }}
                />
              )}
            </li>
          ))}
        </ul>
      )}
      {rejected.size > 0 && (
        <p className="muted small">
          {t('pseudo.rejected', { count: rejected.size })}{' '}
          <button
            type="button"
            className="link"
            onClick={() => {
              rejectedForms.delete(data.project);
              setRejected(new Set());
            }}
          >
            {t('pseudo.showRejected')}
          </button>
        </p>
      )}
    </section>
  );
}

function AcceptForm({ suggestion, onDone, fail }: { suggestion: Suggestion; onDone(): void; fail(e: unknown): void }) {
  const { t } = useTranslation();
  const data = useProject();
  const { notify } = useUi();
  const [fictive, setFictive] = useState('');
  const [kind, setKind] = useState<PseudonymKind>(suggestion.kind);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!fictive.trim()) return;
    try {
      const r = await privacyApi.addPseudonym(data.project, { real: [suggestion.form], fictive: fictive.trim(), kind });
      notify(t('pseudo.added', { fictive: r.fictive }));
      onDone();
    } catch (err) {
      fail(err);
    }
  };
  return (
    <form className="row tight accept-form" onSubmit={submit}>
      <label>
        {t('pseudo.fictiveFor', { form: suggestion.form })}
        {/* biome-ignore lint/a11y/noAutofocus: the Accept button opens this field to type in */}
        <input value={fictive} onChange={(e) => setFictive(e.target.value)} required autoFocus />
      </label>
      <KindSelect value={kind} onChange={setKind} />
      <button type="submit" className="primary small-button">
        {t('pseudo.addButton')}
      </button>
    </form>
  );
}

function KindSelect({ value, onChange }: { value: PseudonymKind; onChange(kind: PseudonymKind): void }) {
  const { t } = useTranslation();
  return (
    <label>
      {t('pseudo.kind')}
      <select value={value} onChange={(e) => onChange(e.target.value as PseudonymKind)}>
        {PSEUDONYM_KINDS.map((k) => (
          <option key={k} value={k}>
            {t(`pseudo.kinds.${k}`)}
          </option>
        ))}
      </select>
    </label>
  );
}

function AddEntry({ onAdded, fail }: { onAdded(): void; fail(e: unknown): void }) {
  const { t } = useTranslation();
  const data = useProject();
  const { notify } = useUi();
  const [real, setReal] = useState('');
  const [fictive, setFictive] = useState('');
  const [kind, setKind] = useState<PseudonymKind>('person');
  const headingId = useId();
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const forms = parseForms(real);
    if (forms.length === 0 || !fictive.trim()) return;
    try {
      const r = await privacyApi.addPseudonym(data.project, { real: forms, fictive: fictive.trim(), kind });
      notify(t('pseudo.added', { fictive: r.fictive }));
      setReal('');
      setFictive('');
      onAdded();
    } catch (err) {
      fail(err);
    }
  };
  return (
    <form className="row" onSubmit={submit} aria-labelledby={headingId}>
      <h3 id={headingId} className="row-title">
        {t('pseudo.addManual')}
      </h3>
      <label>
        {t('pseudo.realForms')}
        <input value={real} onChange={(e) => setReal(e.target.value)} required autoComplete="off" />
      </label>
      <label>
        {t('pseudo.fictive')}
        <input value={fictive} onChange={(e) => setFictive(e.target.value)} required autoComplete="off" />
      </label>
      <KindSelect value={kind} onChange={setKind} />
      <button type="submit">{t('pseudo.addButton')}</button>
    </form>
  );
}

/** Applying: the dry run's report first (what changes, which segments cannot stay), then the real thing. */
function ApplyDialog({ onClose, onApplied, fail }: { onClose(): void; onApplied(): void; fail(e: unknown): void }) {
  const { t } = useTranslation();
  const data = useProject();
  const { notify } = useUi();
  const [widen, setWiden] = useState(false);
  const [keepOriginals, setKeepOriginals] = useState(false);
  const [report, setReport] = useState<ApplyReport | null>(null);
  const [segments, setSegments] = useState<Map<string, Segment>>(new Map());
  const [busy, setBusy] = useState(false);
  // The parent's callbacks change with its renders; the dry run runs again only for new options.
  const callbacks = useRef({ fail, onClose });
  callbacks.current = { fail, onClose };

  const [checking, setChecking] = useState(true);

  useEffect(() => {
    let stale = false;
    // The last report stays on screen while the new options are checked (focus stays on the checkbox).
    setChecking(true);
    privacyApi.applyPseudonyms(data.project, { dryRun: true, widen, keepOriginals }).then(
      async (r) => {
        if (stale) return;
        setReport(r);
        setChecking(false);
        if (r.totals.broken > 0) {
          const list = await api.segments(data.project, {}).catch(() => []);
          if (!stale) setSegments(new Map(list.map((s) => [s.id, s])));
        }
      },
      (e: unknown) => {
        if (stale) return;
        callbacks.current.fail(e);
        callbacks.current.onClose();
      },
    );
    return () => {
      stale = true;
    };
  }, [data.project, widen, keepOriginals]);

  const apply = async () => {
    setBusy(true);
    try {
      const r = await privacyApi.applyPseudonyms(data.project, { dryRun: false, widen, keepOriginals });
      notify(t('pseudo.applied', { replacements: r.totals.replacements, changed: r.totals.changedSources }));
      onApplied();
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  const broken = report?.sources.filter((s) => s.broken.length > 0) ?? [];
  return (
    <Modal open title={t('pseudo.applyTitle')} onClose={onClose}>
      {!report ? (
        <p aria-live="polite">{t('pseudo.checking')}</p>
      ) : (
        <div className="apply-report" data-testid="apply-report">
          <p>
            {t('pseudo.totals', {
              replacements: report.totals.replacements,
              changed: report.totals.changedSources,
              sources: report.totals.sources,
              kept: report.totals.kept,
              segments: report.totals.segments,
            })}
          </p>
          {broken.length > 0 && (
            <>
              <h3>{t('pseudo.brokenHeading', { count: report.totals.broken })}</h3>
              <p className="small">{t('pseudo.brokenIntro')}</p>
              {broken.map((s) => (
                <div key={s.id}>
                  <h4 className="small">{t('pseudo.inSource', { source: s.name })}</h4>
                  <ul className="broken-list small">
                    {s.broken.map((b) => {
                      const seg = segments.get(b.id);
                      return (
                        <li key={b.id}>
                          {seg
                            ? t('pseudo.brokenItem', { code: seg.code.name, coder: seg.coder, text: seg.text })
                            : `${b.start}–${b.end}`}
                          {widen && (
                            <span className="muted"> — {b.mergedInto ? t('pseudo.brokenMerged') : t('pseudo.brokenWiden')}</span>
                          )}
                        </li>
                      );
                    })}
                  </ul>
                </div>
              ))}
              <label className="check">
                <input type="checkbox" checked={widen} onChange={(e) => setWiden(e.target.checked)} />
                {t('pseudo.widen')}
              </label>
              {report.blocked && <p className="flag-text">{t('pseudo.blocked')}</p>}
            </>
          )}
          <label className="check">
            <input type="checkbox" checked={keepOriginals} onChange={(e) => setKeepOriginals(e.target.checked)} />
            {t('pseudo.keepOriginals')}
          </label>
          <p className="flag-text">
            <strong>{t('pseudo.irreversible')}</strong>{' '}
            {!keepOriginals && report.originals.deleted > 0 ? t('pseudo.originalsGo') : ''}
          </p>
        </div>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          {t('common.cancel')}
        </button>
        <button
          type="button"
          className="danger-button"
          disabled={!report || checking || report.blocked || busy}
          onClick={() => void apply()}
        >
          {t('pseudo.confirmApply')}
        </button>
      </div>
    </Modal>
  );
}
