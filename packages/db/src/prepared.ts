import type { Database } from './client.ts';

/**
 * A query of fixed shape, prepared once per database handle (a transaction is a handle of its
 * own, so its statements run inside it). drizzle prepares on the server only what is built
 * with `.prepare()`; any other query with parameters costs postgres.js two round trips (it
 * describes the statement, then runs it), which on a hot path — the staff token's account and
 * the seeker, read on every request for matches — was two of a request's five.
 */
export function preparedPerDatabase<T>(build: (db: Database) => T): (db: Database) => T {
  const built = new WeakMap<Database, T>();
  return (db) => {
    let statement = built.get(db);
    if (statement === undefined) {
      statement = build(db);
      built.set(db, statement);
    }
    return statement;
  };
}
