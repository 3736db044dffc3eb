import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { clockLabel } from '../../media/clock.js';
import { recordingUrl } from './MediaPlayer.js';

/** One recording plays at a time on a page: a new span stops the last. */
let shared: HTMLAudioElement | null = null;

function play(url: string, span: { startMs: number; endMs: number }) {
  shared ??= new Audio();
  shared.pause();
  // A media fragment: the browser starts at the span and stops at its end.
  const end = span.endMs > span.startMs ? `,${span.endMs / 1000}` : '';
  shared.src = `${url}#t=${span.startMs / 1000}${end}`;
  void shared.play().catch(() => undefined);
}

/** A coded segment's time in the recording, as a button that plays it (nothing without a span). */
export function PlaySpan({
  project,
  source,
  span,
}: {
  project: string;
  source: string;
  span: { startMs: number; endMs: number } | null | undefined;
}) {
  const { t } = useTranslation();
  useEffect(() => () => shared?.pause(), []);
  if (!span) return null;
  const time = `${clockLabel(span.startMs)}–${clockLabel(span.endMs)}`;
  return (
    <button
      type="button"
      className="small-button play-span"
      aria-label={t('media.playSpan', { time })}
      onClick={() => play(recordingUrl(project, source), span)}
    >
      ▶ {time}
    </button>
  );
}
