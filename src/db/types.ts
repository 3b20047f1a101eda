/**
 * The one database interface the platform codes against, whatever the engine.
 *
 * Raw query results are normalised across engines: `date`, `timestamp` and `timestamptz` values come
 * back as the text PostgreSQL prints (`2024-01-31`, `2024-01-31 00:00:00+00`); `int8` and `numeric`
 * come back as JS numbers. Drizzle queries map columns by the schema (dates as `YYYY-MM-DD` strings,
 * timestamptz as Date).
 */
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type * as schema from "../schema/index.ts";

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
  /** COPY CSV text (chunks of whole lines) into `table (columns)`. */
  copyFrom(table: string, columns: readonly string[], csv: AsyncIterable<string> | Iterable<string>): Promise<void>;
}

/** An open transaction: a Queryable that can also nest a savepoint. */
export interface Transaction extends Queryable {
  /** Run `fn` under a savepoint: a throw rolls back to it (and rethrows), the transaction lives on. */
  savepoint<T>(fn: (sp: Transaction) => Promise<T>): Promise<T>;
}

/** What an engine adapter provides; `openDatabase()` builds the public Database on top. */
export interface Engine extends Queryable {
  readonly kind: EngineKind;
  readonly drizzle: Drizzle;
  /** Run `fn` on one connection inside a transaction; commit on success, roll back on throw. */
  transaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T>;
  /** Apply pending Drizzle migrations from `folder` (in one transaction, as Drizzle does). */
  migrate(folder: string): Promise<void>;
  close(): Promise<void>;
}
