/**
 * What REFI-QDA Sets cannot say about a Koda set, kept as the last line of the Set's Description:
 * `[Koda: case set; cases <guid> <guid>; rule "Stadsdel" = "Norr"]`. REFI Sets hold codes,
 * sources and notes only, so a case set travels as the sources of its cases and this line names
 * the cases (and the attribute rule a set follows, for a source set too). Other programs show the
 * line as part of the description; Koda reads it back and leaves it out of the description.
 */
export interface SetMarker {
  kind: 'source' | 'case';
  /** A case set's cases (lowercase GUIDs) as the set resolved when written. */
  cases: string[];
  /** The attribute rule the set follows, if any. */
  rule: { attribute: string; value: string } | null;
}

const LINE = /\n?\[Koda: (case|source) set((?:; [^\]\n]*)*)\]\s*$/;

export function writeSetMarker(m: SetMarker): string {
  const parts = [`Koda: ${m.kind} set`];
  if (m.kind === 'case') parts.push(`cases ${m.cases.join(' ')}`.trimEnd());
  if (m.rule) parts.push(`rule ${JSON.stringify(m.rule.attribute)} = ${JSON.stringify(m.rule.value)}`);
  return `[${parts.join('; ')}]`;
}

/** A description with its marker appended on a line of its own. */
export function withSetMarker(description: string, m: SetMarker): string {
  const marker = writeSetMarker(m);
  return description.trim() ? `${description.trimEnd()}\n${marker}` : marker;
}

/**
 * The marker a Set's description ends with, and the description without it; `marker` is null
 * when there is none or it does not read (then the description is left as it is).
 */
export function readSetMarker(description: string): { description: string; marker: SetMarker | null } {
  const m = LINE.exec(description);
  if (!m) return { description, marker: null };
  const marker: SetMarker = { kind: m[1] as 'case' | 'source', cases: [], rule: null };
  for (const part of (m[2] ?? '').split('; ').slice(1)) {
    if (part.startsWith('cases')) marker.cases = part.slice(5).trim().split(/\s+/).filter(Boolean);
    else if (part.startsWith('rule ')) {
      const rule = /^rule ("(?:[^"\\]|\\.)*") = ("(?:[^"\\]|\\.)*")$/.exec(part);
      if (!rule) return { description, marker: null };
      marker.rule = { attribute: JSON.parse(rule[1] as string), value: JSON.parse(rule[2] as string) };
    } else return { description, marker: null };
  }
  return { description: description.slice(0, m.index).trimEnd(), marker };
}
