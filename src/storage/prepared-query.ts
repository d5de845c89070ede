// Queries written with Kysely's builder, built and compiled once, then run again with new values.
// Building and compiling a query walks a tree of frozen nodes and costs more than SQLite takes to
// run a small one; a comment POST runs about ten of them (BENCHMARKS.md, issue 10).
//
// The query is built once per dialect with a placeholder for each named value; every later call
// reuses that SQL with the values put where the placeholders were. So a prepared query's SQL
// must not depend on its values: no `is null` chosen by value, no IN list of varying length, no
// column left out when its value is undefined. Make one prepared query per shape instead.

import type { Compilable, CompiledQuery, Kysely, QueryResult } from 'kysely';
import type { Database } from './schema.ts';

/** Stands in for a named value while the query is built. */
class Placeholder {
  readonly name: string;
  constructor(name: string) {
    this.name = name;
  }
}

interface Template<R> {
  readonly query: CompiledQuery<R>;
  /** For each parameter of the SQL: the name of the value that goes there, or undefined for a constant. */
  readonly slots: readonly (string | undefined)[];
}

export type PreparedQuery<P, R> = (db: Kysely<Database>, values: P) => Promise<QueryResult<R>>;

export function preparedQuery<P extends Record<string, unknown>, R>(names: readonly (keyof P & string)[], build: (db: Kysely<Database>, values: P) => Compilable<R>): PreparedQuery<P, R> {
  // Keyed by the dialect's adapter: a transaction's Kysely shares its database's.
  const templates = new WeakMap<object, Template<R>>();
  const templateFor = (db: Kysely<Database>): Template<R> => {
    const adapter = db.getExecutor().adapter;
    const known = templates.get(adapter);
    if (known) return known;
    const placeholders = Object.fromEntries(names.map((name) => [name, new Placeholder(name)])) as unknown as P;
    const query = build(db, placeholders).compile();
    const slots = query.parameters.map((value) => (value instanceof Placeholder ? value.name : undefined));
    const missing = names.filter((name) => !slots.includes(name));
    if (missing.length > 0) throw new Error(`prepared query does not use ${missing.join(', ')}: ${query.sql}`);
    const template = { query, slots };
    templates.set(adapter, template);
    return template;
  };
  return (db, values) => {
    const { query, slots } = templateFor(db);
    const parameters = query.parameters.map((constant, i) => {
      const name = slots[i];
      return name === undefined ? constant : values[name];
    });
    return db.executeQuery<R>({ query: query.query, queryId: query.queryId, sql: query.sql, parameters });
  };
}
