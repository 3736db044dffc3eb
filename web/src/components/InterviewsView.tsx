import { type FormEvent, useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatLength } from '../../../src/core/interviews/log.js';
import { anyTouches } from '../actions.js';
import { type GuideVersion, type InterviewEntry, type InterviewFields, interviewsApi } from '../interviewsApi.js';
import { useCanCode, useProject } from '../project.js';
import { saveDownload } from '../refiApi.js';
import { href } from '../router.js';
import { useUi } from '../ui.js';
import { Modal } from './Modal.js';

/**
 * The interviews of a project: the log (date, place, length, interviewers, guide version,
 * consent, transcriber, verified), editable one interview at a time and downloadable as xlsx;
 * and the interview guide's versions, with a form for a new one. A viewer reads and downloads.
 */
export function InterviewsView() {
  const { t, i18n } = useTranslation();
  const data = useProject();
  const { run } = useUi();
  const [log, setLog] = useState<InterviewEntry[] | null>(null);
  const [guide, setGuide] = useState<GuideVersion[]>([]);
  const [editing, setEditing] = useState<InterviewEntry | null>(null);
  const canCode = useCanCode();

  const load = useCallback(async () => {
    const [l, g] = await Promise.all([run(() => interviewsApi.log(data.project)), run(() => interviewsApi.guide(data.project))]);
    if (l) setLog(l.interviews);
    if (g) setGuide(g.versions);
  }, [run, data.project]);
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(
    () => data.subscribe((events) => (anyTouches(events, 'interviews', 'sources', 'consent', 'cases') ? void load() : undefined)),
    [data, load],
  );

  const download = async () => {
    const file = await run(() => interviewsApi.exportLog(data.project, i18n.language));
    if (file) saveDownload(file);
  };

  return (
    <div className="interviews">
      <h1>{t('interviews.heading')}</h1>
      <section className="card" aria-labelledby="log-heading">
        <h2 id="log-heading">{t('interviews.log')}</h2>
        <p className="muted small">{t('interviews.logIntro')}</p>
        {log === null ? (
          <p>{t('app.loading')}</p>
        ) : log.length === 0 ? (
          <p className="muted">{t('interviews.none')}</p>
        ) : (
          <>
            <div className="table-scroll">
              <table className="table interview-log">
                <thead>
                  <tr>
                    {['interview', 'date', 'length', 'place', 'interviewers', 'guide', 'consent', 'transcriber', 'verified'].map(
                      (c) => (
                        <th key={c} scope="col">
                          {t(`interviews.columns.${c}`)}
                        </th>
                      ),
                    )}
                    {canCode && (
                      <th scope="col">
                        <span className="visually-hidden">{t('interviews.actions')}</span>
                      </th>
                    )}
                  </tr>
                </thead>
                <tbody>
                  {log.map((e) => (
                    <tr key={e.source.id}>
                      <th scope="row">
                        <a href={href({ view: 'document', project: data.project, source: e.source.id, segment: null })}>
                          {e.source.name}
                        </a>
                        {e.case && <span className="muted small"> ({e.case.name})</span>}
                      </th>
                      <td>{e.heldOn ?? ''}</td>
                      <td>
                        {e.length
                          ? `${formatLength(e.length.ms)}${e.length.from === 'recording' ? ` ${t('interviews.fromRecording')}` : ''}`
                          : ''}
                      </td>
                      <td>{e.place}</td>
                      <td>{e.interviewers.join(', ')}</td>
                      <td>
                        {e.guideVersion
                          ? e.guideVersion.logged
                            ? e.guideVersion.name
                            : t('interviews.byDate', { version: e.guideVersion.name })
                          : ''}
                      </td>
                      <td className={e.consent ? undefined : 'flag-text'}>
                        {e.consent?.consentedOn ?? t('interviews.noConsent')}
                      </td>
                      <td>{e.transcriber}</td>
                      <td>{e.verifiedAt ? e.verifiedAt.slice(0, 10) : t('interviews.notVerified')}</td>
                      {canCode && (
                        <td>
                          <button
                            type="button"
                            className="small-button"
                            aria-label={t('interviews.editLabel', { interview: e.source.name })}
                            onClick={() => setEditing(e)}
                          >
                            {t('interviews.edit')}
                          </button>
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <button type="button" onClick={() => void download()}>
              {t('interviews.download')}
            </button>
          </>
        )}
      </section>
      <GuideSection guide={guide} onAdded={load} />
      {editing && (
        <InterviewForm
          entry={editing}
          guide={guide}
          onClose={(saved) => {
            setEditing(null);
            if (saved) void load();
          }}
        />
      )}
    </div>
  );
}

/** One interview's log in a dialog; a field left empty is cleared. */
function InterviewForm({
  entry,
  guide,
  onClose,
}: {
  entry: InterviewEntry;
  guide: GuideVersion[];
  onClose: (saved: boolean) => void;
}) {
  const { t } = useTranslation();
  const data = useProject();
  const { run } = useUi();
  const id = useId();
  const [fields, setFields] = useState({
    heldOn: entry.heldOn ?? '',
    place: entry.place,
    length: entry.length?.from === 'typed' ? formatLength(entry.length.ms) : '',
    interviewers: entry.interviewers.join(', '),
    guideVersion: entry.guideVersion?.logged ? entry.guideVersion.name : '',
    transcriber: entry.transcriber,
  });
  const set = (patch: Partial<typeof fields>) => setFields((f) => ({ ...f, ...patch }));

  const save = async (e: FormEvent) => {
    e.preventDefault();
    const body: InterviewFields = {
      heldOn: fields.heldOn || null,
      place: fields.place,
      interviewers: fields.interviewers
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
      guideVersion: fields.guideVersion || null,
      transcriber: fields.transcriber,
      // A recording's length is read from the file; a typed one only stands in for it.
      ...(entry.length?.from === 'recording' ? {} : { length: fields.length || null }),
    };
    if (await run(() => interviewsApi.set(data.project, entry.source.id, body))) onClose(true);
  };

  return (
    <Modal open title={t('interviews.editTitle', { interview: entry.source.name })} onClose={() => onClose(false)}>
      <form className="stack" onSubmit={(e) => void save(e)}>
        <label htmlFor={`${id}-date`}>
          {t('interviews.columns.date')}
          <input id={`${id}-date`} type="date" value={fields.heldOn} onChange={(e) => set({ heldOn: e.target.value })} />
        </label>
        <label htmlFor={`${id}-place`}>
          {t('interviews.columns.place')}
          <input id={`${id}-place`} value={fields.place} onChange={(e) => set({ place: e.target.value })} />
        </label>
        {entry.length?.from === 'recording' ? (
          <p className="muted small">{t('interviews.lengthFromRecording', { length: formatLength(entry.length.ms) })}</p>
        ) : (
          <label htmlFor={`${id}-length`}>
            {t('interviews.columns.length')}
            <input
              id={`${id}-length`}
              value={fields.length}
              placeholder="45:30"
              aria-describedby={`${id}-length-hint`}
              onChange={(e) => set({ length: e.target.value })}
            />
            <span id={`${id}-length-hint`} className="muted small">
              {t('interviews.lengthHint')}
            </span>
          </label>
        )}
        <label htmlFor={`${id}-interviewers`}>
          {t('interviews.columns.interviewers')}
          <input
            id={`${id}-interviewers`}
            value={fields.interviewers}
            placeholder="Yaman, Zozan"
            onChange={(e) => set({ interviewers: e.target.value })}
          />
        </label>
        <label htmlFor={`${id}-guide`}>
          {t('interviews.columns.guide')}
          <select id={`${id}-guide`} value={fields.guideVersion} onChange={(e) => set({ guideVersion: e.target.value })}>
            <option value="">{t('interviews.guideByDate')}</option>
            {guide.map((v) => (
              <option key={v.id} value={v.name}>
                {t('interviews.versionOption', { version: v.name, from: v.effectiveFrom })}
              </option>
            ))}
          </select>
        </label>
        <label htmlFor={`${id}-transcriber`}>
          {t('interviews.columns.transcriber')}
          <input id={`${id}-transcriber`} value={fields.transcriber} onChange={(e) => set({ transcriber: e.target.value })} />
        </label>
        <div className="row tight">
          <button type="submit" className="primary">
            {t('interviews.save')}
          </button>
          <button type="button" onClick={() => onClose(false)}>
            {t('interviews.cancel')}
          </button>
        </div>
      </form>
    </Modal>
  );
}

/** The guide's versions, each with its questions, and for those who may add one, a form for a new version. */
function GuideSection({ guide, onAdded }: { guide: GuideVersion[]; onAdded: () => Promise<void> }) {
  const { t } = useTranslation();
  const canCode = useCanCode();
  return (
    <section className="card" aria-labelledby="guide-versions-heading">
      <h2 id="guide-versions-heading">{t('interviews.guide')}</h2>
      {guide.length === 0 ? (
        <p className="muted">{t('interviews.noGuide')}</p>
      ) : (
        guide.map((v) => (
          <details key={v.id}>
            <summary>{t('interviews.versionOption', { version: v.name, from: v.effectiveFrom })}</summary>
            <ol>
              {v.questions.map((q) => (
                <li key={q.id}>{q.text}</li>
              ))}
            </ol>
          </details>
        ))
      )}
      {canCode && <AddVersion onAdded={onAdded} />}
    </section>
  );
}

/** A new version of the guide: its name, the day it is used from, and its questions, one a line. */
function AddVersion({ onAdded }: { onAdded: () => Promise<void> }) {
  const { t } = useTranslation();
  const data = useProject();
  const { run } = useUi();
  const id = useId();
  const [draft, setDraft] = useState({ version: '', from: '', questionList: '' });

  const add = async (e: FormEvent) => {
    e.preventDefault();
    if (await run(() => interviewsApi.addVersion(data.project, draft))) {
      setDraft({ version: '', from: '', questionList: '' });
      await onAdded();
    }
  };

  return (
    <form className="stack" onSubmit={(e) => void add(e)} aria-labelledby={`${id}-add`}>
      <h3 id={`${id}-add`}>{t('interviews.addVersion')}</h3>
      <div className="row tight">
        <label htmlFor={`${id}-name`}>
          {t('interviews.versionName')}
          <input
            id={`${id}-name`}
            required
            value={draft.version}
            onChange={(e) => setDraft({ ...draft, version: e.target.value })}
          />
        </label>
        <label htmlFor={`${id}-from`}>
          {t('interviews.versionFrom')}
          <input
            id={`${id}-from`}
            type="date"
            required
            value={draft.from}
            onChange={(e) => setDraft({ ...draft, from: e.target.value })}
          />
        </label>
      </div>
      <label htmlFor={`${id}-questions`}>
        {t('interviews.questions')}
        <textarea
          id={`${id}-questions`}
          rows={6}
          required
          value={draft.questionList}
          onChange={(e) => setDraft({ ...draft, questionList: e.target.value })}
        />
      </label>
      <button type="submit">{t('interviews.addVersionButton')}</button>
    </form>
  );
}
