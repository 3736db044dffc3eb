/** Readings of attribute values shared by the sections: integers, timestamps, names, titles. */

export function integer(value: string | undefined): number | null {
  return value !== undefined && /^\s*-?\d{1,15}\s*$/.test(value) ? Number(value) : null;
}

/** An ISO 8601 timestamp in UTC, or null for anything else. */
export function dateTime(value: string | undefined): string | null {
  if (!value) return null;
  const t = Date.parse(value);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

export function firstLine(text: string): string {
  return (text.trim().split('\n')[0] ?? '').slice(0, 80);
}

/** `wanted`, or `wanted (2)`, `wanted (3)` … when `taken` has it. */
export function freeName(wanted: string, taken: string[], same: (a: string, b: string) => boolean): string {
  let name = wanted;
  for (let n = 2; taken.some((t) => same(t, name)); n++) name = `${wanted} (${n})`;
  return name;
}

export const sameExactly = (a: string, b: string) => a === b;
