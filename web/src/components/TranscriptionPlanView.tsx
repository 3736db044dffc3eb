import { type FormEvent, useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatLength } from '../../../src/core/interviews/log.js';
import { anyTouches } from '../actions.js';
import { planApi, type TranscriptionPlan, type TranscriptionPlanPart } from '../planApi.js';
import { useCanCode, useProject } from '../project.js';
import { href } from '../router.js';
import { useUi } from '../ui.js';

interface TranscriberRow {
  name: string;
  share: string;
}

/**
 * The transcription plan of a project: transcribers and their shares in, the plan out (who
 * transcribes which interview, or which part of one), with each transcriber's minutes done as
 * parts are marked transcribed or transcripts verified. A viewer reads the plan and its progress.
 */
export function TranscriptionPlanView() {
  const { t } = useTranslation();
  const data = useProject();
  const { run } = useUi();
  const [plan, setPlan] = useState<TranscriptionPlan | null>(null);
  const canCode = useCanCode();

  const load = useCallback(async () => {
    const r = await run(() => planApi.get(data.project));
    if (r) setPlan(r);
  }, [run, data.project]);
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(
    () => data.subscribe((events) => (anyTouches(events, 'transcription', 'sources', 'interviews') ? void load() : undefined)),
    [data, load],
  );

  const markDone = async (part: TranscriptionPlanPart, done: boolean) => {
    const r = await run(() => planApi.markDone(data.project, { source: part.source.id, transcriber: part.transcriber, done }));
    if (r) setPlan(r);
  };

  return (
    <div className="transcription-plan">
      <h1>{t('transcriptionPlan.heading')}</h1>
      <p className="muted small">{t('transcriptionPlan.intro')}</p>
      {plan === null ? (
        <p>{t('app.loading')}</p>
      ) : (
        <>
          {canCode && <PlanForm plan={plan} onPlanned={setPlan} />}
          {plan.plan && <Progress plan={plan} />}
          {plan.plan && <PlanTable plan={plan} onMark={(part, done) => void markDone(part, done)} />}
          {plan.notPlanned.length > 0 && (
            <p className="muted small">
              {t('transcriptionPlan.notPlanned', { sources: plan.notPlanned.map((s) => s.name).join(', ') })}
            </p>
          )}
        </>
      )}
    </div>
  );
}

/** The transcribers with their shares (empty: equal), and the button that plans. */
function PlanForm({ plan, onPlanned }: { plan: TranscriptionPlan; onPlanned: (plan: TranscriptionPlan) => void }) {
  const { t } = useTranslation();
  const data = useProject();
  const { run } = useUi();
  const id = useId();
  const [rows, setRows] = useState<TranscriberRow[]>(() =>
    plan.transcribers.length > 0
      ? plan.transcribers.map((p) => ({ name: p.name, share: String(p.share) }))
      : [
          { name: '', share: '' },
          { name: '', share: '' },
        ],
  );
  const set = (i: number, patch: Partial<TranscriberRow>) =>
    setRows((rs) => rs.map((r, k) => (k === i ? { ...r, ...patch } : r)));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const transcribers = rows
      .filter((r) => r.name.trim())
      .map((r) => ({ name: r.name, ...(r.share.trim() ? { share: Number(r.share.replace(',', '.')) } : {}) }));
    const r = await run(() => planApi.make(data.project, transcribers));
    if (r) onPlanned(r);
  };

  return (
    <section className="card" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('transcriptionPlan.transcribers')}</h2>
      <form className="stack" onSubmit={(e) => void submit(e)}>
        {rows.map((row, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their place
          <fieldset key={i} className="row">
            <legend className="visually-hidden">{t('transcriptionPlan.transcriberN', { n: i + 1 })}</legend>
            <label htmlFor={`${id}-name-${i}`}>
              {t('transcriptionPlan.name')}
              <input id={`${id}-name-${i}`} value={row.name} onChange={(e) => set(i, { name: e.target.value })} />
            </label>
            <label htmlFor={`${id}-share-${i}`}>
              {t('transcriptionPlan.share')}
              <input
                id={`${id}-share-${i}`}
                inputMode="decimal"
                value={row.share}
                placeholder="1"
                onChange={(e) => set(i, { share: e.target.value })}
              />
            </label>
            {rows.length > 1 && (
              <button
                type="button"
                className="small-button"
                aria-label={t('transcriptionPlan.removeLabel', { n: i + 1 })}
                onClick={() => setRows((rs) => rs.filter((_, k) => k !== i))}
              >
                {t('transcriptionPlan.remove')}
              </button>
            )}
          </fieldset>
        ))}
        <p className="muted small">{t('transcriptionPlan.shareHint')}</p>
        <div className="row">
          <button type="button" onClick={() => setRows((rs) => [...rs, { name: '', share: '' }])}>
            {t('transcriptionPlan.add')}
          </button>
          <button type="submit">{t(plan.plan ? 'transcriptionPlan.replan' : 'transcriptionPlan.plan')}</button>
        </div>
      </form>
    </section>
  );
}

/** Each transcriber's minutes: planned against their share, and done. */
function Progress({ plan }: { plan: TranscriptionPlan }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  return (
    <section className="card" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('transcriptionPlan.progress')}</h2>
      <table className="table">
        <thead>
          <tr>
            {['transcriber', 'interviews', 'planned', 'target', 'done'].map((c) => (
              <th key={c} scope="col">
                {t(`transcriptionPlan.columns.${c}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {plan.transcribers.map((p) => (
            <tr key={p.name}>
              <th scope="row">{p.name}</th>
              <td>{p.interviews.toLocaleString(i18n.language)}</td>
              <td>{formatLength(p.plannedMs)}</td>
              <td>{formatLength(p.targetMs)}</td>
              <td>
                <progress max={p.plannedMs} value={p.doneMs} aria-label={t('transcriptionPlan.doneOf', { name: p.name })} />{' '}
                {formatLength(p.doneMs)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** Who transcribes what: an interview whole, or a part of it from one time to another. */
function PlanTable({ plan, onMark }: { plan: TranscriptionPlan; onMark: (part: TranscriptionPlanPart, done: boolean) => void }) {
  const { t } = useTranslation();
  const data = useProject();
  const canCode = useCanCode();
  const id = useId();
  return (
    <section className="card" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('transcriptionPlan.table', { splits: plan.splitInterviews, count: plan.interviews })}</h2>
      <div className="table-scroll">
        <table className="table">
          <thead>
            <tr>
              {['interview', 'transcriber', 'part', 'length', 'transcribed'].map((c) => (
                <th key={c} scope="col">
                  {t(`transcriptionPlan.columns.${c}`)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {plan.parts.map((part) => (
              <tr key={part.id}>
                <th scope="row">
                  <a href={href({ view: 'document', project: data.project, source: part.source.id, segment: null })}>
                    {part.source.name}
                  </a>
                </th>
                <td>{part.transcriber}</td>
                <td>{part.split ? `${formatLength(part.startMs)}–${formatLength(part.endMs)}` : t('transcriptionPlan.whole')}</td>
                <td>{formatLength(part.endMs - part.startMs)}</td>
                <td>
                  <label>
                    <input
                      type="checkbox"
                      checked={part.done}
                      // A viewer sees what is done but may not mark it.
                      disabled={!canCode || part.doneBy === 'verified'}
                      onChange={(e) => onMark(part, e.target.checked)}
                    />{' '}
                    {part.doneBy === 'verified' ? t('transcriptionPlan.verified') : t('transcriptionPlan.markDone')}
                  </label>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
