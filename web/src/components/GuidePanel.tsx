import type { TFunction } from 'i18next';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CodePointIndex, codePointOffset } from '../../../src/core/text/codePoints.js';
import { speakerRole } from '../../../src/core/transcript/roles.js';
import { anyTouches } from '../actions.js';
import type { Turn } from '../api.js';
import { type GuidePlace, interviewsApi } from '../interviewsApi.js';
import { useCanCode, useProject } from '../project.js';
import { href } from '../router.js';
import { useUi } from '../ui.js';

type Places = Awaited<ReturnType<typeof interviewsApi.places>>;

/**
 * The interview guide beside a transcript: the questions of the version the interview used,
 * each with a link to the turn where it was asked (confirmed by a person, or found by word
 * overlap, with how sure), a button to confirm that turn, and a choice of another turn (for
 * those who may change the interview log; a viewer reads).
 */
export function GuidePanel({ source, text, turns }: { source: string; text: string; turns: Turn[] }) {
  const { t } = useTranslation();
  const data = useProject();
  const { run } = useUi();
  const [places, setPlaces] = useState<Places | null>(null);
  const canCode = useCanCode();

  const load = useCallback(async () => {
    const answer = await run(() => interviewsApi.places(data.project, source));
    if (answer) setPlaces(answer);
  }, [run, data.project, source]);
  useEffect(() => {
    void load();
  }, [load]);
  useEffect(
    () => data.subscribe((events) => (anyTouches(events, 'interviews', 'texts') ? void load() : undefined)),
    [data, load],
  );

  // The interviewer's turns to choose from (every turn when none is marked as the interviewer's);
  // none to work out for a source without a guide, or for a viewer, who may not choose (indexing a
  // long text costs the first paint).
  const choosing = canCode && Boolean(places?.version);
  const choices = useMemo(() => {
    if (!choosing) return [];
    const index = new CodePointIndex(text);
    const asking = turns.filter((turn) => speakerRole(turn.speaker) === 'interviewer');
    return (asking.length > 0 ? asking : turns).map((turn) => ({
      id: turn.id,
      label: `${turn.position + 1}. ${index.slice(codePointOffset(turn.start), codePointOffset(Math.min(turn.end, turn.start + 60)))}`,
    }));
  }, [choosing, text, turns]);

  const confirm = async (question: string, turn: string | null) => {
    if (await run(() => interviewsApi.confirm(data.project, source, question, turn))) await load();
  };

  if (!places) return null;
  return (
    <section className="side-section guide-panel" aria-labelledby="guide-heading">
      <h2 id="guide-heading">{places.version ? t('guide.heading', { version: places.version.name }) : t('guide.title')}</h2>
      {places.version === null ? (
        <p className="muted small">
          {t('guide.none')} <a href={href({ view: 'interviews', project: data.project })}>{t('guide.toInterviews')}</a>
        </p>
      ) : (
        <ol className="guide-questions">
          {places.questions.map((q) => (
            <li key={q.id}>
              <p className="small">{q.text}</p>
              <p className="muted small">{status(q, t)}</p>
              <div className="row tight">
                {q.turn && (
                  <a
                    className="small-button"
                    href={href({
                      view: 'document',
                      project: data.project,
                      source,
                      segment: null,
                      at: { start: q.turn.start, end: q.turn.end },
                    })}
                  >
                    {t('guide.jump', { turn: q.turn.position + 1 })}
                  </a>
                )}
                {canCode && <ConfirmPlace question={q} choices={choices} confirm={confirm} />}
              </div>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** Confirming the turn found for a question, taking a confirmation back, or choosing another turn. */
function ConfirmPlace({
  question: q,
  choices,
  confirm,
}: {
  question: GuidePlace;
  choices: { id: string; label: string }[];
  confirm(question: string, turn: string | null): Promise<void>;
}) {
  const { t } = useTranslation();
  return (
    <>
      {q.turn && !q.confirmed && (
        <button type="button" className="small-button" onClick={() => void confirm(q.id, q.turn?.id ?? null)}>
          {t('guide.confirm')}
        </button>
      )}
      {q.confirmed && (
        <button type="button" className="small-button" onClick={() => void confirm(q.id, null)}>
          {t('guide.unconfirm')}
        </button>
      )}
      <select
        aria-label={t('guide.otherTurn', { question: q.position })}
        value=""
        onChange={(e) => void confirm(q.id, e.target.value)}
      >
        <option value="">{t('guide.otherTurnOption')}</option>
        {choices.map((c) => (
          <option key={c.id} value={c.id}>
            {c.label}
          </option>
        ))}
      </select>
    </>
  );
}

function status(q: GuidePlace, t: TFunction): string {
  if (q.confirmed) return q.confirmedBy ? t('guide.confirmed', { coder: q.confirmedBy }) : t('guide.confirmedHidden');
  if (q.asked) return t('guide.found', { percent: Math.round(q.score * 100) });
  return q.turn ? t('guide.weak', { percent: Math.round(q.score * 100) }) : t('guide.notFound');
}
