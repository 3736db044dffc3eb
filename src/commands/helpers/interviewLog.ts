import type { Db } from '../../store/db.js';
import { type GuideVersion, guideVersionOf, loadGuide } from './guide.js';
import { recordingLengths } from './recordingLengths.js';

/** One interview (a source) in the log, with what other parts of Koda know of it. */
export interface InterviewLogEntry {
  source: { id: string; name: string };
  case: { id: string; name: string } | null;
  /** `YYYY-MM-DD` */
  heldOn: string | null;
  place: string;
  /** The recording's length when the source has one, else the typed one. */
  length: { ms: number; from: 'recording' | 'typed' } | null;
  interviewers: string[];
  /** `logged` false: inferred from the date (guide.ts guideVersionOf). */
  guideVersion: { id: string; name: string; logged: boolean } | null;
  /** From the consent register: the case's consent, or null when none is recorded (or no case). */
  consent: { consentedOn: string; letterVersion: string } | null;
  transcriber: string;
  /** When the transcript was marked verified against the recording. */
  verifiedAt: string | null;
}

/**
 * The interview log of a project: every source, in the order the interviews were held (undated
 * ones last, by name), with the facts logged for it and those the rest of Koda holds.
 */
export async function interviewLog(db: Db, projectId: string, guide?: GuideVersion[]): Promise<InterviewLogEntry[]> {
  const versions = guide ?? (await loadGuide(db, projectId));
  const rows = await db
    .selectFrom('sources as s')
    .leftJoin('interviews as i', 'i.source_id', 's.id')
    .leftJoin('cases as c', 'c.id', 's.case_id')
    .leftJoin('consent_records as r', 'r.case_id', 's.case_id')
    .select([
      's.id',
      's.name',
      's.verified_at',
      'c.id as case_id',
      'c.name as case_name',
      'i.held_on',
      'i.place',
      'i.length_ms',
      'i.interviewers',
      'i.guide_version_id',
      'i.transcriber',
      'r.consented_on',
      'r.letter_version',
    ])
    .where('s.project_id', '=', projectId)
    .execute();
  const recorded = await recordingLengths(db, projectId);
  const entries = rows.map((r): InterviewLogEntry => {
    const heldOn = r.held_on ?? null;
    const version = guideVersionOf(versions, { guideVersionId: r.guide_version_id ?? null, heldOn });
    const recordingMs = recorded.get(r.id);
    return {
      source: { id: r.id, name: r.name },
      case: r.case_id ? { id: r.case_id, name: r.case_name as string } : null,
      heldOn,
      place: r.place ?? '',
      length:
        recordingMs !== undefined
          ? { ms: recordingMs, from: 'recording' }
          : r.length_ms !== null && r.length_ms !== undefined
            ? { ms: Number(r.length_ms), from: 'typed' }
            : null,
      interviewers: r.interviewers ? (JSON.parse(r.interviewers) as string[]) : [],
      guideVersion: version && { id: version.version.id, name: version.version.name, logged: version.logged },
      consent: r.consented_on ? { consentedOn: r.consented_on, letterVersion: r.letter_version as string } : null,
      transcriber: r.transcriber ?? '',
      verifiedAt: r.verified_at,
    };
  });
  // Undated after dated, then by name, in code point order as the store sorts names.
  const key = (e: InterviewLogEntry) => `${e.heldOn ?? '~'}\u0000${e.source.name}`;
  return entries.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
}
