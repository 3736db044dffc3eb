import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { detectTurns } from '../../../../src/core/transcript/turns.js';
import type { TranscriptEdited } from '../../../../src/server/apiTypes.js';
import { api, type Source } from '../../api.js';
import { Autosave, type SaveStatus } from '../../media/autosave.js';
import {
  applyEdit,
  DEFAULT_SPEAKERS,
  type Edit,
  insertTimestamp,
  newTurn,
  nextSpeaker,
  parseSpeakers,
} from '../../media/transcribe.js';
import { mediaApi, saveFailure } from '../../mediaApi.js';
import { useProject } from '../../project.js';
import { href } from '../../router.js';
import { useUi } from '../../ui.js';
import { MediaPlayer, recordingUrl } from './MediaPlayer.js';
import { usePlayer } from './usePlayer.js';
import { usePlayerKeys } from './usePlayerKeys.js';

/** Quiet time after the last keystroke before the text is saved. */
const SAVE_DELAY_MS = 1000;

/**
 * Transcription mode: the source's text as a field beside its recording. The player's keys work
 * while typing (pausing goes back 2 s), Ctrl+J types the time, Ctrl+Enter starts the next
 * speaker's turn; the text saves itself (`Autosave`) and turns are found in it by the server.
 */
export function TranscriptionView({ source }: { source: string }) {
  const { t } = useTranslation();
  const data = useProject();
  const { notify } = useUi();
  const [doc, setDoc] = useState<Source | null>(null);
  const [missing, setMissing] = useState(false);

  useEffect(() => {
    let stale = false;
    api.source(data.project, source).then(
      (d) => !stale && setDoc(d),
      (e: Error) => {
        if (stale) return;
        setMissing(true);
        notify(e.message, 'error');
      },
    );
    return () => {
      stale = true;
    };
  }, [data.project, source, notify]);

  if (missing) return <p className="card">{t('doc.notFound')}</p>;
  if (!doc) return <p className="card">{t('app.loading')}</p>;
  return <Transcriber key={doc.id} doc={doc} project={data.project} />;
}

function Transcriber({ doc, project }: { doc: Source; project: string }) {
  const { t } = useTranslation();
  const data = useProject();
  const field = useRef<HTMLTextAreaElement>(null);
  const [status, setStatus] = useState<SaveStatus>('saved');
  const [speakerInput, setSpeakerInput] = useState(() => initialSpeakers(doc.text).join(', '));
  const { speakers, refused } = useMemo(() => parseSpeakers(speakerInput), [speakerInput]);
  const player = usePlayer({ rewindOnPause: true });
  const [broken, setBroken] = useState<TranscriptEdited['broken']>([]);

  const saver = useMemo(
    () =>
      new Autosave(doc.text, doc.textHash, {
        save: async (text, base) => {
          const saved = await mediaApi.saveText(project, doc.id, text, base);
          // Said, never silently moved: coded segments whose words this edit took away.
          const ids = new Set(saved.broken.map((b) => b.id));
          if (ids.size > 0) setBroken((list) => [...list.filter((b) => !ids.has(b.id)), ...saved.broken]);
          return saved.textHash;
        },
        failure: saveFailure,
        onStatus: setStatus,
        timers: { set: (run, ms) => setTimeout(run, ms), clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>) },
        delayMs: SAVE_DELAY_MS,
      }),
    [doc, project],
  );

  // Leaving the view saves what is unsaved; leaving the page with unsaved text asks first.
  useEffect(() => {
    const onLeave = (e: BeforeUnloadEvent) => {
      if (!saver.dirty) return;
      saver.flush();
      e.preventDefault();
    };
    window.addEventListener('beforeunload', onLeave);
    return () => {
      window.removeEventListener('beforeunload', onLeave);
      saver.flush();
      saver.dispose();
    };
  }, [saver]);

  /** Types `edit` into the field as the person would: the field's own undo takes it back. */
  const write = (edit: Edit) => {
    const el = field.current;
    if (!el) return;
    el.focus();
    el.setSelectionRange(edit.from, edit.to);
    if (!document.execCommand('insertText', false, edit.insert)) {
      const next = applyEdit(el.value, edit);
      el.value = next.text;
      el.setSelectionRange(next.caret, next.caret);
    }
    saver.edit(el.value);
  };

  const onWrite = (key: 'timestamp' | 'newTurn') => {
    const el = field.current;
    if (!el) return;
    const at = player.now();
    const { selectionStart: from, selectionEnd: to, value } = el;
    const who = () => nextSpeaker(value, from, speakers.length > 0 ? speakers : DEFAULT_SPEAKERS);
    write(key === 'timestamp' ? insertTimestamp(from, to, at) : newTurn(value, from, to, at, who()));
  };
  usePlayerKeys(player, onWrite);

  const keepMine = async () => {
    const now = await api.source(project, doc.id);
    saver.overwrite(now.textHash);
  };

  const recording = doc.recording;
  return (
    <div className="document transcribe">
      <div className="doc-head">
        <h1>{t('transcribe.heading', { source: doc.name })}</h1>
        <span
          className={`save-status${status === 'retrying' || status === 'conflict' || status === 'refused' ? ' failed' : ''}`}
          role="status"
        >
          {t(`transcribe.status.${status}`)}
        </span>
        {status === 'conflict' && (
          <button type="button" className="small-button" onClick={() => void keepMine()}>
            {t('transcribe.keepMine')}
          </button>
        )}
        <a href={href({ view: 'document', project, source: doc.id, segment: null })}>{t('transcribe.back')}</a>
      </div>
      {recording ? (
        <MediaPlayer player={player} recording={recording} src={recordingUrl(project, doc.id)} />
      ) : (
        <p className="card">{t('transcribe.noRecording')}</p>
      )}
      <div className="transcribe-body">
        <textarea
          ref={field}
          className="transcribe-text"
          aria-label={t('transcribe.textLabel', { source: doc.name })}
          aria-describedby="transcribe-hint"
          defaultValue={doc.text}
          spellCheck
          onInput={(e) => saver.edit(e.currentTarget.value)}
          onBlur={() => saver.flush()}
        />
        <aside className="doc-side" aria-label={t('transcribe.speakers')}>
          <label>
            {t('transcribe.speakers')}
            <input value={speakerInput} onChange={(e) => setSpeakerInput(e.target.value)} />
          </label>
          <p className="muted small">{t('transcribe.speakersHelp')}</p>
          {refused.length > 0 && <p className="small">{t('transcribe.speakersRefused', { names: refused.join(', ') })}</p>}
          {broken.length > 0 && (
            <section className="side-section" aria-labelledby="broken-heading">
              <h2 id="broken-heading">{t('transcribe.broken', { count: broken.length })}</h2>
              <ul className="small">
                {broken.map((b) => (
                  <li key={b.id}>
                    {data.codeById.get(b.codeId)?.node.name ?? ''}: “{b.exact}” — {t(`transcribe.reason.${b.reason}`)}
                  </li>
                ))}
              </ul>
            </section>
          )}
          <p className="muted small" id="transcribe-hint">
            {t('transcribe.hint')}
          </p>
        </aside>
      </div>
    </div>
  );
}

/** The speakers the text already has, in the order they first speak; I and IP for a new transcript. */
function initialSpeakers(text: string): string[] {
  const found = [...new Set(detectTurns(text).flatMap((turn) => (turn.speaker ? [turn.speaker] : [])))];
  return found.length >= 2 ? found : DEFAULT_SPEAKERS;
}
