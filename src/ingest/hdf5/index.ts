/**
 * `migrateFromHdf5()`: a kite_app segment file (EQUITY.h5, DERIVATIVES.h5) into the platform, as a user
 * of the ingest core (src/ingest/core): checkpointed batches, the run record in `migration_runs`
 * (layout `kite_app`), rejects in `migration_rejects`, exact accounting, dry run, resume.
 *
 * Order of work: the file is opened and checked, the selection resolved and its filters checked
 * (source.ts), and instruments.h5 read when given (instrument-file.ts), all before the target is
 * opened, so bad input writes nothing. A new run then reads every selected dataset whole and checks
 * its SHA-256 checksum (checksums.ts): a dataset that fails, or that is not kite_app's record, is a
 * rejected dataset with its reason and the others load; the records read are kept, up to a memory
 * budget, for the load (record-cache.ts). The run records the datasets it loads, the rejected ones,
 * the selection, the batch size and both files' sizes and times (a resume refuses a changed file).
 * Units: the instruments first (instruments.ts), then each dataset in path order (bars.ts), so
 * `source = loaded + merged + rejected` holds per dataset. After the load the daily aggregates are
 * refreshed where `day` bars loaded, the intraday ones where 1-minute bars did, and the tables
 * written are analyzed.
 *
 * Report: per dataset `{ exchange, symbol, interval, source, loaded, merged, rejected, status }` with
 * symbol and interval as the path names them and status `loaded` (every row in the store), `partial`
 * (some rows rejected) or `empty` (no rows); `rows` = the source rows of those datasets; the
 * instruments' accounting and the noted conditions per dataset beside.
 */
import { statSync } from "node:fs";
import { InputError } from "../../errors.ts";
import { refreshOhlcvAggregates } from "../../repositories/prices.ts";
import { refreshIntradayAggregates } from "../../repositories/intraday-aggregates.ts";
import type { TableAccounting } from "../../schema/index.ts";
import { runIngest, type IngestOptions, type IngestSource } from "../core/run-ingest.ts";
import { datasetUnit, SOURCE, type DatasetPlan } from "./bars.ts";
import { datasetBytes, type Dataset } from "../../hdf5/read.ts";
import { checkDataset } from "./checksums.ts";
import { RecordCache } from "./record-cache.ts";
import { readInstrumentFile, type InstrumentFile } from "./instrument-file.ts";
import { INSTRUMENTS_UNIT, instrumentsUnit, type KiteName } from "./instruments.ts";
import { openKiteFile, selectDatasets, selected, type KiteFile, type RejectedDataset, type Selection } from "./source.ts";

export const DEFAULT_BATCH_SIZE = 50_000;

export interface MigrateHdf5Options extends IngestOptions {
  /** EQUITY.h5 or DERIVATIVES.h5. */
  source: string;
  /** Kite exchanges to load (NSE, BSE, NFO, BFO); default: all in the file. */
  exchanges?: readonly string[];
  /** Kite intervals to load (`day`, `5minute`, …); default: all. */
  intervals?: readonly string[];
  /** Symbols as the paths name them (`M_M`) or as Kite trades them (`M&M`); default: all. */
  symbols?: readonly string[];
  /** kite_app's instruments.h5: names, types, lot sizes, expiries and strikes. */
  instruments?: string;
  /** Rows per batch and transaction (default 50,000). */
  batchSize?: number;
}

/** `migration_runs.options` of a kite_app run. */
interface RunOptions {
  file: { size: number; mtimeMs: number };
  segment: string;
  selection: Selection;
  instruments: { path: string; size: number; mtimeMs: number } | null;
  batchSize: number;
  datasets: DatasetPlan[];
  rejectedDatasets: RejectedDataset[];
}

export type DatasetStatus = "loaded" | "partial" | "empty";

export interface DatasetReport extends TableAccounting {
  exchange: string;
  symbol: string;
  interval: string;
  status: DatasetStatus;
}

export interface Hdf5ImportReport {
  source: string;
  segment: string;
  datasets: DatasetReport[];
  rejectedDatasets: RejectedDataset[];
  rows: number;
  seconds: number;
  runId: number;
  target: string;
  dryRun: boolean;
  resumed: boolean;
  instruments: TableAccounting;
  /** Conditions that did not stop rows from loading, per dataset path (e.g. zeroVolume). */
  notes: Record<string, Record<string, number>>;
}

function checkedOptions(options: MigrateHdf5Options): { batchSize: number } {
  if (options.resume) {
    const own = (["exchanges", "intervals", "symbols", "instruments", "batchSize", "dryRun"] as const).filter((k) => options[k] !== undefined && options[k] !== false);
    if (own.length > 0) {
      throw new InputError(`--resume continues the interrupted run with its own options; drop ${own.map((k) => `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`).join(", ")}`);
    }
  }
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new InputError(`--batch-size must be a positive integer, got ${batchSize}`);
  return { batchSize };
}

const identity = (f: { size: number; mtimeMs: number }) => ({ size: f.size, mtimeMs: f.mtimeMs });
/** Size and modification time of a file, or impossible ones when it is gone. */
function fileIdentity(path: string): { size: number; mtimeMs: number } {
  try {
    return identity(statSync(path));
  } catch {
    return { size: -1, mtimeMs: -1 };
  }
}
const sameFile = (a: { size: number; mtimeMs: number }, b: { size: number; mtimeMs: number }) => a.size === b.size && a.mtimeMs === b.mtimeMs;

