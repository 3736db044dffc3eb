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

/** The marker's body; the rule's attribute and value are JSON strings, so they may hold `;` or `]`. */
const BODY =
  /^\[Koda: (case|source) set(?:; cases((?: [0-9a-fA-F-]+)*))?(?:; rule ("(?:[^"\\]|\\.)*") = ("(?:[^"\\]|\\.)*"))?\]$/;

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
  const trimmed = description.trimEnd();
  const at = trimmed.lastIndexOf('\n') + 1;
  const m = BODY.exec(trimmed.slice(at));
  if (!m) return { description, marker: null };
  let rule: SetMarker['rule'] = null;
  try {
    if (m[3] && m[4]) rule = { attribute: JSON.parse(m[3]) as string, value: JSON.parse(m[4]) as string };
  } catch {
    return { description, marker: null }; // a string that is not JSON (\q): not Koda's line
  }
  const cases = (m[2] ?? '').split(' ').filter(Boolean);
  return { description: trimmed.slice(0, at).trimEnd(), marker: { kind: m[1] as 'case' | 'source', cases, rule } };
}
