/**
 * `migrateFromSqlite()`: load a Spock or Stockula SQLite file into the platform, as one user of the
 * ingest core (src/ingest/core: checkpointed batches, run record, rejects, accounting, dry run).
 *
 * The source is opened and checked whole first (source.ts), so bad input writes nothing. A new run
 * records its tables, batch size, the file's size and mtime (a resume refuses a changed file) and the
 * target tables' row counts before it (for validation's recount); its units are the selected tables
 * in layout order, each read by rowid (read-batches.ts) on a worker thread (table-thread.ts). After price rows the monthly/quarterly/yearly
 * aggregates are refreshed. Inferred instruments get `data_source` = the layout name.
 */
import { getTableName } from "drizzle-orm";
import type { Queryable } from "../../db/index.ts";
import { InputError } from "../../errors.ts";
import { refreshOhlcvAggregates } from "../../repositories/prices.ts";
import type { TableAccounting } from "../../schema/index.ts";
import { InferredInstruments, instrumentKey } from "../core/instruments.ts";
import type { Progress } from "../core/progress.ts";
import { runIngest, type IngestSource } from "../core/run-ingest.ts";
import { addRegion, type RegionsByTicker } from "./instruments.ts";
import type { LayoutName, SourceQuery } from "./layouts/index.ts";
import { openSource, type SourceFile } from "./source.ts";
import { TableThread } from "./table-thread.ts";
import type { TableSpec } from "./table-spec.ts";

export const DEFAULT_BATCH_SIZE = 50_000;

export interface MigrateOptions {
  source: string;
  /** Source table names; default: every table of the layout present in the file. */
  tables?: readonly string[];
  batchSize?: number;
  dryRun?: boolean;
  resume?: boolean;
  /** Default: DATABASE_URL, else the embedded database (PGLITE_DIR or ./data/pglite). */
  target?: { url?: string; dir?: string };
  progress?: Progress;
  /** Aborting it stops the load after the batches being written; the run is recorded `interrupted`. */
  signal?: AbortSignal;
}

/** `migration_runs.options` of a SQLite run. */
export interface RunOptions {
  tables: string[];
  batchSize: number;
  /** Identity of the source file when the run started; a resume refuses a changed file. */
  file: { size: number; mtimeMs: number };
  /** Rows in each target table the run writes, before it started (for validation's recount). */
  targetRowsBefore: Record<string, number>;
}

export interface MigrateReport {
  source: string;
  layout: LayoutName;
  target: string;
  runId: number;
  dryRun: boolean;
  resumed: boolean;
  tables: Record<string, TableAccounting>;
  inferredInstruments: number;
  /** Source tables with no home in the platform. */
  skipped: string[];
  /** Conditions that did not stop rows from loading, per table (e.g. closeOutsideLowHigh). */
  notes: Record<string, Record<string, number>>;
  seconds: number;
}

function selectTables(source: SourceFile, wanted: readonly string[] | undefined): TableSpec[] {
  if (!wanted) return source.present;
  const available = source.present.map((t) => t.source);
  const unknown = wanted.filter((t) => !available.includes(t));
  if (unknown.length > 0) {
    throw new InputError(`--tables: ${unknown.join(", ")} not in this ${source.layout.name} file (available: ${available.join(", ")})`);
  }
  return source.present.filter((t) => wanted.includes(t.source));
}

function countRows(source: SourceFile, tables: readonly TableSpec[]): Record<string, number> {
  return Object.fromEntries(tables.map((t) => [t.source, source.db.prepare(`SELECT count(*) FROM "${t.source}"`).pluck().get() as number]));
}

/** The target tables that loading `tables` writes (price tables also create instruments). */
export function targetTablesOf(tables: readonly TableSpec[]): string[] {
  return [...new Set(tables.flatMap((t) => [getTableName(t.target), ...(t.createsInstruments ? ["tickers"] : [])]))];
}

function sourcePairs(source: SourceFile, query: SourceQuery | undefined): unknown[][] {
  return query && source.present.some((t) => t.source === query.table) ? (source.db.prepare(query.sql).raw(true).all() as unknown[][]) : [];
}

