import { useTranslation } from 'react-i18next';
import type { Source } from '../../api.js';
import { clockLabel } from '../../media/clock.js';
import { RATES, SKIP_MS } from '../../media/playerKeys.js';
import type { Player } from './usePlayer.js';
import '../../media.css';

/** A source's recording as the API describes it. */
export type RecordingInfo = NonNullable<Source['recording']>;

/** Where the browser streams a source's recording from (HTTP range requests). */
export function recordingUrl(project: string, source: string): string {
  return `/api/projects/${encodeURIComponent(project)}/sources/${encodeURIComponent(source)}/recording`;
}

/**
 * The recording's player: the browser's own controls (seek bar, volume) with back and forward
 * 5 s and the speed, which the keys also reach (`usePlayerKeys`). Video shows its picture.
 */
export function MediaPlayer({ player, recording, src }: { player: Player; recording: RecordingInfo; src: string }) {
  const { t } = useTranslation();
  const video = recording.mediaType.startsWith('video/');
  const ref = (el: HTMLMediaElement | null) => {
    player.media.current = el;
  };
  const seconds = SKIP_MS / 1000;
  return (
    <section className="player" aria-label={t('media.player', { file: recording.fileName })}>
      {video ? (
        // biome-ignore lint/a11y/useMediaCaption: an interview's video; its transcript is the text beside it
        <video ref={ref} src={src} controls preload="metadata" className="player-media" />
      ) : (
        // biome-ignore lint/a11y/useMediaCaption: the transcript is the text beside it
        <audio ref={ref} src={src} controls preload="metadata" className="player-media" />
      )}
      <div className="player-controls">
        <button type="button" className="small-button" onClick={() => player.skip(-SKIP_MS)} title={t('media.backKey')}>
          {t('media.back', { seconds })}
        </button>
        <button type="button" className="small-button" onClick={() => player.toggle()} title={t('media.toggleKey')}>
          {player.playing ? t('media.pause') : t('media.play')}
        </button>
        <button type="button" className="small-button" onClick={() => player.skip(SKIP_MS)} title={t('media.forwardKey')}>
          {t('media.forward', { seconds })}
        </button>
        <label className="inline">
          {t('media.speed')}
          <select
            value={String(player.rate)}
            onChange={(e) => player.setRate(Number(e.target.value))}
            title={t('media.speedKey')}
          >
            {RATES.map((r) => (
              <option key={r} value={String(r)}>
                {t('media.rate', { rate: r })}
              </option>
            ))}
          </select>
        </label>
        <span className="muted small time" aria-live="off">
          {clockLabel(player.ms)}
          {recording.durationMs !== null ? ` / ${clockLabel(recording.durationMs)}` : ''}
        </span>
      </div>
    </section>
  );
}
