/** Lines (search hits, planned segments) grouped by their source, in the order they came. */
export function groupBySource<T extends { source: { id: string; name: string } }>(
  lines: readonly T[],
): { source: T['source']; lines: T[] }[] {
  const out = new Map<string, { source: T['source']; lines: T[] }>();
  for (const line of lines) {
    const group = out.get(line.source.id);
    if (group) group.lines.push(line);
    else out.set(line.source.id, { source: line.source, lines: [line] });
  }
  return [...out.values()];
}

/** The cases of a group's lines, each once, in order (a group interview has several). */
export function casesOf(lines: readonly { case: { id: string; name: string } | null }[]): string[] {
  return [...new Set(lines.map((l) => l.case?.name).filter((n): n is string => Boolean(n)))];
}
