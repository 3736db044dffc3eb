import { v7 } from 'uuid';

/** A new row id: UUID v7, time-ordered so new rows land at the end of the primary index. */
export const newId = (): string => v7();

export const nowIso = (): string => new Date().toISOString();
