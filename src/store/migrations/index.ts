import type { Migration, MigrationProvider } from 'kysely';
import * as m001 from './001_initial.js';
import * as m002 from './002_coding_layers.js';
import * as m003 from './003_privacy.js';
import * as m004 from './004_queries.js';
import * as m005 from './005_pseudonym_keys.js';
import * as m006 from './006_people.js';
import * as m007 from './007_recordings.js';
import * as m008 from './008_transcript_anchors.js';
import * as m009 from './009_interview_guide.js';
import * as m010 from './010_transcription_plan.js';
import * as m011 from './011_session_idle.js';
import * as m012 from './012_analysis.js';
import * as m013 from './013_source_coding_index.js';
import * as m014 from './014_original_pieces.js';
import * as m015 from './015_turns_in_id_order.js';
import * as m016 from './016_quick_compression.js';
import * as m017 from './017_project_counts.js';
import * as m018 from './018_source_measures_index.js';
import * as m019 from './019_source_text_last.js';

/** Numbered migrations, applied in order on both engines. Add new ones; never change what an engine has already run. */
const migrations: Record<string, Migration> = {
  '001_initial': m001,
  '002_coding_layers': m002,
  '003_privacy': m003,
  '004_queries': m004,
  '005_pseudonym_keys': m005,
  '006_people': m006,
  '007_recordings': m007,
  '008_transcript_anchors': m008,
  '009_interview_guide': m009,
  '010_transcription_plan': m010,
  '011_session_idle': m011,
  '012_analysis': m012,
  '013_source_coding_index': m013,
  '014_original_pieces': m014,
  '015_turns_in_id_order': m015,
  '016_quick_compression': m016,
  '017_project_counts': m017,
  '018_source_measures_index': m018,
  '019_source_text_last': m019,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
