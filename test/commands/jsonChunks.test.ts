import { describe, expect, it } from 'vitest';
import { jsonArrayChunks, jsonObjectChunks } from '../../src/commands/helpers/jsonChunks.js';

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

describe('jsonObjectChunks', () => {
  const written = async (value: object, key: string) => {
    const chunks: string[] = [];
    for await (const chunk of jsonObjectChunks(value as Record<string, unknown>, key)) chunks.push(chunk);
    return chunks;
  };

  it('writes the text JSON.stringify writes when the list is the last field', async () => {
    const turns = Array.from({ length: 2_500 }, (_, i) => ({ position: i, speaker: i % 2 ? 'Åsa' : null }));
    const source = { id: 's', text: 'Hej "du"\n👩🏽‍🔬', case: null, turns };
    const chunks = await written(source, 'turns');
    expect(chunks.join('')).toBe(JSON.stringify(source));
    // The turns came in chunks of their own, not in one string.
    expect(chunks.length).toBeGreaterThan(3);
  });

  it('puts the list last otherwise, the same data', async () => {
    const value = { turns: [1, 2], text: 'x', n: 3 };
    expect(JSON.parse((await written(value, 'turns')).join(''))).toEqual(value);
    expect((await written({ turns: [] }, 'turns')).join('')).toBe('{"turns":[]}');
  });
});
