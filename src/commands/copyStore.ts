import { z } from 'zod';
import { KodaError } from '../core/errors.js';
import {
  type CopyOptions,
  type CopyProgress,
  copyIntoDataFolder,
  copyStore as copyTables,
  type TableCopy,
} from '../store/copy.js';
import { type Engine, hasEmbeddedStore, openStore, type Store } from '../store/db.js';
import { adoptKeyFiles } from '../store/pseudonymKey.js';
import { writeAudit } from './helpers/context.js';
import { parseInput } from './helpers/validate.js';

const Input = z.object({
  /** 'to': the data folder's store into the PostgreSQL database at `url`; 'from': that database into the data folder. */
  direction: z.enum(['to', 'from']),
  url: z.string().min(1),
  allowPlaintext: z.boolean().default(false),
  dataDir: z.string().min(1),
  /** The embedded store's passphrase (KODA_KEY): unlocks the source, or encrypts the new store. */
  passphrase: z.string().optional(),
});

export interface CopyStoreResult {
  from: { engine: Engine; location: string };
  to: { engine: Engine; location: string };
  /** Every table copied, each verified by its row count and content hash. */
  tables: TableCopy[];
  rows: number;
}

/**
 * Moves a study between engines: the embedded store of a data folder to a PostgreSQL database or
 * back, into a target with no data. Not a project action (it is the whole store, and not
 * undoable); the target's audit log records the copy, in the copy's own transaction.
 */
export async function copyStore(
  actor: string,
  input: z.input<typeof Input>,
  hooks: Pick<CopyOptions, 'afterTable'> & { onProgress?: (p: CopyProgress) => void } = {},
): Promise<CopyStoreResult> {
  const args = parseInput(Input, input);
  const remote = () => openStore(args.dataDir, { database: args.url, allowPlaintext: args.allowPlaintext });
  // The source is opened first: a source that cannot be read leaves the target untouched.
  if (args.direction === 'to') {
    if (!hasEmbeddedStore(args.dataDir)) throw new KodaError('store.copy-no-source', { dir: args.dataDir }, 'not-found');
    return withStore(openStore(args.dataDir, { passphrase: args.passphrase }), async (source) => {
      // Key files of a store no pseudonym command has opened since keys moved into the store.
      await adoptKeyFiles(source);
      return withStore(remote(), async (target) =>
        outcome(
          source,
          target.engine,
          target.location,
          await copyTables(source, target, copyOptions(actor, source.engine, target.engine, hooks)),
        ),
      );
    });
  }
  return withStore(remote(), async (source) => {
    const tables = await copyIntoDataFolder(
      source,
      args.dataDir,
      args.passphrase,
      copyOptions(actor, source.engine, 'sqlite', hooks),
    );
    return outcome(source, 'sqlite', args.dataDir, tables);
  });
}

async function withStore<T>(opening: Promise<Store>, work: (store: Store) => Promise<T>): Promise<T> {
  const store = await opening;
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

function copyOptions(actor: string, from: Engine, to: Engine, hooks: CopyOptions): CopyOptions {
  return {
    ...hooks,
    finish: (target, tables) =>
      writeAudit(target, {
        projectId: null,
        actor,
        action: 'store.copy',
        objectIds: [],
        details: { from, to, tables: tables.length, rows: totalRows(tables) },
      }),
  };
}

const totalRows = (tables: TableCopy[]) => tables.reduce((sum, t) => sum + t.rows, 0);

function outcome(source: Store, engine: Engine, location: string, tables: TableCopy[]): CopyStoreResult {
  return {
    from: { engine: source.engine, location: source.location },
    to: { engine, location },
    tables,
    rows: totalRows(tables),
  };
}