/** The resolver's indexes, the instruments present and the source's instrument types, from the source and the target as they are now. */
async function instrumentsOf(session: Queryable, source: SourceFile) {
  const master: RegionsByTicker = new Map();
  const priced: RegionsByTicker = new Map();
  const present = new Set<string>();
  const add = (index: RegionsByTicker, [t, r]: unknown[]) => {
    if (typeof t === "string" && t.trim() !== "" && typeof r === "string" && r.trim() !== "") addRegion(index, t, r);
  };
  for (const pair of sourcePairs(source, source.layout.regions?.master)) add(master, pair);
  for (const pair of sourcePairs(source, source.layout.regions?.priced)) add(priced, pair);
  const instrumentTypes = new Map<string, string>();
  for (const [symbol, type] of sourcePairs(source, source.layout.instrumentTypes)) {
    if (typeof symbol === "string" && typeof type === "string") instrumentTypes.set(symbol, type);
  }
  const existing = await session.query<{ ticker: string; region: string; is_inferred: boolean }>("SELECT ticker, region, is_inferred FROM tickers");
  for (const { ticker, region, is_inferred } of existing) {
    add(is_inferred ? priced : master, [ticker, region]);
    present.add(instrumentKey(ticker, region));
  }
  return { regions: { master, priced }, inferred: new InferredInstruments(present), instrumentTypes };
}

/**
 * The file as the ingest core reads it: its selected tables as units, in layout order, read on a
 * worker thread (table-thread.ts) that `close` ends.
 */
function sqliteSource(source: SourceFile, options: MigrateOptions): IngestSource<RunOptions> & { close(): Promise<void> } {
  const file = { size: source.size, mtimeMs: source.mtimeMs };
  let thread: TableThread | undefined;
  return {
    path: source.path,
    layout: source.layout.name,
    async plan(session) {
      const tables = selectTables(source, options.tables);
      const targetRowsBefore: Record<string, number> = {};
      for (const name of targetTablesOf(tables)) {
        const [{ n }] = await session.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${name}"`);
        targetRowsBefore[name] = n;
      }
      const runOptions = { tables: tables.map((t) => t.source), batchSize: options.batchSize ?? DEFAULT_BATCH_SIZE, file, targetRowsBefore };
      return { options: runOptions, sourceCounts: countRows(source, tables) };
    },
    changedSince: (recorded) => recorded.file.size !== file.size || recorded.file.mtimeMs !== file.mtimeMs,
    async units(session, state) {
      const { regions, inferred, instrumentTypes } = await instrumentsOf(session, source);
      const context = { regions, instrumentTypes, zones: source.layout.zones, loadedAt: state.startedAt };
      thread ??= new TableThread(source.path, source.layout.name, session);
      const units = selectTables(source, state.options.tables).map((spec) => thread!.unit(spec, state.options.batchSize, context));
      return { units, instruments: inferred };
    },
    async afterLoad(database, state) {
      const pricesTouched = source.present.some((t) => t.createsInstruments && (state.tables[t.source]?.source ?? 0) > 0);
      if (pricesTouched) await refreshOhlcvAggregates(database);
      // Fresh statistics for the tables just filled, so the first reads get index plans: the
      // embedded engine has no autovacuum, and the server's comes a minute later at the earliest.
      // The names come from the schema (targetTablesOf), not from input.
      for (const table of targetTablesOf(selectTables(source, state.options.tables))) await database.query(`ANALYZE "${table}"`);
    },
    close: async () => thread?.close(),
  };
}

export async function migrateFromSqlite(options: MigrateOptions): Promise<MigrateReport> {
  const started = performance.now();
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new InputError(`--batch-size must be a positive integer, got ${batchSize}`);
  const source = openSource(options.source);
  let reading: ReturnType<typeof sqliteSource> | undefined;
  try {
    selectTables(source, options.tables);
    reading = sqliteSource(source, options);
    const { state, target } = await runIngest(reading, options);
    return {
      source: source.path,
      layout: source.layout.name,
      target,
      runId: state.id,
      dryRun: options.dryRun ?? false,
      resumed: options.resume ?? false,
      // In load order (jsonb keeps its own key order).
      tables: Object.fromEntries(source.present.flatMap((t) => (state.tables[t.source] ? [[t.source, state.tables[t.source]]] : []))),
      inferredInstruments: state.inferredInstruments,
      skipped: source.skipped,
      notes: Object.fromEntries(Object.entries(state.checkpoint).flatMap(([t, c]) => (Object.keys(c.notes).length > 0 ? [[t, c.notes]] : []))),
      seconds: Math.round(performance.now() - started) / 1000,
    };
  } finally {
    options.progress?.stop();
    await reading?.close();
    source.close();
  }
}
