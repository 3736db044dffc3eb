import { it } from 'vitest';
import { detectTurns } from '/work/main/src/core/transcript/turns.js';
it('bench', () => {
  const para = 'Albin: Det här är en rad med lite text 😀 som upprepas ganska många gånger i transkriptet.\n\nI: Fråga?\n\n';
  const text = para.repeat(Math.ceil(1_000_000 / para.length));
  const t = performance.now();
  const turns = detectTurns(text);
  console.log(text.length, turns.length, performance.now() - t, 'ms');
});
