import { type KeyboardEvent, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type CodeSuggestions, type Suggestion, suggestApi } from '../suggestApi.js';
import { useUi } from '../ui.js';

/**
 * "Find more like this" for a code: passages ranked by their likeness to the code's segments, on
 * the server of this machine (nothing is sent anywhere), each with a score bar and the words that
 * made it similar marked. Accept or reject one by one, with the buttons or from the keyboard on a
 * suggestion's focused button (A, R; ↑ ↓ move); a decided one leaves the list, an accepted one is coded in
 * the layer "suggestions" and shows in the code's segments.
 */
export function SuggestionsPanel({ project, code, name }: { project: string; code: string; name: string }) {
  const { t } = useTranslation();
  const { run, notify } = useUi();
  const [data, setData] = useState<CodeSuggestions | null>(null);
  const [failed, setFailed] = useState(false);
  const items = useRef<(HTMLButtonElement | null)[]>([]);

  const load = useCallback(async () => {
    const found = await run(() => suggestApi.list(project, code));
    if (found) setData(found);
    else setFailed(true);
  }, [run, project, code]);
  useEffect(() => {
    void load();
  }, [load]);

  const decide = async (s: Suggestion, index: number, decision: 'accept' | 'reject') => {
    if (!data) return;
    const done = await run(() => suggestApi.decide(project, code, data, s, decision));
    if (!done) return;
    notify(t(decision === 'accept' ? 'suggest.accepted' : 'suggest.rejected'));
    const rest = data.suggestions.filter((x) => x !== s);
    setData({ ...data, suggestions: rest });
    // The next suggestion takes the focus, so deciding goes on from the keyboard.
    requestAnimationFrame(() => items.current[Math.min(index, rest.length - 1)]?.focus());
  };

  // Keys pressed on a suggestion's buttons decide it, or move to the next one's.
  const onKey = (e: KeyboardEvent<HTMLElement>, s: Suggestion, index: number) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const key = e.key.toLowerCase();
    if (key === 'a' || key === 'r') {
      e.preventDefault();
      void decide(s, index, key === 'a' ? 'accept' : 'reject');
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      items.current[index + (e.key === 'ArrowDown' ? 1 : -1)]?.focus();
    }
  };

  if (failed) return null;
  if (!data) return <p>{t('app.loading')}</p>;
  const top = data.suggestions[0]?.score ?? 1;
  return (
    <section className="group suggestions" aria-labelledby="suggestions-heading">
      <h2 id="suggestions-heading">{t('suggest.heading', { code: name })}</h2>
      <p className="small">{t('suggest.local', { count: data.parameters.examples })}</p>
      {data.suggestions.length === 0 ? (
        <p className="muted">{t('suggest.none')}</p>
      ) : (
        <>
          <p className="small muted">{t('suggest.keys')}</p>
          <ol className="segments" aria-label={t('suggest.list')}>
            {data.suggestions.map((s, i) => {
              const place = { source: s.sourceName, start: s.start, end: s.end };
              return (
                <li key={`${s.sourceId}:${s.start}`} onKeyDown={(e) => onKey(e, s, i)}>
                  <div className="seg-meta small">
                    <span>{s.sourceName}</span>
                    {s.caseName && <span className="muted">{s.caseName}</span>}
                    <ScoreBar share={s.score / top} />
                    <span className="muted">{t('suggest.score', { score: s.score.toFixed(2) })}</span>
                  </div>
                  <blockquote className="quote">
                    <Marked text={s.text} words={s.words} />
                  </blockquote>
                  <p className="small muted">{t('suggest.words', { words: s.words.join(', ') })}</p>
                  <div className="row">
                    <button
                      type="button"
                      ref={(el) => {
                        items.current[i] = el;
                      }}
                      onClick={() => void decide(s, i, 'accept')}
                      aria-label={t('suggest.acceptLabel', place)}
                    >
                      {t('suggest.accept')}
                    </button>
                    <button
                      type="button"
                      onClick={() => void decide(s, i, 'reject')}
                      aria-label={t('suggest.rejectLabel', place)}
                    >
                      {t('suggest.reject')}
                    </button>
                  </div>
                </li>
              );
            })}
          </ol>
        </>
      )}
    </section>
  );
}

/** The score against the best one's, as a bar (the number beside it says it in words). */
function ScoreBar({ share }: { share: number }) {
  const width = `${Math.round(Math.max(0.04, Math.min(1, share)) * 100)}%`;
  return (
    <span aria-hidden="true" style={{ display: 'inline-block', width: '5em', height: '0.6em', border: '1px solid currentColor' }}>
      <span style={{ display: 'block', width, height: '100%', background: 'currentColor' }} />
    </span>
  );
}

/** The text with the words that made it similar marked (as the server gives them: lower case, whole words). */
function Marked({ text, words }: { text: string; words: string[] }) {
  const wanted = new Set(words);
  const parts = text.split(/([\p{L}\p{M}\p{N}]+)/u);
  return (
    <>
      {parts.map((part, i) =>
        i % 2 === 1 && wanted.has(part.toLowerCase()) ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed text, in order
          <mark key={i}>{part}</mark>
        ) : (
          part
        ),
      )}
    </>
  );
}