/** The (exchange, symbol) pairs of the datasets, once each, in path order. */
function namesOf(datasets: readonly DatasetPlan[]): KiteName[] {
  const seen = new Map<string, KiteName>();
  for (const d of datasets) seen.set(`${d.exchange}/${d.symbol}`, { exchange: d.exchange, symbol: d.symbol });
  return [...seen.values()];
}

function hdf5Source(kite: KiteFile, given: string, selection: Selection, list: InstrumentFile | undefined, batchSize: number): IngestSource<RunOptions> {
  let instrumentList = list;
  const cache = new RecordCache();
  const readRecords = (path: string) => cache.take(path) ?? datasetBytes(kite.file.get(path) as Dataset);
  return {
    path: kite.path,
    layout: SOURCE,
    async plan() {
      const datasets: DatasetPlan[] = [];
      const rejectedDatasets = kite.rejected.filter((r) => selected(r.path, selection));
      for (const d of selectDatasets(kite, selection, given)) {
        const checked = checkDataset(kite.file, d);
        if ("reason" in checked) {
          rejectedDatasets.push({ path: d.path, reason: checked.reason });
        } else {
          datasets.push(checked.plan);
          cache.keep(d.path, checked.records);
        }
      }
      rejectedDatasets.sort((a, b) => (a.path < b.path ? -1 : 1));
      const options: RunOptions = {
        file: identity(kite),
        segment: kite.segment,
        selection,
        instruments: list ? { path: list.path, ...identity(list) } : null,
        batchSize,
        datasets,
        rejectedDatasets,
      };
      const sourceCounts = { [INSTRUMENTS_UNIT]: namesOf(datasets).length, ...Object.fromEntries(datasets.map((d) => [d.path, d.rows])) };
      return { options, sourceCounts };
    },
    changedSince: (recorded) => !sameFile(recorded.file, kite) || (recorded.instruments !== null && !sameFile(recorded.instruments, fileIdentity(recorded.instruments.path))),
    async units(_session, { options }) {
      // A resume reads the list its run recorded (changedSince found it unchanged).
      if (options.instruments && !instrumentList) instrumentList = await readInstrumentFile(options.instruments.path);
      return {
        units: [
          instrumentsUnit(namesOf(options.datasets), instrumentList, options.batchSize),
          ...options.datasets.map((d) => datasetUnit(readRecords, d, options.batchSize)),
        ],
      };
    },
    async afterLoad(database, { options, tables }) {
      const loaded = options.datasets.filter((d) => tables[d.path].loaded + tables[d.path].merged > 0);
      if (loaded.some((d) => d.interval === "day")) await refreshOhlcvAggregates(database);
      const minutes = loaded.filter((d) => d.interval === "minute" && d.first !== undefined);
      if (minutes.length > 0) {
        await refreshIntradayAggregates(database, { from: Math.min(...minutes.map((d) => d.first!)), to: Math.max(...minutes.map((d) => d.last!)) });
      }
      // Fresh statistics for the first reads (the embedded engine has no autovacuum); names from the schema.
      const written = ["tickers", ...(options.instruments ? ["kite_instruments"] : []), ...new Set(loaded.map((d) => (d.interval === "day" ? "ohlcv_data" : "ohlcv_intraday")))];
      for (const table of written) await database.query(`ANALYZE "${table}"`);
    },
  };
}

function statusOf(a: TableAccounting): DatasetStatus {
  return a.source === 0 ? "empty" : a.rejected > 0 ? "partial" : "loaded";
}

export async function migrateFromHdf5(options: MigrateHdf5Options): Promise<Hdf5ImportReport> {
  const started = performance.now();
  let kite: KiteFile | undefined;
  try {
    const { batchSize } = checkedOptions(options);
    kite = await openKiteFile(options.source);
    const selection: Selection = { exchanges: options.exchanges, intervals: options.intervals, symbols: options.symbols };
    if (!options.resume) selectDatasets(kite, selection, options.source);
    const list = options.instruments === undefined ? undefined : await readInstrumentFile(options.instruments);
    const { state, target } = await runIngest(hdf5Source(kite, options.source, selection, list, batchSize), options);
    const datasets = state.options.datasets.map((d): DatasetReport => {
      const a = state.tables[d.path];
      return { exchange: d.exchange, symbol: d.symbol, interval: d.interval, ...a, status: statusOf(a) };
    });
    return {
      source: kite.path,
      segment: state.options.segment,
      datasets,
      rejectedDatasets: state.options.rejectedDatasets,
      rows: datasets.reduce((n, d) => n + d.source, 0),
      seconds: Math.round(performance.now() - started) / 1000,
      runId: state.id,
      target,
      dryRun: options.dryRun ?? false,
      resumed: options.resume ?? false,
      instruments: state.tables[INSTRUMENTS_UNIT],
      notes: Object.fromEntries(Object.entries(state.checkpoint).flatMap(([unit, c]) => (Object.keys(c.notes).length > 0 ? [[unit, c.notes]] : []))),
    };
  } finally {
    options.progress?.stop();
    kite?.close();
  }
}
