import { basename, extname } from 'node:path';
import { z } from 'zod';
import { NAME_MAX, shortenName } from '../../core/names.js';
import type { ChangeRecorder } from '../../store/changes.js';
import { name as nameSchema, parseInput } from './validate.js';

/** `name`, or `name (2)`, `name (3)` … when a source of that name exists. */
export async function freeName(w: ChangeRecorder, projectId: string, wanted: string): Promise<string> {
  const taken = new Set(
    (await w.trx.selectFrom('sources').select('name').where('project_id', '=', projectId).execute()).map((r) => r.name),
  );
  let name = wanted;
  for (let n = 2; taken.has(name); n++) {
    const suffix = ` (${n})`;
    name = `${shortenName(wanted, NAME_MAX - suffix.length).name}${suffix}`;
  }
  return name;
}

/**
 * The name given, else the file's name without its extension: shortened visibly when too long,
 * refused like any name when it holds control characters.
 */
export function sourceName(args: { fileName: string; name?: string }): { name: string; shortened: boolean } {
  if (args.name !== undefined) return { name: args.name, shortened: false };
  const fitted = shortenName(basename(args.fileName, extname(args.fileName)).trim());
  return { ...fitted, name: parseInput(z.object({ fileName: nameSchema }), { fileName: fitted.name }).fileName };
}
