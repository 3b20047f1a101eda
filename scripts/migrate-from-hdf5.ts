/**
 * Load a kite_app HDF5 file (EQUITY.h5 or DERIVATIVES.h5) into the platform: daily bars into ohlcv_data,
 * intraday bars into ohlcv_intraday. See src/ingest/hdf5/index.ts for the order of work and the rules.
 */
import { integerOption, parseCli, runCli } from "./lib/cli.ts";
import { INGEST_FLAGS, interruptible, progressFlag } from "./lib/ingest-flags.ts";
import { DEFAULT_BATCH_SIZE, migrateFromHdf5, type Hdf5ImportReport } from "../src/ingest/hdf5/index.ts";
import { InputError } from "../src/errors.ts";

const HELP = `Usage: tsx scripts/migrate-from-hdf5.ts --source FILE.h5 [options]

Loads kite_app's bars (/data/{EXCHANGE}/{SYMBOL}/{interval}) from EQUITY.h5 or DERIVATIVES.h5:
day bars into ohlcv_data (timeframe 1d, dated by the IST exchange date), minute … 60minute bars
into ohlcv_intraday (1m … 60m). Reads Blosc-LZ4 and gzip datasets. An instrument is (ticker, region)
= (the path's symbol, the exchange): M_M on NSE is (M_M, NSE), on BSE (M_M, BSE).

Target: DATABASE_URL=postgres://user:pass@host:port/db, else the embedded database in
PGLITE_DIR (default ./data/pglite). The schema is created first if it is missing.

  --source FILE.h5     the kite_app segment file (required)
  --exchanges A,B      load only these exchanges (NSE, BSE, NFO, BFO)
  --intervals A,B      load only these intervals, as Kite names them (day, 60minute, 5minute, …)
  --symbols A,B        load only these symbols, as the paths name them (M_M) or as Kite trades
                       them (M&M)
  --instruments FILE   kite_app's instruments.h5: names, types, lot sizes, expiries and strikes
                       (instruments it does not list, e.g. expired contracts, still load)
  --batch-size N       rows per batch and transaction (default ${DEFAULT_BATCH_SIZE})
  --dry-run            read and check everything, report what would load, write nothing
  --resume             continue the interrupted run of FILE with its own options
  --progress-every S   when stderr is not a terminal, a progress line per dataset every S
                       seconds (default 2; 0 = after every batch)
  --json               print one JSON document: {source, segment, datasets: [{exchange, symbol,
                       interval, source, loaded, merged, rejected, status}], rejectedDatasets:
                       [{path, reason}], rows, seconds}
  --help               show this help

Each dataset's SHA-256 checksum is checked first; a dataset that fails is listed under rejected
datasets with the reason and the others load. Every dataset satisfies source = loaded + merged +
rejected (status loaded, partial when some rows were rejected, or empty); a bar with a NaN or
infinite price or a negative price, volume or open interest is rejected and kept whole with its
reason in migration_rejects; a close outside [low, high] or a zero volume loads. Loading the same
file again merges everything and loads nothing.

Ctrl-C (or SIGTERM) stops after the batches being written: the run is recorded as interrupted
and the --resume command that continues it is printed; exit code 130.
Exit codes: 0 loaded (rejects included); 2 bad input (not HDF5, no /data tree, an unknown
compression filter, a selection the file lacks, an unreachable database: nothing written);
130 interrupted.`;

const list = (text: string | undefined) => text?.split(",").map((t) => t.trim()).filter((t) => t !== "");

function table(report: Hdf5ImportReport): string {
  const header = ["exchange", "symbol", "interval", "source", "loaded", "merged", "rejected", "status"];
  const rows = report.datasets.map((d) => [d.exchange, d.symbol, d.interval, d.source, d.loaded, d.merged, d.rejected, d.status]);
  const lines = [header, ...rows].map(([exchange, symbol, interval, ...rest]) =>
    `${String(exchange).padEnd(9)}${String(symbol).padEnd(22)}${String(interval).padEnd(10)}${rest.slice(0, 4).map((n) => String(n).padStart(9)).join("")}  ${rest[4]}`,
  );
  // Per condition over all datasets (the library reports them per dataset).
  const totals = new Map<string, { rows: number; datasets: number }>();
  for (const n of Object.values(report.notes)) {
    for (const [condition, rows] of Object.entries(n)) {
      const t = totals.get(condition) ?? { rows: 0, datasets: 0 };
      totals.set(condition, { rows: t.rows + rows, datasets: t.datasets + 1 });
    }
  }
  const notes = [...totals].map(([condition, t]) => `${condition} ${t.rows} rows in ${t.datasets} datasets`);
  const i = report.instruments;
  return [
    `${report.dryRun ? "dry run (nothing written): " : ""}${report.source} (${report.segment || "no segment attribute"}) → ${report.target}, run ${report.runId}`,
    ...lines,
    `instruments: ${i.source} (${i.loaded} new, ${i.merged} already present)`,
    ...report.rejectedDatasets.map((r) => `rejected dataset ${r.path}: ${r.reason}`),
    ...(notes.length > 0 ? [`loaded with notes: ${notes.join("; ")}`] : []),
    `${report.rows} rows in ${report.seconds.toFixed(2)} s`,
  ].join("\n");
}

/** The --json document: exactly the shape. */
function json(r: Hdf5ImportReport): string {
  return JSON.stringify({
    source: r.source,
    segment: r.segment,
    datasets: r.datasets.map(({ exchange, symbol, interval, source, loaded, merged, rejected, status }) => ({ exchange, symbol, interval, source, loaded, merged, rejected, status })),
    rejectedDatasets: r.rejectedDatasets,
    rows: r.rows,
    seconds: r.seconds,
  });
}

runCli(async () => {
  const values = parseCli(
    {
      source: { type: "string" },
      exchanges: { type: "string" },
      intervals: { type: "string" },
      symbols: { type: "string" },
      instruments: { type: "string" },
      ...INGEST_FLAGS,
    },
    HELP,
  );
  if (!values) return;
  if (!values.source) throw new InputError("--source FILE.h5 is required; see --help");
  const progress = progressFlag(values["progress-every"]);
  const source = values.source;
  return interruptible(progress, `tsx scripts/migrate-from-hdf5.ts --source ${source} --resume`, async (signal) => {
    const report = await migrateFromHdf5({
      source,
      exchanges: list(values.exchanges),
      intervals: list(values.intervals),
      symbols: list(values.symbols),
      instruments: values.instruments,
      batchSize: integerOption(values["batch-size"], "--batch-size", 1),
      dryRun: values["dry-run"],
      resume: values.resume,
      progress,
      signal,
    });
    console.log(values.json ? json(report) : table(report));
  });
});
