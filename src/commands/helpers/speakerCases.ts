import { invalid } from '../../core/errors.js';
import type { SpeakerMapping } from '../../core/transcript/speakerMapping.js';
import type { ParsedSource } from '../../formats/types.js';
import type { ChangeRecorder } from '../../store/changes.js';
import { insertCase } from './cases.js';

export interface SpeakerCase {
  speaker: string;
  caseId: string;
  case: string;
  created: boolean;
}

/**
 * Every speaker mapped is one the file has, and no speaker is mapped twice: refused before
 * anything is written, naming the speakers there are.
 */
export function assertSpeakersMappable(mappings: SpeakerMapping[], parsed: ParsedSource, file: string) {
  if (mappings.length === 0) return;
  const speakers = new Set<string>();
  for (const turn of parsed.turns) if (turn.speaker !== null) speakers.add(turn.speaker);
  const present = [...speakers];
  const seen = new Set<string>();
  for (const m of mappings) {
    if (seen.has(m.speaker)) throw invalid('import.speaker-twice', { speaker: m.speaker });
    seen.add(m.speaker);
    if (!present.includes(m.speaker))
      throw invalid('import.speaker-unknown', { file, speaker: m.speaker, speakers: present.join(', ') || '-' });
  }
}

/** The case each mapping names, by id or name, created when the project has no such case. */
export async function speakerCases(w: ChangeRecorder, projectId: string, mappings: SpeakerMapping[]): Promise<SpeakerCase[]> {
  const out: SpeakerCase[] = [];
  for (const m of mappings) {
    const cases = w.trx.selectFrom('cases').select(['id', 'name']).where('project_id', '=', projectId);
    const found =
      (await cases.where('id', '=', m.case).executeTakeFirst()) ?? (await cases.where('name', '=', m.case).executeTakeFirst());
    // Two speakers may be one new case: the second finds the case the first created.
    const made = found ? null : await insertCase(w, projectId, m.case);
    out.push({ speaker: m.speaker, caseId: found?.id ?? (made as string), case: found?.name ?? m.case, created: !found });
  }
  return out;
}
