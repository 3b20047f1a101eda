/**
 * `migrateFromSqlite()`: load a Spock or Stockula SQLite file into the platform.
 *
 * Order of work, so that bad input writes nothing: the source is opened and checked whole
 * (source.ts) and its selected tables counted; only then is the target opened (migrating a missing
 * schema), a `migration_runs` row started (or, with `resume`, the interrupted one reopened), and the
 * tables loaded in layout order (load-table.ts). After price rows the monthly/quarterly/yearly
 * aggregates are refreshed. The accounting must satisfy `source = loaded + merged + rejected` for
 * every table; anything else is a bug and fails the run.
 *
 * Dry run: everything happens inside one transaction that is rolled back, so the report is exactly
 * what a real run would say and nothing stays. A target without the schema is dry-run against an
 * empty in-memory database instead (creating the schema would be a write).
 */
import { existsSync } from "node:fs";
import { getTableName } from "drizzle-orm";
import { openDatabase, type Database, type Queryable } from "../../db/index.ts";
import { refreshOhlcvAggregates } from "../../repositories/prices.ts";
import type { TableAccounting } from "../../schema/index.ts";
import { addRegion, InferredInstruments, instrumentKey, InstrumentResolver, type RegionsByTicker } from "./instruments.ts";
import type { LayoutName, SourceQuery } from "./layouts/index.ts";
import { loadTable, type UnitRunner } from "../core/load-table.ts";
import { silentProgress, type Progress } from "../core/progress.ts";
import { finishRun, resumableRun, startRun, type RunState } from "../core/run-record.ts";
import { openSource, type SourceFile } from "./source.ts";
import type { TableSpec } from "./table-spec.ts";
import { InputError } from "../../errors.ts";

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

/** The resolver, the instruments present and the source's instrument types, from the source and the target as they are now. */
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
  return { resolver: new InstrumentResolver(master, priced), inferred: new InferredInstruments(present), instrumentTypes };
}

async function openTarget(options: MigrateOptions): Promise<{ database: Database; description: string }> {
  const standIn = async () => ({ database: await openDatabase({ dir: "memory://" }), description: "memory:// (dry run: the target has no schema yet)" });
  if (!options.dryRun) {
    const database = await openDatabase(options.target ?? {});
    return { database, description: database.target };
  }
  const url = options.target?.url ?? process.env.DATABASE_URL;
  const dir = options.target?.dir ?? process.env.PGLITE_DIR ?? "./data/pglite";
  if (!url && !dir.includes("://") && !existsSync(dir)) return standIn();
  const database = await openDatabase({ url, dir, migrate: false });
  const [{ ready }] = await database.query<{ ready: boolean }>("SELECT to_regclass('migration_runs') IS NOT NULL AS ready");
  if (ready) return { database, description: database.target };
  await database.close();
  return standIn();
}

/** Start (or reopen) the run and load its tables; `unit` makes each batch one committed unit. */
async function loadAll(session: Queryable, unit: UnitRunner, source: SourceFile, options: MigrateOptions, progress: Progress, onStarted: (id: number) => void): Promise<RunState> {
  const file = { size: source.size, mtimeMs: source.mtimeMs };
  let state: RunState;
  if (options.resume) {
    state = await resumableRun(session, source.path, file);
  } else {
    const tables = selectTables(source, options.tables);
    const targetRowsBefore: Record<string, number> = {};
    for (const name of targetTablesOf(tables)) {
      const [{ n }] = await session.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${name}"`);
      targetRowsBefore[name] = n;
    }
    const runOptions = { tables: tables.map((t) => t.source), batchSize: options.batchSize ?? DEFAULT_BATCH_SIZE, file, targetRowsBefore };
    state = await startRun(session, source.path, source.layout.name, runOptions, countRows(source, tables));
  }
  onStarted(state.id);
  const { resolver, inferred, instrumentTypes } = await instrumentsOf(session, source);
  const run = { state };
  for (const spec of selectTables(source, state.options.tables)) {
    const a = run.state.tables[spec.source];
    const tableProgress = progress.table(spec.source, a.source, a.loaded + a.merged + a.rejected);
    await loadTable({
      source: source.db,
      spec,
      run,
      unit,
      instruments: inferred,
      context: { resolver, instrumentTypes, zones: source.layout.zones, loadedAt: state.startedAt },
      batchSize: state.options.batchSize,
      dataSource: source.layout.name,
      progress: tableProgress,
    });
    tableProgress.finish();
  }
  for (const [table, a] of Object.entries(run.state.tables)) {
    if (a.loaded + a.merged + a.rejected !== a.source) {
      throw new Error(`accounting of ${table} does not balance: source ${a.source} ≠ loaded ${a.loaded} + merged ${a.merged} + rejected ${a.rejected}`);
    }
  }
  return run.state;
}

class DryRunRollback extends Error {}

async function dryRun(database: Database, source: SourceFile, options: MigrateOptions, progress: Progress): Promise<RunState> {
  let state: RunState | undefined;
  try {
    await database.transaction(async (tx) => {
      // One transaction, one connection: units run one after another.
      let queue: Promise<unknown> = Promise.resolve();
      const serial: UnitRunner = (fn) => {
        const step = queue.then(() => fn(tx));
        queue = step.catch(() => undefined);
        return step;
      };
      state = await loadAll(tx, serial, source, options, progress, () => undefined);
      throw new DryRunRollback();
    });
  } catch (err) {
    if (!(err instanceof DryRunRollback)) throw err;
  }
  return state!;
}

async function realRun(database: Database, source: SourceFile, options: MigrateOptions, progress: Progress): Promise<RunState> {
  let runId: number | undefined;
  try {
    const state = await loadAll(database, (fn) => database.transaction(fn), source, options, progress, (id) => (runId = id));
    const pricesTouched = source.present.some((t) => t.createsInstruments && (state.tables[t.source]?.source ?? 0) > 0);
    if (pricesTouched) await refreshOhlcvAggregates(database);
    await finishRun(database, state.id);
    return state;
  } catch (err) {
    if (runId !== undefined) await finishRun(database, runId, (err as Error).message).catch(() => undefined);
    throw err;
  }
}

export async function migrateFromSqlite(options: MigrateOptions): Promise<MigrateReport> {
  const started = performance.now();
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new InputError(`--batch-size must be a positive integer, got ${batchSize}`);
  const progress = options.progress ?? silentProgress;
  const source = openSource(options.source);
  try {
    selectTables(source, options.tables);
    const { database, description } = await openTarget(options);
    try {
      const state = await (options.dryRun ? dryRun : realRun)(database, source, options, progress);
      return {
        source: source.path,
        layout: source.layout.name,
        target: description,
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
      await database.close();
    }
  } finally {
    progress.stop();
    source.close();
  }
}
