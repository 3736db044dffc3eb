/**
 * Every user action, declared once: the name the audit log and the history write (kept as it
 * always was, so old logs still read), whether undo can step back over it, what it may leave
 * stale in a view that shows the project, and the least role it needs. `runCommand`, the audit
 * log, the live-update events, the browser's reloads and the undo tests all read it.
 */

/**
 * The kinds of data an action may change (a change in which rows a coder may see counts). Closed:
 * a view in the browser loads again when a kind it reads is stale (web/src/actions.ts).
 */
export const STALE_KEYS = [
  /** The project's own settings: blind mode, owner, description. */
  'project',
  /** The codebook tree: codes, their names, colours and places. */
  'codebook',
  /** The list of sources: names, cases linked, retention, verification. */
  'sources',
  /** A source's text and its speaker turns. */
  'texts',
  /** Coded segments, their memos included. */
  'segments',
  /** The coding layers: coders and consensus layers. */
  'coders',
  /** Cases and their attribute values. */
  'cases',
  /** The attributes declared for cases. */
  'attributes',
  /** Consent records and signed forms. */
  'consent',
  /** The pseudonym map. */
  'pseudonyms',
  /** Memos on the project, sources, cases, codes and segments. */
  'memos',
  /** Theory concepts and their links to codes, segments and memos. */
  'theory',
  /** Source sets and case sets, and who is in them. */
  'sets',
  /** The interview guide, the interview log and where guide questions were asked. */
  'interviews',
  /** The transcription plan and the parts marked transcribed. */
  'transcription',
] as const;

export type StaleKey = (typeof STALE_KEYS)[number];

/** The least role an action needs in its project; the next step enforces it. */
export type Role = 'owner' | 'coder' | 'viewer';

export interface ActionSpec {
  /** Whether the action leaves a history entry that undo reverts. */
  undoable: boolean;
  /** What the action may change; empty for an action that only reads (it is audited). */
  stale: readonly StaleKey[];
  role: Role;
}

// What goes with a source: its text and turns, its coding, the memos on them (and theory links to both), its interview log and plan parts.
const SOURCE_MATERIAL = ['sources', 'texts', 'segments', 'memos', 'interviews', 'transcription', 'sets', 'theory'] as const;
const ALL: readonly StaleKey[] = STALE_KEYS;

