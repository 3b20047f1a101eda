/**
 * What an engine needs to put Drizzle on a transaction's connection the way Drizzle does for its own
 * transactions (`PgliteSession.transaction`, `PostgresJsSession.transaction`): a session over that
 * connection wrapped in the driver's PgTransaction, so `tx.db` queries run in the transaction and
 * `tx.db.transaction()` nests a savepoint. `drizzle({ client })` cannot be used there: it writes type
 * parsers into `client.options`, which a postgres.js TransactionSql lacks, and its `transaction()`
 * would try to begin a new transaction on a connection already in one.
 */
import { createTableRelationsHelpers, extractTablesRelationalConfig } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import * as schema from "../schema/index.ts";

const tables = extractTablesRelationalConfig(schema, createTableRelationsHelpers);

/** The schema in the shape Drizzle's sessions and transactions take (what `drizzle({ schema })` builds). */
export const relationalSchema = { fullSchema: schema, schema: tables.tables, tableNamesMap: tables.tableNamesMap };

/** Drizzle's default dialect (no casing option), as `drizzle()` builds it. */
export const dialect = new PgDialect();
