/**
 * `importCsv()`: daily-bar CSV files into `ohlcv_data` (and zipline's events into `dividends` and
 * `splits`), as a user of the ingest core (src/ingest/core): checkpointed batches, the run record in
 * `migration_runs` (layout `csv`), rejects in `migration_rejects`, exact accounting, dry run, resume.
 *
 * Layouts and header recognition: formats.ts; finding and reading files: files.ts; cells, events and
 * dividend amounts: bars.ts. Each file is one unit of the run, keyed by its file name: per file
 * `source = loaded + merged + rejected`, where `source` counts the file's data rows. Every file is
 * read and checked before the target is opened, so bad input writes nothing.
 *
 * Basis (`price_basis` of the bars): `basis` when given, else the layout's default — `split` for
 * Yahoo downloads (whose Close is split-adjusted), `raw` for backtrader and zipline files. The basis
 * also says how zipline dividend amounts are read: as paid with `raw`, as split-adjusted otherwise.
 *
 * Instruments: a file's instrument is `(ticker, region)` from `ticker`/`region` when given. Otherwise
 * the file name names it: a Yahoo download is named by its Yahoo symbol, so its name goes through
 * the Yahoo ingest's mapping (src/ingest/symbols.ts: `005930.KS` → (005930, KR), `BRK-B` → (BRK.B,
 * US); an explicit `region` wins over the suffix); a backtrader or zipline file's name is the ticker
 * as written, in `region` (default US). Instruments missing from `tickers` are created, marked
 * inferred, with `data_source` 'csv' and the region's currency; the run reports how many.
 *
 * Resume: a run interrupted at any point continues with `resume` from its last committed batch, with
 * the options it recorded (ticker, region, basis, timeframe, batch size); the files must be unchanged
 * (same names, sizes and modification times). A completed run has nothing to resume.
 */
import { refreshOhlcvAggregates } from "../../repositories/prices.ts";
import { InputError } from "../../errors.ts";
import { PRICE_BASES, TIMEFRAMES, type PriceBasis, type Timeframe } from "../../schema/index.ts";
import type { CopyResult } from "../../db/index.ts";
import { runIngest, type IngestOptions, type IngestSource } from "../core/run-ingest.ts";
import { fileUnit, SOURCE } from "./bars.ts";
import { readInput, type CsvFile, type CsvInput } from "./files.ts";
import { instrumentFor, UnmappedSymbolError } from "../symbols.ts";
import { CSV_FORMATS, FORMATS, type CsvFormat } from "./formats.ts";

export { CSV_FORMATS, type CsvFormat } from "./formats.ts";

export const DEFAULT_BATCH_SIZE = 50_000;

export interface ImportCsvOptions extends IngestOptions {
  /** One CSV file… */
  file?: string;
  /** …or a directory of them (a zipline csvdir bundle root or its `daily/`), one instrument per file. */
  dir?: string;
  /** With `file`: the instrument's ticker (default: the file name without `.csv`). */
  ticker?: string;
  /** Default US. */
  region?: string;
  /** Default auto: recognised from the header. */
  format?: CsvFormat | "auto";
  /** Default: `split` for Yahoo downloads, else `raw`. */
  basis?: PriceBasis;
  /** Default 1d. */
  timeframe?: Timeframe;
  /** Data rows per batch and transaction (default 50,000). */
  batchSize?: number;
}

export interface CsvFileReport {
  file: string;
  ticker: string;
  region: string;
  format: CsvFormat;
  basis: PriceBasis;
  source: number;
  loaded: number;
  merged: number;
  rejected: number;
}

export interface CsvImportReport {
  runId: number;
  target: string;
  dryRun: boolean;
  resumed: boolean;
  timeframe: Timeframe;
  files: CsvFileReport[];
  /** Rows written to `dividends` and `splits` (zipline events): new keys, and keys already present. */
  dividends: CopyResult;
  splits: CopyResult;
  inferredInstruments: number;
  seconds: number;
}

/** `migration_runs.options` of a CSV run. */
interface CsvRunOptions {
  timeframe: Timeframe;
  batchSize: number;
  files: { name: string; ticker: string; region: string; format: CsvFormat; basis: PriceBasis; size: number; mtimeMs: number }[];
}

function oneOf<T extends string>(value: string, allowed: readonly T[], flag: string): T {
  if (!(allowed as readonly string[]).includes(value)) throw new InputError(`${flag} must be one of ${allowed.join(", ")}, got "${value}"`);
  return value as T;
}

