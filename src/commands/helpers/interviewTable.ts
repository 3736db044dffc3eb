import { lengthMinutes } from '../../core/interviews/log.js';
import type { Translate } from '../../i18n/index.js';
import type { InterviewLogEntry } from './interviewLog.js';

/**
 * The interview log as the thesis' methods table (Tabell 3: interview, date, length,
 * interviewers, …), in the project's language: the report's table and the xlsx export's sheet.
 * Lengths in whole minutes, as the thesis gives them.
 */
export function interviewTable(log: InterviewLogEntry[], t: Translate) {
  const header = [
    'interview',
    'participant',
    'date',
    'length',
    'place',
    'interviewers',
    'guide',
    'consent',
    'transcriber',
    'verified',
  ];
  return {
    header: header.map((h) => t(`guide|column|${h}`)),
    rows: log.map((e) => [
      e.source.name,
      e.case?.name ?? '',
      e.heldOn ?? '',
      e.length ? lengthMinutes(e.length.ms) : '',
      e.place,
      e.interviewers.join(', '),
      e.guideVersion ? (e.guideVersion.logged ? e.guideVersion.name : t('guide|by-date', { version: e.guideVersion.name })) : '',
      e.consent ? e.consent.consentedOn : t('guide|consent-missing'),
      e.transcriber,
      e.verifiedAt ? e.verifiedAt.slice(0, 10) : t('guide|not-verified'),
    ]),
  };
}
