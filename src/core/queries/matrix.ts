/**
 * Code matrices: rows are codes (or categories, or themes: sums of the codes below them),
 * columns are cases or groups of cases (the cases sharing an attribute value), and a cell
 * measures the row's segments in the column's cases:
 * - `count`: segments;
 * - `chars`: coded characters (code points; a span coded by two codes of a row counts twice);
 * - `presence`: 1 when the row has at least one segment in the column, else 0;
 * - `cases`: how many of the column's cases have the row (for a case column, the same as presence;
 *   segments of no case count in none).
 * Input is the per code × case tally the store aggregates in one query; everything here is pure.
 */
export type Measure = 'count' | 'chars' | 'presence' | 'cases';
export const MEASURES: readonly Measure[] = ['count', 'chars', 'presence', 'cases'];

/** Which codebook nodes become rows. */
export type RowLevel = 'codes' | 'categories' | 'themes';
export const ROW_LEVELS: readonly RowLevel[] = ['codes', 'categories', 'themes'];

export interface CodeNode {
  id: string;
  parentId: string | null;
  position: number;
  name: string;
  color: string;
}

/** Segments of one code in one case (`caseId` null: a source or turn of no case). */
export interface CaseTally {
  codeId: string;
  caseId: string | null;
  count: number;
  chars: number;
}

export interface MatrixRow {
  id: string;
  name: string;
  /** Names from the top of the codebook down to this node. */
  path: string[];
  color: string;
  /** The codes whose segments the row sums: the node and every node below it. */
  members: string[];
}

export interface MatrixColumn {
  /** A case id, an attribute value, or '' for "no case" / "no value". */
  key: string;
  label: string;
  caseIds: (string | null)[];
}

/** Codebook nodes in tree order (depth first, by position), each with its path and depth. */
export function treeOrder(nodes: readonly CodeNode[]): { node: CodeNode; path: string[]; depth: number; children: number }[] {
  const byParent = new Map<string | null, CodeNode[]>();
  for (const n of nodes) {
    const list = byParent.get(n.parentId) ?? [];
    list.push(n);
    byParent.set(n.parentId, list);
  }
  for (const list of byParent.values()) list.sort((a, b) => a.position - b.position || (a.name < b.name ? -1 : 1));
  const out: { node: CodeNode; path: string[]; depth: number; children: number }[] = [];
  const visit = (parentId: string | null, path: string[]) => {
    for (const n of byParent.get(parentId) ?? []) {
      const own = [...path, n.name];
      out.push({ node: n, path: own, depth: path.length, children: byParent.get(n.id)?.length ?? 0 });
      visit(n.id, own);
    }
  };
  visit(null, []);
  return out;
}

/** Ids of `id` and every node below it. */
export function subtree(nodes: readonly CodeNode[], id: string): string[] {
  const out = [id];
  for (let i = 0; i < out.length; i++) for (const n of nodes) if (n.parentId === out[i]) out.push(n.id);
  return out;
}

/**
 * The rows of a level: `codes` are the leaves (nodes with no children), and any other node in
 * `coded` (it has segments of its own, counted alone); `categories` are the nodes with at least
 * one leaf child (the level above the codes); `themes` are the top nodes. Category and theme
 * rows sum their whole branch.
 */
export function matrixRows(nodes: readonly CodeNode[], level: RowLevel, coded: ReadonlySet<string> = new Set()): MatrixRow[] {
  const ordered = treeOrder(nodes);
  const hasChildren = new Set(nodes.map((n) => n.parentId).filter((p): p is string => p !== null));
  const leafParents = new Set(nodes.filter((n) => !hasChildren.has(n.id) && n.parentId).map((n) => n.parentId as string));
  const pick = ordered.filter(({ node, depth }) =>
    level === 'codes'
      ? !hasChildren.has(node.id) || coded.has(node.id)
      : level === 'categories'
        ? leafParents.has(node.id)
        : depth === 0,
  );
  return pick.map(({ node, path }) => ({
    id: node.id,
    name: node.name,
    path,
    color: node.color,
    members: level === 'codes' ? [node.id] : subtree(nodes, node.id),
  }));
}

/** Tallies summed per code and per case ('' for no case): what the cells are read from. */
export type TallyIndex = ReadonlyMap<string, ReadonlyMap<string, { count: number; chars: number }>>;

/** The index of `tallies`; made once for a matrix's cells and its totals. */
export function indexTallies(tallies: readonly CaseTally[]): TallyIndex {
  const byCode = new Map<string, Map<string, { count: number; chars: number }>>();
  for (const t of tallies) {
    let cases = byCode.get(t.codeId);
    if (!cases) {
      cases = new Map();
      byCode.set(t.codeId, cases);
    }
    const key = t.caseId ?? '';
    const sum = cases.get(key);
    // Summed in place: a new object per tally made this the matrix's slowest step (issue 13).
    if (sum) {
      sum.count += t.count;
      sum.chars += t.chars;
    } else cases.set(key, { count: t.count, chars: t.chars });
  }
  return byCode;
}

/** The cells of `rows` × `columns` under `measure`; `cells[r][c]`. */
export function buildMatrix(
  rows: readonly MatrixRow[],
  columns: readonly MatrixColumn[],
  byCode: TallyIndex,
  measure: Measure,
): number[][] {
  return rows.map((row) => {
    // The row's tally per case: its member codes summed.
    const perCase = new Map<string, { count: number; chars: number }>();
    for (const code of row.members) {
      for (const [caseKey, t] of byCode.get(code) ?? []) {
        const sum = perCase.get(caseKey) ?? { count: 0, chars: 0 };
        sum.count += t.count;
        sum.chars += t.chars;
        perCase.set(caseKey, sum);
      }
    }
    return columns.map((col) => {
      let count = 0;
      let chars = 0;
      let cases = 0;
      for (const caseId of col.caseIds) {
        const t = perCase.get(caseId ?? '');
        if (!t || t.count === 0) continue;
        count += t.count;
        chars += t.chars;
        if (caseId !== null) cases++;
      }
      if (measure === 'count') return count;
      if (measure === 'chars') return chars;
      if (measure === 'presence') return count > 0 ? 1 : 0;
      return cases;
    });
  });
}

/**
 * Columns grouping cases by an attribute's value: in the order of `order` (a choice
 * attribute's choices) then the other values sorted; cases without a value last, keyed ''.
 */
export function attributeColumns(
  cases: readonly { id: string; value: string | null }[],
  order: readonly string[],
  noValueLabel: string,
): MatrixColumn[] {
  const groups = new Map<string, string[]>();
  for (const c of cases) {
    const key = c.value ?? '';
    groups.set(key, [...(groups.get(key) ?? []), c.id]);
  }
  const known = order.filter((v) => groups.has(v));
  const rest = [...groups.keys()].filter((v) => v !== '' && !order.includes(v)).sort(compare);
  const columns = [...known, ...rest].map((v) => ({ key: v, label: v, caseIds: groups.get(v) as string[] }));
  if (groups.has('')) columns.push({ key: '', label: noValueLabel, caseIds: groups.get('') as string[] });
  return columns;
}

export const compare = (a: string, b: string) => a.localeCompare(b, 'sv');
