import type { CodeMatrix, MatrixColumn } from '../queriesApi.js';

/**
 * Which segments a matrix cell counts, so clicking it lists exactly those: the row's code (alone
 * for a code row, with the codes below it for a category or theme), in the column's cases. A
 * segment belongs to the case of its speaker turn, else of its source (the API's `case`).
 */
export function rowIncludesBelow(m: Pick<CodeMatrix, 'rowLevel'>): boolean {
  return m.rowLevel !== 'codes';
}

/** The case to ask the API for (a case column), or null when the column must be filtered here. */
export function columnCase(m: Pick<CodeMatrix, 'columnKind'>, column: MatrixColumn): string | null {
  return m.columnKind === 'cases' && column.empty === null ? column.key : null;
}

/** Whether a segment of case `caseId` (null: no case) falls in `column`. */
export function inColumn(
  m: Pick<CodeMatrix, 'columnKind' | 'attribute'>,
  column: MatrixColumn,
  cases: readonly { id: string; attributes: Record<string, string> }[],
): (caseId: string | null) => boolean {
  if (column.empty === 'no-case') return (id) => id === null;
  if (m.columnKind === 'cases') return (id) => id === column.key;
  const attribute = m.attribute ?? '';
  const members = new Set(cases.filter((c) => (c.attributes[attribute] ?? '') === column.key).map((c) => c.id));
  return (id) => id !== null && members.has(id);
}
