/**
 * Bookkeeping: every load run and scheduled job leaves a record a user can inspect.
 *
 * `migration_runs.tables` holds the per-table accounting `{ source, loaded, merged, rejected }` with
 * `source = loaded + merged + rejected`; `migration_rejects` keeps each row that could not be loaded,
 * whole, with the reason.
 */
import { bigint, bigserial, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex } from "drizzle-orm/pg-core";
import { createdAt, day, instant } from "./columns.ts";

export interface TableAccounting {
  source: number;
  loaded: number;
  merged: number;
  rejected: number;
}

export const migrationRuns = pgTable("migration_runs", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  sourcePath: text("source_path").notNull(),
  sourceLayout: text("source_layout").notNull(),
  /** running | completed | failed | interrupted (stopped on request, resumable) */
  status: text("status").notNull(),
  options: jsonb("options").$type<Record<string, unknown>>().notNull().default({}),
  tables: jsonb("tables").$type<Record<string, TableAccounting>>().notNull().default({}),
  /** Resume position per source table (last source row id committed). */
  checkpoint: jsonb("checkpoint").$type<Record<string, unknown>>().notNull().default({}),
  inferredInstruments: integer("inferred_instruments").notNull().default(0),
  error: text("error"),
  startedAt: instant("started_at").notNull().defaultNow(),
  finishedAt: instant("finished_at"),
});

export const migrationRejects = pgTable(
  "migration_rejects",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    runId: bigint("run_id", { mode: "number" })
      .notNull()
      .references(() => migrationRuns.id, { onDelete: "cascade" }),
    sourceTable: text("source_table").notNull(),
    sourceRowId: text("source_row_id").notNull(),
    reason: text("reason").notNull(),
    row: jsonb("row").$type<Record<string, unknown>>().notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("migration_rejects_row_key").on(t.runId, t.sourceTable, t.sourceRowId)],
);

/** Scheduled and manual jobs (factor computation, …): one row per run. */
export const jobRuns = pgTable(
  "job_runs",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    job: text("job").notNull(),
    /** running | succeeded | failed */
    status: text("status").notNull(),
    fromDate: day("from_date"),
    toDate: day("to_date"),
    rows: integer("rows"),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
    error: text("error"),
    startedAt: instant("started_at").notNull().defaultNow(),
    finishedAt: instant("finished_at"),
  },
  (t) => [index("job_runs_job_idx").on(t.job, t.startedAt)],
);

/** What has been fetched from a market-data vendor, per symbol and interval, for incremental runs. */
export const fetchCoverage = pgTable(
  "fetch_coverage",
  {
    vendor: text("vendor").notNull(),
    symbol: text("symbol").notNull(),
    interval: text("interval").notNull(),
    ticker: text("ticker").notNull(),
    region: text("region").notNull(),
    coveredFrom: day("covered_from").notNull(),
    coveredTo: day("covered_to").notNull(),
    /** Latest split date included in the stored history; a newer split forces a full re-fetch. */
    lastSplitDate: day("last_split_date"),
    lastFetchedAt: instant("last_fetched_at").notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.vendor, t.symbol, t.interval] })],
);