const ACTIONS = {
  // A new project (created or imported) has no history to return to; its creator owns it.
  'project.create': { undoable: false, stale: ['project'], role: 'owner' },
  'project.import-refi': { undoable: false, stale: ['project'], role: 'owner' },
  // Blind mode and revealing change which layers a coder may see.
  'project.blind': { undoable: true, stale: ['project', 'coders', 'segments'], role: 'owner' },
  'project.reveal': { undoable: true, stale: ['project', 'coders', 'segments'], role: 'owner' },
  // Exports change nothing; they are audited because research data leaves Koda. A codebook
  // holds no participant's words, so anyone who may read the project may take it out.
  'project.export-qdpx': { undoable: false, stale: [], role: 'owner' },
  'project.export-qdc': { undoable: false, stale: [], role: 'viewer' },
  // Quotes and a coded transcript show what a viewer may already read (in blind mode only the
  // layers they may see), so a viewer may take them out; audited all the same.
  'quotes.export': { undoable: false, stale: [], role: 'viewer' },
  'transcript.export': { undoable: false, stale: [], role: 'viewer' },

  'codebook.template': { undoable: true, stale: ['codebook'], role: 'coder' },
  'codebook.import-refi': { undoable: true, stale: ['codebook', 'memos'], role: 'coder' },
  'code.add': { undoable: true, stale: ['codebook'], role: 'coder' },
  'code.edit': { undoable: true, stale: ['codebook'], role: 'coder' },
  'code.move': { undoable: true, stale: ['codebook'], role: 'coder' },
  // Theory links to the code, its segments and memos follow it (merge) or go with it (delete).
  'code.merge': { undoable: true, stale: ['codebook', 'segments', 'memos', 'theory'], role: 'coder' },
  'code.delete': { undoable: true, stale: ['codebook', 'segments', 'memos', 'theory'], role: 'coder' },
  // A smart code: a coding query saved; it shows in the codebook.
  'query.save': { undoable: true, stale: ['codebook'], role: 'coder' },
  'query.edit': { undoable: true, stale: ['codebook'], role: 'coder' },
  'query.delete': { undoable: true, stale: ['codebook'], role: 'coder' },

  // Coding may open the acting coder's layer.
  'segment.apply': { undoable: true, stale: ['segments', 'coders'], role: 'coder' },
  'segment.remove': { undoable: true, stale: ['segments', 'memos', 'theory'], role: 'coder' },
  'segment.memo': { undoable: true, stale: ['segments'], role: 'coder' },
  'segment.autocode': { undoable: true, stale: ['segments', 'coders'], role: 'coder' },
  'consensus.accept': { undoable: true, stale: ['segments', 'coders'], role: 'coder' },
  // "Find more like this": accepting codes the passage in the suggestions layer (made on first use).
  'suggestion.decide': { undoable: true, stale: ['segments', 'coders'], role: 'coder' },
  // Brings in another project's layers, and the codes and memos they need.
  'coders.merge': { undoable: true, stale: ['segments', 'coders', 'codebook', 'memos'], role: 'owner' },
  'memo.write': { undoable: true, stale: ['memos'], role: 'coder' },
  // Takes the theory links to the memo with it.
  'memo.delete': { undoable: true, stale: ['memos', 'theory'], role: 'coder' },
  // Theory concepts are analysis, like the codebook: coders keep them.
  'theory.add': { undoable: true, stale: ['theory'], role: 'coder' },
  'theory.edit': { undoable: true, stale: ['theory'], role: 'coder' },
  'theory.delete': { undoable: true, stale: ['theory'], role: 'coder' },
  'theory.link': { undoable: true, stale: ['theory'], role: 'coder' },
  'theory.unlink': { undoable: true, stale: ['theory'], role: 'coder' },

  // May add the case it belongs to.
  'source.import': { undoable: true, stale: ['sources', 'texts', 'cases'], role: 'coder' },
  'source.rename': { undoable: true, stale: ['sources'], role: 'coder' },
  // A corrected or newly typed transcript: its turns and segments follow the text.
  'source.edit-text': { undoable: true, stale: ['sources', 'texts', 'segments'], role: 'coder' },
  'source.link-case': { undoable: true, stale: ['sources'], role: 'coder' },
  'turn.link-case': { undoable: true, stale: ['texts'], role: 'coder' },
  'source.delete': { undoable: true, stale: SOURCE_MATERIAL, role: 'owner' },
  // Either may delete an original for good (and the history with it).
  'source.verify': { undoable: false, stale: ['sources'], role: 'owner' },
  'source.retention': { undoable: false, stale: ['sources'], role: 'owner' },
  // A recording is never in the history (it would hold a copy of the file): replacing or
  // removing one erases the file it had for good.
  'recording.attach': { undoable: false, stale: ['sources', 'texts'], role: 'coder' },
  'recording.import': { undoable: false, stale: ['sources', 'texts'], role: 'coder' },
  'recording.remove': { undoable: false, stale: ['sources', 'texts'], role: 'owner' },

  'case.add': { undoable: true, stale: ['cases', 'attributes'], role: 'coder' },
  'case.set-attributes': { undoable: true, stale: ['cases', 'attributes'], role: 'coder' },
  // Sets are analysis tools, like the codebook: coders make them.
  'set.add': { undoable: true, stale: ['sets'], role: 'coder' },
  'set.edit': { undoable: true, stale: ['sets'], role: 'coder' },
  'set.delete': { undoable: true, stale: ['sets'], role: 'coder' },
  'attribute.define': { undoable: true, stale: ['attributes'], role: 'coder' },
  // Unlinks (or deletes) the case's sources and turns.
  'case.delete': { undoable: true, stale: [...SOURCE_MATERIAL, 'cases', 'consent'], role: 'owner' },
  // A withdrawal erases the participant for good: no undo may bring their words back.
  'case.withdraw': { undoable: false, stale: [...SOURCE_MATERIAL, 'cases', 'consent', 'pseudonyms'], role: 'owner' },
  'consent.record': { undoable: true, stale: ['consent'], role: 'owner' },

  // The interview guide and log: study design and facts about the interviews, kept by the coders.
  'guide.add-version': { undoable: true, stale: ['interviews'], role: 'coder' },
  'guide.confirm-place': { undoable: true, stale: ['interviews'], role: 'coder' },
  'interview.set': { undoable: true, stale: ['interviews'], role: 'coder' },
  // The transcription plan: who transcribes what, and the parts marked transcribed.
  'transcription.plan': { undoable: true, stale: ['transcription'], role: 'coder' },
  'transcription.mark-done': { undoable: true, stale: ['transcription'], role: 'coder' },

  'pseudonym.add': { undoable: true, stale: ['pseudonyms'], role: 'owner' },
  // Undoing would put the real names back; it rewrites names and texts everywhere.
  'pseudonym.apply': { undoable: false, stale: ALL, role: 'owner' },

  // Undo and redo are no history entries themselves; their events carry the stale set of the
  // action they stepped over (history.ts), so these sets are never sent.
  'history.undo': { undoable: false, stale: [], role: 'coder' },
  'history.redo': { undoable: false, stale: [], role: 'coder' },

  // The whole store, outside any project: nothing to restore but plaintext.
  'store.encrypt': { undoable: false, stale: [], role: 'owner' },
  'store.rekey': { undoable: false, stale: [], role: 'owner' },
  // Written in the target of a copy between engines (SQLite ⇄ PostgreSQL), which held no data before.
  'store.copy': { undoable: false, stale: [], role: 'owner' },

  // Accounts belong to the store, not to a project: only the operator (the CLI) or the person
  // themself acts on them, so they make nothing in a project stale.
  'account.add': { undoable: false, stale: [], role: 'owner' },
  'account.disable': { undoable: false, stale: [], role: 'owner' },
  'account.password': { undoable: false, stale: [], role: 'owner' },
  'account.sign-in': { undoable: false, stale: [], role: 'owner' },
  'account.sign-in-failed': { undoable: false, stale: [], role: 'owner' },
  'account.sign-out': { undoable: false, stale: [], role: 'owner' },
  // Who may reach a project; not undoable, so an undo can never give access back silently.
  'member.add': { undoable: false, stale: ['project'], role: 'owner' },
  'member.remove': { undoable: false, stale: ['project'], role: 'owner' },
  'member.role': { undoable: false, stale: ['project'], role: 'owner' },
} as const satisfies Record<string, ActionSpec>;

export type ActionName = keyof typeof ACTIONS;

export const ACTION_NAMES = Object.keys(ACTIONS) as ActionName[];

/**
 * The declaration of an action. A name that is not declared is a bug in Koda, not in the
 * user's input, so it throws a plain Error (the compiler refuses most of them first).
 */
export function actionSpec(name: ActionName): ActionSpec {
  if (!Object.hasOwn(ACTIONS, name)) throw new Error(`Undeclared action "${name}": declare it in src/commands/actions.ts`);
  return ACTIONS[name];
}

/** Whether a stored action name (an audit or history row) is declared. */
export function isActionName(name: string): name is ActionName {
  return Object.hasOwn(ACTIONS, name);
}
