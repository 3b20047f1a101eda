/**
 * The one database interface the platform codes against, whatever the engine.
 *
 * Raw query results are normalised across engines: `date`, `timestamp` and `timestamptz` values come
 * back as the text PostgreSQL prints (`2024-01-31`, `2024-01-31 00:00:00+00`); `int8` and `numeric`
 * come back as JS numbers. Drizzle queries map columns by the schema (dates as `YYYY-MM-DD` strings,
 * timestamptz as Date).
 *
 * A `Session` is what repositories and library code run on: the database itself, or an open
 * transaction, with one API. Inside a transaction every method runs on the transaction's connection
 * (`db` included), `transaction` nests a savepoint and `copyRows` writes every batch in it.
 */
import type { PgDatabase, PgQueryResultHKT, PgTable } from "drizzle-orm/pg-core";
import type * as schema from "../schema/index.ts";
import type { CopyResult, CopyRowsOptions } from "./copy-rows.ts";
import type { CopyFormat } from "./sql-text.ts";

export type Schema = typeof schema;
export type Drizzle = PgDatabase<PgQueryResultHKT, Schema>;

export type EngineKind = "pglite" | "postgres";

export interface Capabilities {
  engine: EngineKind;
  /** PostgreSQL server version, e.g. "15.18". */
  serverVersion: string;
  /** TimescaleDB extension version when installed in this database, else null. */
  timescaledb: string | null;
}

/** Something that runs SQL on one connection: the database itself or an open transaction. */
export interface Queryable {
  /** A parameterized statement (`$1`, `$2`, …); values never go into the text. */
  query<T = Record<string, unknown>>(text: string, params?: readonly unknown[]): Promise<T[]>;
  /** COPY into `table (columns)`: CSV text in chunks of whole lines (default), or a binary COPY stream in chunks. */
  copyFrom(table: string, columns: readonly string[], data: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>, format?: CopyFormat): Promise<void>;
  /**
   * A SELECT's rows as one binary COPY stream, read with BinaryCopyReader (copy-out.ts). `$n` are
   * parameters (cast them where the type matters); `settings` apply to this statement only.
   */
  copyTo(select: string, params?: readonly unknown[], settings?: Readonly<Record<string, string>>): Promise<Buffer>;
  /** The same stream handed to `onChunk` as it arrives, in chunks that may end mid-row (read them with BinaryCopyRows). */
  copyToChunks(select: string, params: readonly unknown[], settings: Readonly<Record<string, string>>, onChunk: (chunk: Buffer) => void): Promise<void>;
}

/** The database or an open transaction: the API repositories take. */
export interface Session extends Queryable {
  /** Typed Drizzle over the whole schema, on this session's connection. */
  readonly db: Drizzle;
  readonly capabilities: Capabilities;
  /**
   * Run `fn` atomically: in a new transaction on the database (commit on success, roll back on
   * throw), under a savepoint inside a transaction (a throw rolls back to it; the transaction lives on).
   */
  transaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T>;
  /** Bulk write through COPY and an idempotent merge, batch by batch (see copy-rows.ts). */
  copyRows<R>(table: PgTable, rows: Iterable<R> | AsyncIterable<R>, options?: CopyRowsOptions<R>): Promise<CopyResult>;
  /**
   * Run `fn` on the database once this session's writes are committed: at once on the database;
   * inside a transaction, after the outermost one commits (not at all if it, or the savepoint `fn`
   * was registered in, rolls back). For work PostgreSQL refuses inside a transaction, such as
   * refreshing TimescaleDB continuous aggregates.
   */
  afterCommit(fn: (database: Session) => Promise<void>): Promise<void>;
}

/** An open transaction: a Session whose `transaction` is a savepoint, also named so. */
export interface Transaction extends Session {
  /** Run `fn` under a savepoint: a throw rolls back to it (and rethrows), the transaction lives on. */
  savepoint<T>(fn: (sp: Transaction) => Promise<T>): Promise<T>;
}

/** One connection inside a transaction, as an engine adapter provides it. */
export interface EngineTransaction extends Queryable {
  /** A Drizzle transaction on this connection (its `transaction()` nests a savepoint). */
  readonly drizzle: Drizzle;
  savepoint<T>(fn: (sp: EngineTransaction) => Promise<T>): Promise<T>;
}

/** What an engine adapter provides; `openDatabase()` builds the public Database on top. */
export interface Engine extends Queryable {
  readonly kind: EngineKind;
  readonly drizzle: Drizzle;
  /** Run `fn` on one connection inside a transaction; commit on success, roll back on throw. */
  transaction<T>(fn: (tx: EngineTransaction) => Promise<T>): Promise<T>;
  /** Apply pending Drizzle migrations from `folder` (in one transaction, as Drizzle does). */
  migrate(folder: string): Promise<void>;
  close(): Promise<void>;
}
