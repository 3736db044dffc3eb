import { describe, expect, it } from 'vitest';
import { asNodes, assertFreeName, siblingsOf } from '../../src/commands/helpers/codebook.js';
import type { CodeRow } from '../../src/store/schema.js';

const row = (id: string, parent_id: string | null, position: number, name: string): CodeRow => ({
  id,
  project_id: 'p',
  parent_id,
  position,
  name,
  color: '#000000',
  description: '',
  created_at: '',
});
const codes = [row('b', null, 1, 'B'), row('a', null, 0, 'A'), row('x', 'a', 0, 'x')];

describe('codebook helpers', () => {
  it('lists siblings in position order, leaving one out', () => {
    expect(siblingsOf(codes, null).map((c) => c.id)).toEqual(['a', 'b']);
    expect(siblingsOf(codes, null, 'a').map((c) => c.id)).toEqual(['b']);
    expect(siblingsOf(codes, 'a').map((c) => c.id)).toEqual(['x']);
  });

  it('refuses a sibling name without case, except the node itself', () => {
    expect(() => assertFreeName(codes, null, 'b')).toThrow(expect.objectContaining({ code: 'code.exists' }));
    expect(() => assertFreeName(codes, null, 'b', 'b')).not.toThrow();
    expect(() => assertFreeName(codes, 'b', 'x')).not.toThrow();
  });

  it('turns rows into tree nodes', () => {
    expect(asNodes(codes)[2]).toEqual({ id: 'x', parentId: 'a', position: 0, name: 'x' });
  });
});
