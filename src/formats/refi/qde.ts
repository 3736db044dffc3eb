import { invalid } from '../../core/errors.js';
import type { ImportPlan } from './plan.js';
import { readCases, readVariables, typeValues } from './qde/cases.js';
import { readCodes } from './qde/codes.js';
import { newPlanContext, type PlanContext, type PlanInput } from './qde/context.js';
import { registerGuids } from './qde/guids.js';
import { attachNote, readLinks, readNotes } from './qde/notes.js';
import { readSets } from './qde/sets.js';
import { readSource } from './qde/sources.js';
import { readUsers } from './qde/users.js';
import { dateTime } from './qde/values.js';
import { childOf, childrenOf, type XmlElement } from './xml.js';

/**
 * REFI-QDA XML (project.qde or a .qdc codebook) → an import plan. Pure mapping apart from reading
 * the archive's files: every reference is checked, every GUID is unique, and everything Koda
 * cannot hold is counted in the summary. Throws a KodaError (nothing is written) when the file
 * is not a REFI-QDA project or codebook, or is inconsistent. Each section of the file is read by
 * its own module in `qde/`, in the order below (later sections look up what earlier ones read).
 */
export type { PlanInput } from './qde/context.js';

const NAMESPACE = /^urn:QDA-XML:(project|codebook):/;

export async function planFromXml(root: XmlElement, input: PlanInput): Promise<ImportPlan> {
  const ns = root.attrs.xmlns;
  if ((root.name !== 'Project' && root.name !== 'CodeBook') || (ns !== undefined && !NAMESPACE.test(ns))) {
    throw invalid('refi.not-refi', { file: input.file });
  }
  const ctx = newPlanContext(root, input);
  registerGuids(ctx, root);
  if (root.name === 'CodeBook') {
    readCodes(ctx, childOf(root, 'Codes'), null);
    readSets(ctx, childrenOf(childOf(root, 'Sets'), 'Set'));
    return planOf(ctx, 'qdc', { name: '', description: '', createdAt: null });
  }
  readUsers(ctx);
  readCodes(ctx, childOf(childOf(root, 'CodeBook'), 'Codes'), null);
  readVariables(ctx);
  typeValues(ctx, readCases(ctx));
  for (const el of childOf(root, 'Sources')?.children ?? []) await readSource(ctx, el);
  for (const ref of childrenOf(root, 'NoteRef')) attachNote(ctx, ref, { kind: 'project', guid: null });
  readLinks(ctx);
  readSets(ctx, childrenOf(childOf(root, 'Sets'), 'Set'));
  for (const g of childrenOf(childOf(root, 'Graphs'), 'Graph')) ctx.summary.add('graphs', g.attrs.name);
  readNotes(ctx);
  for (const name of input.files?.unused(input.qdeEntry ?? '') ?? []) ctx.summary.add('files-unused', name);
  return planOf(ctx, 'qdpx', {
    name: (root.attrs.name ?? '').trim(),
    description: childOf(root, 'Description')?.text ?? '',
    createdAt: dateTime(root.attrs.creationDateTime),
  });
}

function planOf(ctx: PlanContext, format: 'qdpx' | 'qdc', project: ImportPlan['project']): ImportPlan {
  return {
    format,
    origin: ctx.root.attrs.origin ?? null,
    project,
    users: ctx.users,
    codes: ctx.codes,
    variables: ctx.variables,
    cases: ctx.cases,
    sources: ctx.sources,
    segments: ctx.segments,
    memos: ctx.memos,
    sets: ctx.sets,
    summary: ctx.summary.list(),
  };
}
