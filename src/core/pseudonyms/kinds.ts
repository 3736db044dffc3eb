/** What a pseudonym map entry stands for. */
export const PSEUDONYM_KINDS = ['person', 'place', 'organisation', 'other'] as const;
export type PseudonymKind = (typeof PSEUDONYM_KINDS)[number];
