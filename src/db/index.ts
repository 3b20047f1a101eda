/**
 * `openDatabase()`: the platform's single entry to storage.
 *
 * Engine choice: `DATABASE_URL` (or `url`) set → that PostgreSQL server through postgres.js;
 * unset → the embedded PGlite + TimescaleDB engine in `PGLITE_DIR` (default `./data/pglite`;
 * `memory://` for a throwaway database). Pending migrations are applied on open unless
 * `migrate: false`. Nothing outside src/db branches on the engine except through `capabilities`.
 */
import { fileURLToPath } from "node:url";
import { createPgliteEngine } from "./pglite/engine.ts";
import { createPostgresEngine } from "./postgres-js/engine.ts";
import { copyRows } from "./copy-rows.ts";
import { DatabaseError, connectionFailure, describeUrl } from "./errors.ts";
import { runTransaction } from "./transaction.ts";
import { InputError } from "../errors.ts";
import type { Capabilities, Engine, Session } from "./types.ts";

export type { Capabilities, Drizzle, Queryable, Session, Transaction } from "./types.ts";
export type { CopyOptions, CopyRowsOptions, CopyResult, BatchProgress, MergeOptions, PreparedCopy } from "./copy-rows.ts";
export { copyBatch, copyPrepared, prepareCopy, tableCsv } from "./copy-rows.ts";
export { DatabaseError } from "./errors.ts";

export const MIGRATIONS_FOLDER = fileURLToPath(new URL("../../migrations", import.meta.url));

/** The open database: a Session (see types.ts) that can also migrate and close. */
export interface Database extends Session {
  /** Where the data lives, without secrets: `postgres://host:port/db` or the PGlite directory. */
  readonly target: string;
  /** Apply pending migrations (also done by openDatabase unless `migrate: false`). */
  migrate(): Promise<void>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** PostgreSQL URL; default `process.env.DATABASE_URL` unless `dir` is given. */
  url?: string;
  /** PGlite data directory (selects the embedded engine); default `process.env.PGLITE_DIR` or `./data/pglite`. */
  dir?: string;
  migrate?: boolean;
  /** Embedded engine only: refuse a directory that holds no database instead of creating one (commands that only read). */
  mustExist?: boolean;
  /** Server engine only: how long to wait for PostgreSQL's first answer; default `DATABASE_CONNECT_TIMEOUT` or 10 s. */
  connectTimeoutSeconds?: number;
}

/** `DATABASE_CONNECT_TIMEOUT` (seconds) when set, else 10. */
function connectTimeoutFromEnvironment(): number {
  const text = process.env.DATABASE_CONNECT_TIMEOUT;
  if (text === undefined || text === "") return 10;
  const seconds = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text.trim()) || !(seconds > 0)) {
    throw new InputError(`DATABASE_CONNECT_TIMEOUT must be a positive number of seconds, got "${text}"`, { DATABASE_CONNECT_TIMEOUT: text });
  }
  return seconds;
}

async function readCapabilities(engine: Engine): Promise<Capabilities> {
  const [row] = await engine.query<{ server_version: string; timescaledb: string | null }>(
    `SELECT current_setting('server_version') AS server_version,
            (SELECT extversion FROM pg_extension WHERE extname = 'timescaledb') AS timescaledb`,
  );
  return { engine: engine.kind, serverVersion: row.server_version.split(" ")[0], timescaledb: row.timescaledb };
}

async function connect(options: OpenOptions): Promise<{ engine: Engine; target: string }> {
  // An explicit `dir` asks for the embedded engine, whatever DATABASE_URL says.
  const url = options.url ?? (options.dir === undefined ? process.env.DATABASE_URL : undefined);
  if (url) {
    const target = describeUrl(url);
    const connectTimeoutSeconds = options.connectTimeoutSeconds ?? connectTimeoutFromEnvironment();
    try {
      return { engine: await createPostgresEngine(url, { connectTimeoutSeconds }), target: `postgres://${target}` };
    } catch (err) {
      throw connectionFailure(url, err);
    }
  }
  const dir = options.dir ?? process.env.PGLITE_DIR ?? "./data/pglite";
  try {
    return { engine: await createPgliteEngine(dir, { mustExist: options.mustExist }), target: dir };
  } catch (err) {
    if (err instanceof DatabaseError) throw err;
    throw new DatabaseError(`cannot open the embedded database in ${dir}: ${(err as Error).message}`, undefined, dir);
  }
}

export async function openDatabase(options: OpenOptions = {}): Promise<Database> {
  const { engine, target } = await connect(options);
  const migrateNow = async () => {
    await engine.migrate(MIGRATIONS_FOLDER);
    database.capabilities = await readCapabilities(engine);
  };
  const database: Database & { capabilities: Capabilities } = {
    db: engine.drizzle,
    capabilities: await readCapabilities(engine),
    target,
    query: engine.query,
    copyFrom: engine.copyFrom,
    copyTo: engine.copyTo,
    copyToChunks: engine.copyToChunks,
    transaction: (fn) => runTransaction(engine, database, fn),
    copyRows: (table, rows, copyOptions) => copyRows(database, table, rows, copyOptions),
    afterCommit: (work) => work(database),
    migrate: migrateNow,
    close: engine.close,
  };
  try {
    if (options.migrate !== false) await migrateNow();
  } catch (err) {
    await engine.close();
    throw err;
  }
  return database;
}
