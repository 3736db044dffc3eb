/** Small pure helpers of the privacy views. */

/** Bytes as base64 (the signed consent form travels in the JSON body), in chunks so large files do not overflow the stack. */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

/**
 * Whether what the user typed confirms an irreversible action on `name`: the same name, ignoring
 * white space at the ends and Unicode composition (é typed as e + ́ counts), but not letter case.
 */
export function confirmMatches(typed: string, name: string): boolean {
  const norm = (s: string) => s.normalize('NFC').trim();
  return norm(name) !== '' && norm(typed) === norm(name);
}

/** Real forms typed as a list: "Kerstin, KERSTIN; Kerstins" → ["Kerstin", "KERSTIN", "Kerstins"], repeats dropped. */
export function parseForms(input: string): string[] {
  return [
    ...new Set(
      input
        .split(/[,;\n]/)
        .map((f) => f.trim())
        .filter(Boolean),
    ),
  ];
}

/** An audit event's counts and flags as "name: value" pairs, in a stable order (no nested objects). */
export function detailPairs(details: Record<string, unknown>): [string, string][] {
  return Object.entries(details)
    .filter(([, v]) => v !== null && v !== undefined && typeof v !== 'object')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => [k, String(v)]);
}

/** The withdrawal dry run's counts worth naming (those above zero), in the order the dialog lists them. */
export const ERASED_KINDS = [
  'sources',
  'segments',
  'turns',
  'memos',
  'attributeValues',
  'consentRecords',
  'attachments',
  'pseudonymEntries',
] as const;

export function erasedCounts(report: Partial<Record<(typeof ERASED_KINDS)[number], number>>) {
  return ERASED_KINDS.map((kind) => ({ kind, count: report[kind] ?? 0 })).filter((x) => x.count > 0);
}
