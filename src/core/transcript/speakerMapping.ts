import { invalid } from '../errors.js';

/**
 * Which case speaks a speaker label of an imported transcript (a group interview's voices to its
 * participants): the case by name or id, or a new case of that name.
 */
export interface SpeakerMapping {
  speaker: string;
  case: string;
}

/**
 * `SPEAKER_00=Albin` as typed on the command line or sent by the browser. Split at the last `=`:
 * a tool's speaker label may hold one, a case name given this way may not.
 */
export function parseSpeakerMapping(text: string): SpeakerMapping {
  const at = text.lastIndexOf('=');
  const speaker = text.slice(0, at).trim();
  const kase = text.slice(at + 1).trim();
  if (at < 0 || speaker === '' || kase === '') throw invalid('import.speaker-mapping', { mapping: text });
  return { speaker, case: kase };
}
