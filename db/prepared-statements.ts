// Named (prepared) statements for drizzle on postgres.js.
//
// Drizzle hands every query to postgres.js as `unsafe(text, params, { prepare: false })` unless the query was
// given a name with `.prepare(name)` (drizzle-orm#6096). So PostgreSQL parsed and planned each statement of
// every request again. `preparing` wraps the postgres.js client drizzle is given, and each transaction it
// opens, so that those queries run as named statements. postgres.js keeps a connection's statements by
// their text; PostgreSQL keeps the parse tree and, once it is no dearer than planning each time, a generic
// plan. On two cores one audited action fell from 1.8 to 1.1 ms of PostgreSQL CPU
// (`npm run bench -- actions`).
//
// A statement whose text grows with its input (an IN list, a multi-row insert) would leave a statement per
// length on each connection. So a statement with more than MAX_PREPARED_PARAMETERS parameters stays
// unnamed. postgres.js also replaces each connection within the hour (its max_lifetime), and the
// statements go with it. A statement without parameters is sent as a simple query either way.
import type postgres from "postgres";

export const MAX_PREPARED_PARAMETERS = 32;

type Sql = postgres.Sql | postgres.TransactionSql;
type Callback = (sql: Sql) => unknown;

/** `sql` with its queries prepared (see above), and the same for the transactions and savepoints it opens. */
export function preparing<T extends Sql>(sql: T): T {
  return new Proxy(sql, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property);
      if (typeof value !== "function") return value;
      const method = value as (...args: unknown[]) => unknown;
      switch (property) {
        case "unsafe":
          return (text: string, params?: unknown, options?: postgres.UnsafeQueryOptions) => {
            // unsafe(text, options), without parameters, is left as it was asked for.
            if (params !== undefined && !Array.isArray(params)) return method.call(target, text, params);
            return method.call(target, text, params, {
              ...options,
              prepare: options?.prepare === true || (params?.length ?? 0) <= MAX_PREPARED_PARAMETERS,
            });
          };
        case "begin":
        case "savepoint":
          // (work) or (options or name, work): the scoped client handed to `work` is wrapped as well.
          return (...args: unknown[]) => {
            const work = args.pop() as Callback;
            return method.call(target, ...args, (scoped: Sql) => work(preparing(scoped)));
          };
        default:
          return value; // postgres.js's methods are closures over their client, not `this`
      }
    },
  });
}
