/**
 * Server engine: any PostgreSQL (with or without TimescaleDB) through postgres.js.
 * A small pool; transactions and COPY run on one reserved connection.
 *
 * postgres.js 3.4.9 never settles a COPY stream whose server error arrives after the stream ended
 * (porsager/postgres#1173), which hangs the transaction; patches/postgres+3.4.9.patch applies the
 * upstream fix (PR #1183) at install time. test/contract/bulk.test.ts proves the error surfaces.
 * The same patch turns Nagle's algorithm off (postgres.js never calls setNoDelay): with it on, the
 * final message of every COPY waited ~88 ms for a delayed ACK (20 COPYs: 1,762 ms → 29 ms). And it
 * resumes the socket at the end of a COPY TO that back-pressure had paused (porsager/postgres#917,
 * PR #1016): left paused, the statement after it in a transaction never ran. Last, it pushes a COPY
 * TO's rows to the stream once per socket chunk instead of once per row (a CopyData message each):
 * reading 3.7 million rows of a binary COPY took 3.6-6.2 s with a push per row, 3.0-3.6 s after.
 */
import { pipeline } from "node:stream/promises";
import { Readable } from "node:stream";
import postgres from "postgres";
import { drizzle, PostgresJsSession, PostgresJsTransaction } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import * as schema from "../../schema/index.ts";
import { dialect, relationalSchema } from "../drizzle-transaction.ts";
import type { Drizzle, Engine, EngineTransaction, Queryable } from "../types.ts";
import { copyStatement } from "../sql-text.ts";
import { collectCopy, copyOutSetup, copyOutStatement } from "../copy-out.ts";

/**
 * copyToChunks on a connection inside a transaction, which its settings last until. The settings and
 * the COPY are sent together (postgres.js pipelines statements queued in one tick): one round trip
 * fewer per read. A failed setting surfaces as itself, not as the aborted COPY after it.
 */
async function copyOut(connection: postgres.Sql, select: string, params: readonly unknown[], settings: Readonly<Record<string, string>>, onChunk: (chunk: Buffer) => void): Promise<void> {
  const setup = copyOutSetup(params, settings);
  const configured = setup ? connection.unsafe(setup.text, setup.values).execute() : undefined;
  const copy = connection.unsafe(copyOutStatement(select, "STDOUT")).readable();
  if (configured) {
    copy.catch(() => undefined);
    await configured;
  }
  for await (const part of await copy) onChunk(part as Buffer);
}

/** `copyTo` of the pool opens a transaction for its settings; a transaction's runs in it. */
function queryable(sql: postgres.Sql, inTransaction: boolean): Queryable {
  const copyToChunks: Queryable["copyToChunks"] = (select, params, settings, onChunk) =>
    inTransaction
      ? copyOut(sql, select, params, settings, onChunk)
      : (sql.begin((tx) => copyOut(tx as unknown as postgres.Sql, select, params, settings, onChunk)) as Promise<void>);
  return {
    async query<T>(text: string, params: readonly unknown[] = []) {
      // Plain arrays, like PGlite's rows (postgres.js adds count/command properties).
      return Array.from(await sql.unsafe(text, params as postgres.ParameterOrJSON<never>[])) as T[];
    },
    async copyFrom(table, columns, data, format) {
      const writable = await sql.unsafe(copyStatement(table, columns, "STDIN", format)).writable();
      await pipeline(Readable.from(data, { objectMode: false }), writable);
    },
    copyTo: (select, params = [], settings = {}) => collectCopy((onChunk) => copyToChunks(select, params, settings, onChunk)),
    copyToChunks,
  };
}

function transactionScope(tx: postgres.TransactionSql): EngineTransaction {
  // postgres.js types a TransactionSql apart from an Sql though it runs the same queries, hence the
  // casts; the type parsers drizzle() set on the pool's options apply to this connection too.
  const connection = tx as unknown as postgres.Sql;
  const session = new PostgresJsSession(connection, dialect, relationalSchema);
  return {
    ...queryable(connection, true),
    drizzle: new PostgresJsTransaction(dialect, session as never, relationalSchema) as unknown as Drizzle,
    // postgres.js fails the whole begin() if any statement errored unless it ran in tx.savepoint().
    savepoint: (fn) => tx.savepoint((sp) => fn(transactionScope(sp))) as Promise<never>,
  };
}

export interface PostgresOptions {
  max?: number;
  /** How long to wait for a server's first answer (default 10 s). */
  connectTimeoutSeconds?: number;
}

/** No PostgreSQL answered in time; `code` is postgres.js's own for a connect timeout. */
export class ConnectTimeout extends Error {
  readonly code = "CONNECT_TIMEOUT";
  constructor(readonly seconds: number) {
    super(`no PostgreSQL answer within ${seconds} s`);
  }
}

/**
 * The first query, bounded in time. postgres.js's connect_timeout stops at a silent server but not at
 * one that answers with something else and closes (an HTTP server): it reconnects forever while the
 * first query waits, so the wait is bounded here too, and the pool ended at once when it runs out.
 */
async function firstAnswer(sql: postgres.Sql, seconds: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ConnectTimeout(seconds)), seconds * 1000);
  });
  try {
    await Promise.race([sql`select 1`, timeout]);
  } catch (err) {
    await sql.end({ timeout: 0 });
    throw (err as { code?: string }).code === "CONNECT_TIMEOUT" ? new ConnectTimeout(seconds) : err;
  } finally {
    clearTimeout(timer);
  }
}

export async function createPostgresEngine(url: string, options: PostgresOptions = {}): Promise<Engine> {
  const connectTimeoutSeconds = options.connectTimeoutSeconds ?? 10;
  const sql = postgres(url, {
    max: options.max ?? 4,
    connect_timeout: connectTimeoutSeconds,
    onnotice: () => {},
    // Same result types as the embedded engine (see ../types.ts); drizzle() below makes dates text.
    types: {
      int8: { to: 20, from: [20], serialize: String, parse: Number },
      numeric: { to: 1700, from: [1700], serialize: String, parse: Number },
    },
  });
  const drizzleDb = drizzle({ client: sql, schema });
  await firstAnswer(sql, connectTimeoutSeconds);
  return {
    kind: "postgres",
    drizzle: drizzleDb as unknown as Drizzle,
    ...queryable(sql, false),
    transaction: (fn) => sql.begin((tx) => fn(transactionScope(tx))) as Promise<never>,
    migrate: (folder) => migrate(drizzleDb, { migrationsFolder: folder }),
    close: () => sql.end({ timeout: 5 }),
  };
}
