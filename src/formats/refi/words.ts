/**
 * Names the importer gives to things it has to create (a code for selections that had none, a
 * memo keeping the file's sets), in the project's language, like the codebook templates.
 */
export interface Words {
  uncoded: string;
  uncodedDescription: string;
  sets: string;
  /** A set the file leaves unnamed: this word and the start of its GUID. */
  set: string;
  description: string;
  note: string;
  source: string;
  case: string;
  user: string;
  code: string;
  members: string;
}

export const WORDS: Record<'sv' | 'en', Words> = {
  sv: {
    uncoded: 'Okodade citat (importerade)',
    uncodedDescription: 'Markeringar som saknade kod i den importerade filen.',
    sets: 'Set (importerade)',
    set: 'Mängd',
    description: 'Beskrivning',
    note: 'Anteckning',
    source: 'Källa',
    case: 'Fall',
    user: 'Användare',
    code: 'Kod',
    members: 'medlemmar',
  },
  en: {
    uncoded: 'Uncoded quotations (imported)',
    uncodedDescription: 'Selections that had no code in the imported file.',
    sets: 'Sets (imported)',
    set: 'Set',
    description: 'Description',
    note: 'Note',
    source: 'Source',
    case: 'Case',
    user: 'User',
    code: 'Code',
    members: 'members',
  },
};
