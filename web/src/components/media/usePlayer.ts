import { type RefObject, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { nextRate, REWIND_ON_PAUSE_MS } from '../../media/playerKeys.js';

export interface Player {
  media: RefObject<HTMLMediaElement | null>;
  /** Where the player is, in ms (updated on `timeupdate`, a few times a second). */
  ms: number;
  playing: boolean;
  /** Has been played or moved since the view opened: a current turn is worth marking. */
  started: boolean;
  rate: number;
  playFrom(ms: number): void;
  /** Play, or pause (transcription mode rewinds a little on pause). */
  toggle(): void;
  skip(ms: number): void;
  changeRate(direction: -1 | 1): void;
  setRate(rate: number): void;
  /** The position now, read from the element (between `timeupdate`s). */
  now(): number;
}

/** The state and commands of one `<audio>`/`<video>`, which `MediaPlayer` draws. */
export function usePlayer({ rewindOnPause = false }: { rewindOnPause?: boolean } = {}): Player {
  const media = useRef<HTMLMediaElement | null>(null);
  const [ms, setMs] = useState(0);
  const [playing, setPlaying] = useState(false);
  const [started, setStarted] = useState(false);
  const [rate, setRateState] = useState(1);

  // The element's own events keep the state true whichever control (native or ours) moved it;
  // listened to again on each render, as the element may appear after the first (the source loads).
  useEffect(() => {
    const el = media.current;
    if (!el) return;
    const time = () => setMs(Math.round(el.currentTime * 1000));
    const play = () => {
      setPlaying(true);
      setStarted(true);
    };
    const pause = () => setPlaying(false);
    const speed = () => setRateState(el.playbackRate);
    const seeked = () => {
      time();
      setStarted(true);
    };
    el.addEventListener('timeupdate', time);
    el.addEventListener('seeked', seeked);
    el.addEventListener('play', play);
    el.addEventListener('pause', pause);
    el.addEventListener('ratechange', speed);
    return () => {
      el.removeEventListener('timeupdate', time);
      el.removeEventListener('seeked', seeked);
      el.removeEventListener('play', play);
      el.removeEventListener('pause', pause);
      el.removeEventListener('ratechange', speed);
    };
  });

  const seek = useCallback((to: number) => {
    const el = media.current;
    if (!el) return;
    const end = Number.isFinite(el.duration) ? el.duration * 1000 : Number.POSITIVE_INFINITY;
    el.currentTime = Math.max(0, Math.min(end, to)) / 1000;
  }, []);

  // A refused play (the browser's autoplay rule, a source it cannot play) leaves the player paused, as it shows.
  const start = useCallback((el: HTMLMediaElement) => void el.play().catch(() => undefined), []);

  return useMemo(
    () => ({
      media,
      ms,
      playing,
      started,
      rate,
      playFrom(to: number) {
        const el = media.current;
        if (!el) return;
        seek(to);
        start(el);
      },
      toggle() {
        const el = media.current;
        if (!el) return;
        if (el.paused) return start(el);
        el.pause();
        if (rewindOnPause) seek(el.currentTime * 1000 - REWIND_ON_PAUSE_MS);
      },
      skip(by: number) {
        const el = media.current;
        if (el) seek(el.currentTime * 1000 + by);
      },
      changeRate(direction: -1 | 1) {
        const el = media.current;
        if (el) el.playbackRate = nextRate(el.playbackRate, direction);
      },
      setRate(to: number) {
        if (media.current) media.current.playbackRate = to;
      },
      now: () => Math.round((media.current?.currentTime ?? 0) * 1000),
    }),
    [ms, playing, started, rate, rewindOnPause, seek, start],
  );
}
