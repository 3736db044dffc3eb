import { type FormEvent, useCallback, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { anyTouches } from '../actions.js';
import { ApiError } from '../api.js';
import { type ConsentRow, privacyApi, type RetentionRow, type WithdrawReport } from '../privacyApi.js';
import { useMay, useProject } from '../project.js';
import { href } from '../router.js';
import { bytesToBase64, confirmMatches, erasedCounts } from '../study/forms.js';
import { useUi } from '../ui.js';
import { Modal } from './Modal.js';

const today = () => new Date().toISOString().slice(0, 10);

/** Consent per participant, withdrawal, and retention of uploaded originals. */
export function PrivacyView() {
  const { t } = useTranslation();
  const data = useProject();
  const { run } = useUi();
  const [consent, setConsent] = useState<{ cases: ConsentRow[]; withdrawn: number } | null>(null);
  const [recordFor, setRecordFor] = useState('');
  const [withdraw, setWithdraw] = useState<ConsentRow | null>(null);
  // Consent, withdrawal and the signed forms are the owner's: others read who consented when.
  const isOwner = useMay('owner');
  const formRef = useRef<HTMLFormElement>(null);

  const load = useCallback(async () => {
    const c = await run(() => privacyApi.consent(data.project));
    if (c) setConsent(c);
  }, [run, data.project]);
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(
    () =>
      data.subscribe((events) => {
        if (anyTouches(events, 'consent', 'cases')) void load();
      }),
    [data, load],
  );

  const missing = consent?.cases.filter((c) => !c.consent).length ?? 0;
  return (
    <div className="privacy">
      <h1>{t('privacy.heading')}</h1>
      <section className="card" aria-labelledby="consent-heading">
        <h2 id="consent-heading">{t('privacy.consent')}</h2>
        <p className="muted small">{t('privacy.consentIntro')}</p>
        {consent === null ? (
          <p>{t('app.loading')}</p>
        ) : consent.cases.length === 0 ? (
          <p className="muted">{t('privacy.noCases')}</p>
        ) : (
          <>
            <p className={missing > 0 ? 'flag-text' : undefined}>
              {missing > 0 ? t('privacy.missing', { count: missing, total: consent.cases.length }) : t('privacy.allConsented')}
            </p>
            <div className="table-scroll">
              <table className="table consent-table">
                <thead>
                  <tr>
                    <th scope="col">{t('privacy.case')}</th>
                    <th scope="col">{t('privacy.letter')}</th>
                    <th scope="col">{t('privacy.date')}</th>
                    <th scope="col">{t('privacy.form')}</th>
                    {isOwner && <th scope="col">{t('privacy.actions')}</th>}
                  </tr>
                </thead>
                <tbody>
                  {consent.cases.map((c) => (
                    <tr key={c.id} className={c.consent ? undefined : 'flagged'}>
                      <th scope="row">{c.name}</th>
                      {c.consent ? (
                        <>
                          <td>{c.consent.letterVersion}</td>
                          <td>{c.consent.consentedOn}</td>
                          <td>
                            {!c.consent.form ? (
                              <span className="muted">{t('privacy.noForm')}</span>
                            ) : isOwner ? (
                              <a href={privacyApi.formUrl(data.project, c.id)} download={c.consent.form}>
                                {c.consent.form}
                              </a>
                            ) : (
                              // The signed form itself is the owner's to open.
                              c.consent.form
                            )}
                          </td>
                        </>
                      ) : (
                        <td colSpan={3}>
                          <span className="badge warn">
                            <span aria-hidden="true">⚠ </span>
                            {t('privacy.noConsent')}
                          </span>
                        </td>
                      )}
                      {isOwner && (
                        <td className="actions">
                          <button
                            type="button"
                            className="small-button"
                            aria-label={t(c.consent ? 'privacy.updateFor' : 'privacy.recordFor', { case: c.name })}
                            onClick={() => {
                              setRecordFor(c.id);
                              requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>('input')?.focus());
                            }}
                          >
                            {c.consent ? t('privacy.update') : t('privacy.record')}
                          </button>
                          <button
                            type="button"
                            className="small-button danger"
                            aria-label={t('privacy.withdrawLabel', { case: c.name })}
                            onClick={() => setWithdraw(c)}
                          >
                            {t('privacy.withdraw')}
                          </button>
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        )}
        {consent && (
          <p className="muted">
            {consent.withdrawn > 0 ? t('privacy.withdrawn', { count: consent.withdrawn }) : t('privacy.noneWithdrawn')}
          </p>
        )}
        {isOwner && consent && consent.cases.length > 0 && (
          <RecordConsent
            formRef={formRef}
            cases={consent.cases}
            caseId={recordFor}
            setCaseId={setRecordFor}
            onRecorded={() => void load()}
          />
        )}
      </section>
      <Retention />
      {withdraw && (
        <WithdrawDialog
          kase={withdraw}
          onClose={() => setWithdraw(null)}
          onDone={() => {
            setWithdraw(null);
            void load();
            void data.reload();
          }}
        />
      )}
    </div>
  );
}

function RecordConsent({
  formRef,
  cases,
  caseId,
  setCaseId,
  onRecorded,
}: {
  formRef: React.RefObject<HTMLFormElement | null>;
  cases: ConsentRow[];
  caseId: string;
  setCaseId(id: string): void;
  onRecorded(): void;
}) {
  const { t } = useTranslation();
  const data = useProject();
  const { run, notify } = useUi();
  const chosen = cases.find((c) => c.id === caseId) ?? cases.find((c) => !c.consent) ?? cases[0];
  const [letter, setLetter] = useState('');
  const [date, setDate] = useState(today);
  const [note, setNote] = useState('');
  const fileRef = useRef<HTMLInputElement>(null);
  const headingId = useId();

  // Choosing a case fills in what is recorded for it, so an update starts from it.
  useEffect(() => {
    setLetter(chosen?.consent?.letterVersion ?? '');
    setDate(chosen?.consent?.consentedOn ?? today());
    setNote(chosen?.consent?.note ?? '');
  }, [chosen]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!chosen) return;
    const file = fileRef.current?.files?.[0];
    const result = await run(async () => {
      const form = file
        ? {
            fileName: file.name,
            mediaType: file.type || 'application/octet-stream',
            base64: bytesToBase64(new Uint8Array(await file.arrayBuffer())),
          }
        : undefined;
      return privacyApi.recordConsent(data.project, chosen.id, { letterVersion: letter.trim(), consentedOn: date, note, form });
    });
    if (!result) return;
    if (fileRef.current) fileRef.current.value = '';
    notify(t('privacy.recorded', { case: result.case }));
    onRecorded();
  };

  return (
    <form ref={formRef} className="row" onSubmit={submit} aria-labelledby={headingId}>
      <h3 id={headingId} className="row-title">
        {t('privacy.record')}
      </h3>
      <label>
        {t('privacy.case')}
        <select value={chosen?.id ?? ''} onChange={(e) => setCaseId(e.target.value)}>
          {cases.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('privacy.letter')}
        <input value={letter} onChange={(e) => setLetter(e.target.value)} required placeholder="v1 2024-03-01" />
      </label>
      <label>
        {t('privacy.date')}
        <input type="date" value={date} onChange={(e) => setDate(e.target.value)} required />
      </label>
      <label>
        {t('privacy.note')}
        <input value={note} onChange={(e) => setNote(e.target.value)} />
      </label>
      <label>
        {t('privacy.formFile')}
        <input ref={fileRef} type="file" accept=".pdf,image/*,.docx,.odt" />
      </label>
      <button type="submit" className="primary">
        {t('privacy.recordButton')}
      </button>
    </form>
  );
}

/**
 * Withdrawal: the dry run first names what will be erased; the user types the case's name to
 * confirm, since nothing brings it back.
 */
function WithdrawDialog({ kase, onClose, onDone }: { kase: ConsentRow; onClose(): void; onDone(): void }) {
  const { t } = useTranslation();
  const data = useProject();
  const { run, notify } = useUi();
  const [report, setReport] = useState<WithdrawReport | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const inputId = useId();

  useEffect(() => {
    let stale = false;
    privacyApi.withdraw(data.project, kase.id, true).then(
      (r) => !stale && setReport(r),
      (e: unknown) => !stale && setProblem(e instanceof Error ? e.message : String(e)),
    );
    return () => {
      stale = true;
    };
  }, [data.project, kase.id]);

  const confirm = async () => {
    setBusy(true);
    try {
      const done = await privacyApi.withdraw(data.project, kase.id, false);
      notify(t('withdraw.done', { case: done.name }));
      onDone();
    } catch (e) {
      if (e instanceof ApiError && (e.code === 'pseudonym.secret-required' || e.code === 'pseudonym.wrong-secret'))
        setProblem(t('withdraw.needsSecret'));
      else await run(() => Promise.reject(e));
    } finally {
      setBusy(false);
    }
  };

  const sourceNames = data.sources.filter((s) => s.case?.id === kase.id).map((s) => s.name);
  const ok = confirmMatches(typed, kase.name);
  return (
    <Modal open title={t('withdraw.title', { case: kase.name })} onClose={onClose}>
      {problem && (
        <p className="flag-text" role="alert">
          {problem}
        </p>
      )}
      {!report && !problem && <p aria-live="polite">{t('withdraw.checking')}</p>}
      {report && (
        <>
          <p>{t('withdraw.willErase')}</p>
          <ul className="erase-list" data-testid="withdraw-counts">
            <li>{t('withdraw.theCase', { case: report.name })}</li>
            {erasedCounts(report).map(({ kind, count }) => (
              <li key={kind} data-kind={kind}>
                {t(`withdraw.kinds.${kind}`, { count })}
              </li>
            ))}
          </ul>
          {sourceNames.length > 0 && <p className="small">{t('withdraw.sourceNames', { names: sourceNames.join(', ') })}</p>}
          <p className="flag-text">
            <strong>{t('withdraw.irreversible')}</strong>
          </p>
          <label htmlFor={inputId} className="block-label">
            {t('withdraw.typeName', { case: kase.name })}
            <input
              id={inputId}
              value={typed}
              autoComplete="off"
              spellCheck={false}
              onChange={(e) => setTyped(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter' && ok && !busy) {
                  e.preventDefault();
                  void confirm();
                }
              }}
            />
          </label>
        </>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          {t('common.cancel')}
        </button>
        <button type="button" className="danger-button" disabled={!report || !ok || busy} onClick={() => void confirm()}>
          {t('withdraw.confirm')}
        </button>
      </div>
    </Modal>
  );
}

function Retention() {
  const { t, i18n } = useTranslation();
  const data = useProject();
  const { run, notify } = useUi();
  const [rows, setRows] = useState<RetentionRow[] | null>(null);
  const [confirm, setConfirm] = useState<{ texts: string[]; original: boolean; act: () => Promise<void> } | null>(null);
  // Verifying and the deletion rules erase originals for good: the owner's alone.
  const isOwner = useMay('owner');

  const load = useCallback(async () => {
    const r = await run(() => privacyApi.retention(data.project));
    if (r) setRows(r);
  }, [run, data.project]);
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => data.subscribe((events) => anyTouches(events, 'sources') && void load()), [data, load]);

  const date = (iso: string) => new Date(iso).toLocaleDateString(i18n.language === 'sv' ? 'sv-SE' : 'en-GB');

  // What a verification or a rule deleted, else `otherwise`.
  const told = (row: RetentionRow, r: { originalDeleted: boolean; recordingDeleted: boolean }, otherwise: string) => {
    const deleted = [
      ...(r.originalDeleted && row.originalKept ? [t('retention.deleted', { source: row.name })] : []),
      ...(r.recordingDeleted ? [t('retention.recordingDeleted', { source: row.name })] : []),
    ];
    notify(deleted.length > 0 ? deleted.join(' ') : otherwise);
  };
  const setRule = async (row: RetentionRow, rule: 'original' | 'recording', on: boolean) => {
    const key = rule === 'original' ? 'deleteOriginalWhenVerified' : 'deleteRecordingWhenVerified';
    // The box follows the click at once; a refusal puts it back (the reload below).
    setRows((list) => list?.map((x) => (x.id === row.id ? { ...x, [key]: on } : x)) ?? null);
    const r = await run(() => privacyApi.setRetention(data.project, row.id, { [key]: on }));
    if (!r) return void load();
    const said =
      rule === 'original'
        ? on
          ? 'retention.ruleOn'
          : 'retention.ruleOff'
        : on
          ? 'retention.recordingRuleOn'
          : 'retention.recordingRuleOff';
    told(row, r, t(said, { source: row.name }));
    await load();
  };
  const verify = async (row: RetentionRow) => {
    const r = await run(() => privacyApi.verify(data.project, row.id));
    if (!r) return;
    told(row, r, t('retention.verifiedDone', { source: row.name }));
    await load();
  };
  // Whatever would delete an original or a recording now asks first.
  const guarded = (row: RetentionRow, deletes: { original: boolean; recording: boolean }, act: () => Promise<void>) => {
    const texts = [
      ...(deletes.original && row.originalKept ? [t('retention.confirmText', { file: row.originalName, source: row.name })] : []),
      ...(deletes.recording && row.recordingName
        ? [t('retention.recordingConfirmText', { file: row.recordingName, source: row.name })]
        : []),
    ];
    if (texts.length > 0) setConfirm({ texts, original: deletes.original && row.originalKept, act });
    else void act();
  };
  const verifiedNow = (row: RetentionRow) => row.verifiedAt !== null;

  return (
    <section className="card" aria-labelledby="retention-heading">
      <h2 id="retention-heading">{t('retention.heading')}</h2>
      <p className="muted small">{t('retention.intro')}</p>
      {rows === null ? (
        <p>{t('app.loading')}</p>
      ) : rows.length === 0 ? (
        <p className="muted">{t('retention.none')}</p>
      ) : (
        <div className="table-scroll">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t('retention.source')}</th>
                <th scope="col">{t('retention.original')}</th>
                <th scope="col">{t('retention.verified')}</th>
                <th scope="col">{t('retention.rule')}</th>
                <th scope="col">{t('retention.recording')}</th>
                <th scope="col">{t('retention.recordingRule')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.id}>
                  <th scope="row">
                    <a href={href({ view: 'document', project: data.project, source: row.id, segment: null })}>{row.name}</a>
                  </th>
                  <td>
                    {row.originalName}{' '}
                    <span className="muted small">
                      (
                      {row.originalKept
                        ? t('retention.kept')
                        : row.originalDeletedAt
                          ? t('retention.deletedOn', { date: date(row.originalDeletedAt) })
                          : '—'}
                      )
                    </span>
                  </td>
                  <td>
                    {row.verifiedAt ? (
                      t('retention.verifiedOn', { date: date(row.verifiedAt) })
                    ) : !isOwner ? (
                      <span className="muted">{t('retention.notVerified')}</span>
                    ) : (
                      <span className="row tight">
                        <span className="muted">{t('retention.notVerified')}</span>
                        <button
                          type="button"
                          className="small-button"
                          aria-label={t('retention.markVerifiedLabel', { source: row.name })}
                          onClick={() =>
                            guarded(
                              row,
                              { original: row.deleteOriginalWhenVerified, recording: row.deleteRecordingWhenVerified },
                              () => verify(row),
                            )
                          }
                        >
                          {t('retention.markVerified')}
                        </button>
                      </span>
                    )}
                  </td>
                  <td>
                    <label className="check">
                      <input
                        type="checkbox"
                        checked={row.deleteOriginalWhenVerified}
                        disabled={!isOwner}
                        aria-label={t('retention.ruleLabel', { source: row.name })}
                        onChange={(e) => {
                          const on = e.target.checked;
                          guarded(row, { original: on && verifiedNow(row), recording: false }, () =>
                            setRule(row, 'original', on),
                          );
                        }}
                      />
                    </label>
                  </td>
                  <td>
                    {row.recordingName ??
                      (row.recordingDeletedAt ? t('retention.deletedOn', { date: date(row.recordingDeletedAt) }) : '—')}
                  </td>
                  <td>
                    <label className="check">
                      <input
                        type="checkbox"
                        checked={row.deleteRecordingWhenVerified}
                        disabled={!isOwner}
                        aria-label={t('retention.recordingRuleLabel', { source: row.name })}
                        onChange={(e) => {
                          const on = e.target.checked;
                          guarded(row, { original: false, recording: on && verifiedNow(row) }, () =>
                            setRule(row, 'recording', on),
                          );
                        }}
                      />
                    </label>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <Modal
        open={confirm !== null}
        title={t(confirm?.original === false ? 'retention.recordingConfirmTitle' : 'retention.confirmTitle')}
        onClose={() => setConfirm(null)}
      >
        {confirm?.texts.map((text) => (
          <p key={text}>{text}</p>
        ))}
        <div className="dialog-actions">
          <button type="button" onClick={() => setConfirm(null)}>
            {t('common.cancel')}
          </button>
          <button
            type="button"
            className="danger-button"
            onClick={() => {
              const act = confirm?.act;
              setConfirm(null);
              if (act) void act();
            }}
          >
            {t(confirm?.original === false ? 'retention.recordingConfirmButton' : 'retention.confirmButton')}
          </button>
        </div>
      </Modal>
    </section>
  );
}
