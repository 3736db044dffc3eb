import { describe, expect, it } from 'vitest';
import { assertMovable, type CodeNode, childrenIndex, pathOf, sameName, subtreeIds } from '../../src/core/codebook/tree.js';
import { kodaErrorOf } from './support.js';

// Hinder ─┬─ media ── rykte
//         └─ tidsbrist
// Strategier ── plan
const nodes: CodeNode[] = [
  { id: 'h', parentId: null, position: 1, name: 'Hinder' },
  { id: 's', parentId: null, position: 0, name: 'Strategier' },
  { id: 't', parentId: 'h', position: 1, name: 'tidsbrist' },
  { id: 'm', parentId: 'h', position: 0, name: 'media' },
  { id: 'r', parentId: 'm', position: 0, name: 'rykte' },
  { id: 'p', parentId: 's', position: 0, name: 'plan' },
];

describe('subtreeIds', () => {
  it('gives the node first, then every node below it', () => {
    const ids = subtreeIds(nodes, 'h');
    expect(ids[0]).toBe('h');
    expect([...ids].sort()).toEqual(['h', 'm', 'r', 't']);
    expect(ids.indexOf('m')).toBeLessThan(ids.indexOf('r'));
  });

  it('gives a leaf alone', () => {
    expect(subtreeIds(nodes, 'p')).toEqual(['p']);
  });
});

describe('childrenIndex', () => {
  it('groups children by parent, ordered by position', () => {
    const index = childrenIndex(nodes);
    expect(index.get(null)?.map((n) => n.id)).toEqual(['s', 'h']);
    expect(index.get('h')?.map((n) => n.id)).toEqual(['m', 't']);
    expect(index.get('p')).toBeUndefined();
  });
});

describe('assertMovable', () => {
  it('allows a move to another branch or the top level', () => {
    expect(() => assertMovable(nodes, 'm', 's')).not.toThrow();
    expect(() => assertMovable(nodes, 'm', null)).not.toThrow();
  });

  it('refuses a move under itself or its descendant', () => {
    expect(kodaErrorOf(() => assertMovable(nodes, 'h', 'h')).code).toBe('code.move-into-itself');
    const err = kodaErrorOf(() => assertMovable(nodes, 'h', 'r'));
    expect(err.code).toBe('code.move-into-itself');
    expect(err.params).toEqual({ code: 'Hinder' });
  });
});

describe('pathOf', () => {
  it('names the path from the root', () => {
    expect(pathOf(nodes, 'r')).toEqual(['Hinder', 'media', 'rykte']);
    expect(pathOf(nodes, 's')).toEqual(['Strategier']);
    expect(pathOf(nodes, 'missing')).toEqual([]);
  });

  it('stops on a cycle instead of looping', () => {
    const cyclic: CodeNode[] = [
      { id: 'a', parentId: 'b', position: 0, name: 'A' },
      { id: 'b', parentId: 'a', position: 0, name: 'B' },
    ];
    expect(pathOf(cyclic, 'a').length).toBe(3);
  });
});

describe('sameName', () => {
  it('ignores case', () => {
    expect(sameName('Media', 'media')).toBe(true);
    expect(sameName('MÖTESPLATS', 'mötesplats')).toBe(true);
  });

  it('tells accented letters apart', () => {
    expect(sameName('å', 'a')).toBe(false);
    expect(sameName('för', 'for')).toBe(false);
  });

  it('tells different names apart', () => {
    expect(sameName('plan', 'planer')).toBe(false);
  });
});
