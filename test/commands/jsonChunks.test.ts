import { describe, expect, it } from 'vitest';
import { jsonArrayChunks } from '../../src/commands/helpers/jsonChunks.js';

const joined = async (items: unknown[], perChunk?: number) => {
  const chunks: string[] = [];
  for await (const chunk of jsonArrayChunks(items, perChunk)) chunks.push(chunk);
  return chunks;
};

describe('jsonArrayChunks', () => {
  const items = [{ a: 1, text: 'Åsa "citat"\n' }, null, 'x', undefined, [1, { b: 2 }], 3.5, { emoji: '👩🏽‍🔬' }];

  it('writes the text JSON.stringify writes, across every chunk boundary', async () => {
    for (const perChunk of [1, 2, 3, items.length, items.length + 1]) {
      const chunks = await joined(items, perChunk);
      expect(chunks.join('')).toBe(JSON.stringify(items));
      expect(chunks).toHaveLength(Math.ceil(items.length / perChunk));
    }
  });

  it('writes an empty array', async () => {
    expect((await joined([])).join('')).toBe('[]');
  });
});
