/**
 * The engine's own ceiling for rows a loader stored: every row of `tables` in `loaded`, read back as
 * binary COPY streams, COPYed as they are into a fresh migrated database of the same engine in one
 * transaction (nothing read from a source, checked or encoded). Timed from the first COPY in to the
 * commit; `rows` counted in the fresh database afterwards.
 */
import { getTableColumns, getTableName } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import { openDatabase, type Database, type OpenOptions } from "../../src/db/index.ts";

export async function timeRawCopy(
  loaded: Database,
  fresh: () => Promise<{ options: OpenOptions; drop: () => Promise<void> }>,
  tables: readonly PgTable[],
): Promise<{ seconds: number; rows: number }> {
  const streams: { name: string; columns: string[]; data: Buffer }[] = [];
  for (const table of tables) {
    const columns = Object.values(getTableColumns(table)).map((c) => c.name);
    const name = getTableName(table);
    streams.push({ name, columns, data: await loaded.copyTo(`SELECT ${columns.map((c) => `"${c}"`).join(", ")} FROM "${name}"`) });
  }
  const target = await fresh();
  const database = await openDatabase(target.options);
  try {
    const started = performance.now();
    await database.transaction(async (tx) => {
      for (const s of streams) await tx.copyFrom(s.name, s.columns, [s.data], "binary");
    });
    const seconds = (performance.now() - started) / 1000;
    let rows = 0;
    for (const s of streams) rows += (await database.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${s.name}"`))[0].n;
    return { seconds, rows };
  } finally {
    await database.close();
    await target.drop();
  }
}
