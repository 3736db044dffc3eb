import { type CompiledQuery, createQueryId } from 'kysely';
import { type Db, type Engine, engineOf } from './db.js';
import { prepareStatement } from './namedStatements.js';

/**
 * A statement of a fixed shape whose values change from one run to the next, built and compiled
 * by Kysely once per engine and then sent with each run's values in place of the first run's
 * (issue 17: building and compiling a statement cost a server about 0.15 ms of JavaScript, and
 * a request sends several). The compiled statement keeps its query node, so it runs where Kysely
 * would run it (a SELECT outside a transaction goes to SQLite's reader), and PostgreSQL keeps it
 * prepared (namedStatements.ts). Plugins see it once, when it is compiled for the first database
 * of its engine: every store of an engine has the same (emptyInList.ts), which finds nothing to
 * rewrite in a statement of single values.
 *
 * `build` is given stand-ins for the values, not the values: it must put each one where Kysely
 * sends a parameter (a comparison, an inserted value, `sql` text's `${}`), never compute with it
 * or choose a shape by it. A statement whose shape depends on a value is one template per shape.
 * A stand-in that does not come out as a parameter (inlined by `sql.lit`, say) is refused when
 * the template is compiled, naming it.
 */
export function statementTemplate<V extends object, Q extends Statement>(
  build: (db: Db, values: V) => Q,
): (db: Db, values: V) => Promise<RowsOf<Q>> {
  const compiled = new Map<Engine, CompiledQuery>();
  return async (db, values) => {
    const engine = engineOf(db);
    let template = compiled.get(engine);
    if (!template) {
      template = compileTemplate(db, build);
      if (engine === 'postgres') prepareStatement(template.sql);
      compiled.set(engine, template);
    }
    const parameters = template.parameters.map((p) => (p instanceof StandIn ? (values as Record<string, unknown>)[p.name] : p));
    const result = await db.executeQuery({ ...template, parameters, queryId: createQueryId() });
    return result.rows as RowsOf<Q>;
  };
}

/**
 * statementTemplate for a statement of a few shapes: one template for each `shape`, a small plain
 * object (flags, names: what JSON keeps) that `build` chooses the statement's form by (a filter or
 * not, a first page or a later one, an insert's table and columns), and stand-ins for the values
 * as statementTemplate gives them.
 */
export function shapedTemplate<S extends object, V extends object, Q extends Statement>(
  build: (db: Db, values: V, shape: S) => Q,
): (db: Db, shape: S, values: V) => Promise<RowsOf<Q>> {
  const shapes = new Map<string, (db: Db, values: V) => Promise<RowsOf<Q>>>();
  return (db, shape, values) => {
    const key = JSON.stringify(shape);
    let run = shapes.get(key);
    if (!run) {
      // A copy of its own: the caller's object may change after this call.
      const fixed = JSON.parse(key) as S;
      run = statementTemplate((db: Db, v: V) => build(db, v, fixed));
      shapes.set(key, run);
    }
    return run(db, values);
  };
}

/** A query builder, or `sql` text (whose compile needs the database it is for). */
export type Statement = { compile(db: Db): CompiledQuery<unknown> };

export type RowsOf<Q extends Statement> = Q extends { compile(db: Db): CompiledQuery<infer O> } ? O[] : never;

/** What a template's statement is compiled with in place of a value: its name in the values. */
class StandIn {
  constructor(readonly name: string) {}
}

function compileTemplate<V extends object>(db: Db, build: (db: Db, values: V) => Statement): CompiledQuery {
  const asked = new Set<string>();
  const standIns = new Proxy({} as V, {
    get: (_, name) => {
      if (typeof name !== 'string') return undefined;
      asked.add(name);
      return new StandIn(name);
    },
  });
  const query = build(db, standIns).compile(db);
  const sent = new Set(query.parameters.flatMap((p: unknown) => (p instanceof StandIn ? [p.name] : [])));
  const inlined = [...asked].filter((name) => !sent.has(name));
  if (inlined.length > 0) throw new Error(`statement template: ${inlined.join(', ')} not sent as parameters`);
  return query;
}
