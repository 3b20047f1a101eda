/**
 * The database's (region, ticker) order of a list of instruments: the collation an ORDER BY on the
 * tables would use, which JavaScript's string comparison does not reproduce outside ASCII.
 */
import type { Queryable } from "../db/index.ts";

/** Indices into `pairs` ([region, ticker]) in the database's (region, ticker) order. */
export async function databaseOrder(session: Queryable, pairs: readonly (readonly [string, string])[]): Promise<number[]> {
  const ranked = await session.query<{ i: number }>(
    `SELECT (ord - 1)::int AS i FROM jsonb_array_elements($1::jsonb) WITH ORDINALITY AS u(pair, ord)
      ORDER BY pair->>0, pair->>1`,
    [JSON.stringify(pairs)],
  );
  return ranked.map(({ i }) => i);
}
