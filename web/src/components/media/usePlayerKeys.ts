import { useEffect, useRef } from 'react';
import { type PlayerKey, playerKeyOf, SKIP_MS } from '../../media/playerKeys.js';
import type { Player } from './usePlayer.js';

/**
 * The player's keys anywhere on the page, the text and a text field included (they are chords
 * no field uses). The keys that write (a timestamp, a new turn) go to `onWrite` when given.
 */
export function usePlayerKeys(player: Player | null, onWrite?: (key: 'timestamp' | 'newTurn') => void) {
  const latest = useRef({ player, onWrite });
  latest.current = { player, onWrite };
  const active = player !== null;
  useEffect(() => {
    if (!active) return;
    const onKey = (e: KeyboardEvent) => {
      const { player: p, onWrite: write } = latest.current;
      const key = playerKeyOf(e);
      if (!p || !key || e.repeat) return;
      if ((key === 'timestamp' || key === 'newTurn') && !write) return;
      e.preventDefault();
      run(p, key, write);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [active]);
}

function run(player: Player, key: PlayerKey, write?: (key: 'timestamp' | 'newTurn') => void) {
  switch (key) {
    case 'toggle':
      return player.toggle();
    case 'back':
      return player.skip(-SKIP_MS);
    case 'forward':
      return player.skip(SKIP_MS);
    case 'slower':
      return player.changeRate(-1);
    case 'faster':
      return player.changeRate(1);
    default:
      return write?.(key);
  }
}
