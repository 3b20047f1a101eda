/**
 * Import daily-bar CSV files (Yahoo Finance downloads, backtrader data files, zipline csvdir bundles).
 * See src/ingest/csv/index.ts for the conventions; this script parses flags, calls importCsv, renders.
 */
import { integerOption, parseCli, runCli } from "./lib/cli.ts";
import { DEFAULT_BATCH_SIZE, importCsv, type CsvFormat, type CsvImportReport } from "../src/ingest/csv/index.ts";
import { INGEST_FLAGS, progressFlag } from "./lib/ingest-flags.ts";
import type { PriceBasis, Timeframe } from "../src/schema/index.ts";

const HELP = `Usage: tsx scripts/import-csv.ts (--file FILE | --dir DIR) [options]

Loads daily bars from CSV files into ohlcv_data, one instrument per file. The layout is
recognised from the header (column names, any case, any order):
  Yahoo Finance download  Date,Open,High,Low,Close,Adj Close,Volume
  backtrader data file    Date,Open,High,Low,Close,Volume,OpenInterest
  zipline csvdir file     date,open,high,low,close,volume[,dividend,split]

Target: DATABASE_URL=postgres://user:pass@host:port/db, else the embedded database in
PGLITE_DIR (default ./data/pglite). The schema is created first if it is missing.

  --file FILE          one CSV file
  --dir DIR            every *.csv file in DIR (a zipline bundle root: its daily/ folder);
                       each file's name without .csv is its ticker
  --ticker T           the ticker of --file (default: the file name without .csv)
  --region R           region of the instruments (default US; a Yahoo download's
                       file name maps as a Yahoo symbol: 005930.KS.csv → 005930 in KR)
  --format F           auto | yahoo | backtrader | zipline (default auto: from the header)
  --basis B            raw | split | total, stored as price_basis (default: split for Yahoo
                       downloads, whose Close is split-adjusted; raw for the others)
  --timeframe T        1d | 1w | 1mo (default 1d)
  --batch-size N       data rows per batch and transaction (default ${DEFAULT_BATCH_SIZE})
  --dry-run            read and check everything, report what would load, write nothing
  --resume             continue the interrupted run of FILE or DIR with its own options
  --progress-every S   when stderr is not a terminal, a progress line per file every S
                       seconds (default 2; 0 = after every batch)
  --json               print one JSON document: {runId, files: [{file, ticker, region, format,
                       basis, source, loaded, merged, rejected}], dividends: {loaded, merged},
                       splits: {loaded, merged}, inferredInstruments, seconds, …}
  --help               show this help

Cells: empty or null is missing; a row without a date, close or volume, with text where a
number belongs, a negative price or volume, or an impossible date is rejected and kept whole
with its reason in migration_rejects. Every file satisfies source = loaded + merged + rejected
(source = its data rows); a second run of the same files merges everything and loads nothing.
Bars get source 'csv' and fetched_at = the file's modification time.

zipline events: a dividend other than 0 becomes a dividends row on that date, a split other
than 1 (or 0) a splits row (2.0 = 2-for-1). Dividends are stored as the cash paid per share on
the ex-date: with --basis raw as written; with split or total the amount is taken as adjusted
for later splits and multiplied back by the splits after its date in the same file.

Exit codes: 0 loaded (rejects included), 2 bad input (missing file, not CSV, unknown header,
contradictory options, unreachable database; nothing written).`;

function table(report: CsvImportReport): string {
  const header = ["file", "ticker", "format", "basis", "source", "loaded", "merged", "rejected"];
  const rows = report.files.map((f) => [f.file.split("/").pop()!, f.ticker, f.format, f.basis, f.source, f.loaded, f.merged, f.rejected]);
  const lines = [header, ...rows].map(([file, ticker, format, basis, ...counts]) =>
    `${String(file).padEnd(24)}${String(ticker).padEnd(10)}${String(format).padEnd(12)}${String(basis).padEnd(7)}${counts.map((n) => String(n).padStart(10)).join("")}`,
  );
  const events = (name: string, c: { loaded: number; merged: number }) => `${name}: ${c.loaded} loaded, ${c.merged} merged`;
  return [
    `${report.dryRun ? "dry run (nothing written): " : ""}${report.files.length} file(s), ${report.timeframe} bars → ${report.target}, run ${report.runId}`,
    ...lines,
    `${events("dividends", report.dividends)}; ${events("splits", report.splits)}`,
    `inferred instruments: ${report.inferredInstruments}`,
    `${report.seconds.toFixed(2)} s`,
  ].join("\n");
}

runCli(async () => {
  const values = parseCli(
    {
      file: { type: "string" },
      dir: { type: "string" },
      ticker: { type: "string" },
      region: { type: "string" },
      format: { type: "string" },
      basis: { type: "string" },
      timeframe: { type: "string" },
      ...INGEST_FLAGS,
    },
    HELP,
  );
  if (!values) return;
  const report = await importCsv({
    file: values.file,
    dir: values.dir,
    ticker: values.ticker,
    region: values.region,
    // importCsv checks these against their allowed values.
    format: values.format as CsvFormat | "auto" | undefined,
    basis: values.basis as PriceBasis | undefined,
    timeframe: values.timeframe as Timeframe | undefined,
    batchSize: integerOption(values["batch-size"], "--batch-size", 1),
    dryRun: values["dry-run"],
    resume: values.resume,
    progress: progressFlag(values["progress-every"]),
  });
  console.log(values.json ? JSON.stringify(report) : table(report));
});