/** The options a run records, checked; an InputError names the first that is wrong. */
function checkedOptions(options: ImportCsvOptions): { format: CsvFormat | "auto"; region?: string; timeframe: Timeframe; basis?: PriceBasis; batchSize: number } {
  if (options.resume) {
    const own = (["ticker", "region", "format", "basis", "timeframe", "batchSize", "dryRun"] as const).filter((k) => options[k] !== undefined && options[k] !== false);
    if (own.length > 0) {
      throw new InputError(`--resume continues the interrupted run with its own options; drop ${own.map((k) => `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`).join(", ")}`);
    }
  }
  const region = options.region;
  if (region !== undefined && !/^[A-Z]{2,10}$/.test(region)) throw new InputError(`--region must be a region code in capitals such as US or KR, got "${region}"`);
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new InputError(`--batch-size must be a positive integer, got ${batchSize}`);
  return {
    format: oneOf(options.format ?? "auto", ["auto", ...CSV_FORMATS], "--format"),
    region,
    timeframe: oneOf(options.timeframe ?? "1d", TIMEFRAMES, "--timeframe"),
    basis: options.basis === undefined ? undefined : oneOf(options.basis, PRICE_BASES, "--basis"),
    batchSize,
  };
}

/** The instrument a file loads into (see the header): the given ticker, or its file name, mapped as its layout says. */
function instrumentOf(file: CsvFile, region: string | undefined): { ticker: string; region: string } {
  if (file.tickerGiven || file.layout.format !== "yahoo") return { ticker: file.ticker, region: region ?? "US" };
  try {
    const { ticker, region: mapped } = instrumentFor(file.ticker, { region });
    return { ticker, region: mapped };
  } catch (err) {
    if (err instanceof UnmappedSymbolError) throw new InputError(`${file.name}: ${err.reason}; pass --region, e.g. --region GB`);
    throw err;
  }
}

function csvSource(input: CsvInput, checked: ReturnType<typeof checkedOptions>): IngestSource<CsvRunOptions> {
  const identity = (f: { name: string; size: number; mtimeMs: number }) => `${f.name}\u0000${f.size}\u0000${f.mtimeMs}`;
  return {
    path: input.path,
    layout: SOURCE,
    async plan() {
      const files = input.files.map((f) => ({
        name: f.name,
        ...instrumentOf(f, checked.region),
        format: f.layout.format,
        basis: checked.basis ?? FORMATS[f.layout.format].defaultBasis,
        size: f.size,
        mtimeMs: f.mtimeMs,
      }));
      const options = { timeframe: checked.timeframe, batchSize: checked.batchSize, files };
      return { options, sourceCounts: Object.fromEntries(input.files.map((f) => [f.name, f.rows])) };
    },
    changedSince: (recorded) => recorded.files.map(identity).join("\n") !== input.files.map(identity).join("\n"),
    async units(_session, { options }) {
      const units = options.files.map((recorded, i) =>
        fileUnit(input.files[i], { ticker: recorded.ticker, region: recorded.region, timeframe: options.timeframe, basis: recorded.basis }, options.batchSize),
      );
      return { units };
    },
    async afterLoad(database, state) {
      if (Object.values(state.tables).some((a) => a.source > 0)) await refreshOhlcvAggregates(database);
    },
  };
}

const sum = (counts: (CopyResult | undefined)[]): CopyResult => ({
  loaded: counts.reduce((n, c) => n + (c?.loaded ?? 0), 0),
  merged: counts.reduce((n, c) => n + (c?.merged ?? 0), 0),
});

export async function importCsv(options: ImportCsvOptions): Promise<CsvImportReport> {
  const started = performance.now();
  try {
    const checked = checkedOptions(options);
    const input = readInput({ file: options.file, dir: options.dir, ticker: options.ticker, format: checked.format });
    const { state, target } = await runIngest(csvSource(input, checked), options);
    const related = Object.values(state.checkpoint).map((c) => c.related);
    return {
      runId: state.id,
      target,
      dryRun: options.dryRun ?? false,
      resumed: options.resume ?? false,
      timeframe: state.options.timeframe,
      files: state.options.files.map((f, i) => ({
        file: input.files[i].path,
        ticker: f.ticker,
        region: f.region,
        format: f.format,
        basis: f.basis,
        ...state.tables[f.name],
      })),
      dividends: sum(related.map((r) => r?.dividends)),
      splits: sum(related.map((r) => r?.splits)),
      inferredInstruments: state.inferredInstruments,
      seconds: Math.round(performance.now() - started) / 1000,
    };
  } finally {
    options.progress?.stop();
  }
}
