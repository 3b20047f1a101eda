/**
 * Write the store's kite_app bars back as a kite_app HDF5 segment file (EQUITY.h5 or DERIVATIVES.h5).
 * See src/export/hdf5/index.ts for the layout written and the rules.
 */
import { parseCli, runCli } from "./lib/cli.ts";
import { withExistingDatabase } from "../src/db/with-database.ts";
import { InputError } from "../src/errors.ts";
import { exportKiteHdf5, GZIP_LEVEL, type ExportProgress, type KiteHdf5ExportReport } from "../src/export/hdf5/index.ts";

const HELP = `Usage: tsx scripts/export-hdf5.ts --out FILE.h5 [options]

Writes bars of the store in kite_app's HDF5 layout, one segment per file: EQUITY (NSE, BSE) or
DERIVATIVES (NFO, BFO, records with oi). /data/{EXCHANGE}/{SYMBOL}/{interval} per symbol and
interval with bars (day from ohlcv_data, minute … 60minute from ohlcv_intraday), kite_app's
packed little-endian records (Unix seconds of the bar start; a day bar at its IST midnight),
every dataset and root attribute with the SHA-256 checksum of the records, gzip level ${GZIP_LEVEL} with
shuffle. kite_app and h5py read it; migrate-from-hdf5 loads it back.

Source: DATABASE_URL=postgres://user:pass@host:port/db, else the embedded database in PGLITE_DIR
(default ./data/pglite), which must exist.

  --out FILE.h5        the file to write (required); written under a temporary name beside it
                       and renamed when complete, so a failure leaves no file
  --exchanges A,B      these exchanges only, of one segment (default: every exchange with bars,
                       which must then be of one segment)
  --symbols A,B        these symbols only, as the paths name them (M_M) or as Kite trades
                       them (M&M) where instruments.h5 was imported (the names bars.ts takes)
  --intervals A,B      these intervals only, as Kite names them (day, 60minute, 5minute, …)
  --from WHEN          bars starting at or after WHEN: an IST exchange date (YYYY-MM-DD) or an
                       instant with its zone (2025-01-02T09:15:00+05:30, 2025-01-02T03:45:00Z)
  --to WHEN            bars starting at or before WHEN (a date: up to its end, IST)
  --overwrite          replace FILE.h5 if it exists (default: refuse)
  --progress-every S   a progress line on stderr every S seconds (default 2; 0 = after every
                       dataset)
  --json               print one JSON document: {out, segment, datasets: [{exchange, symbol,
                       interval, rows, checksum}], rows, bytes, seconds, notes}
  --help               show this help

A round trip (migrate-from-hdf5, then this) gives every loaded record back byte for byte; bars
rejected on import are absent, and so are empty datasets. Values another loader stored that a
kite_app record cannot hold exactly (a price that is not a float32, a fractional volume, …) are
written as near as it allows and counted under notes.
Exit codes: 0 written; 2 bad input (a flag, exchanges of two segments, a selection with no bars,
an existing FILE.h5 without --overwrite, an unreachable database: nothing written).`;

const list = (text: string | undefined) => text?.split(",").map((t) => t.trim()).filter((t) => t !== "");

/** Progress lines at most every `everyMs`, and after the last dataset. */
function progressLines(everyMs: number): (p: ExportProgress) => void {
  let last = -Infinity;
  return (p) => {
    const now = performance.now();
    if (now - last < everyMs && p.datasetsDone < p.datasets) return;
    last = now;
    const rate = p.seconds > 0 ? Math.round(p.rowsDone / p.seconds) : 0;
    process.stderr.write(`${p.datasetsDone}/${p.datasets} datasets, ${p.rowsDone} rows, ${rate} rows/s: ${p.path}\n`);
  };
}

function table(r: KiteHdf5ExportReport): string {
  const lines = r.datasets.map((d) => `${d.exchange.padEnd(9)}${d.symbol.padEnd(22)}${d.interval.padEnd(10)}${String(d.rows).padStart(9)}  ${d.checksum}`);
  const notes = Object.entries(r.notes).map(([path, n]) => `not exact in ${path}: ${Object.entries(n).map(([c, rows]) => `${c} ${rows}`).join(", ")}`);
  return [
    `${r.out} (${r.segment})`,
    `${"exchange".padEnd(9)}${"symbol".padEnd(22)}${"interval".padEnd(10)}${"rows".padStart(9)}  checksum (sha256)`,
    ...lines,
    ...notes,
    `${r.datasets.length} datasets, ${r.rows} rows, ${r.bytes} bytes in ${r.seconds.toFixed(2)} s`,
  ].join("\n");
}

function json(r: KiteHdf5ExportReport): string {
  return JSON.stringify({
    out: r.out,
    segment: r.segment,
    datasets: r.datasets.map(({ exchange, symbol, interval, rows, checksum }) => ({ exchange, symbol, interval, rows, checksum })),
    rows: r.rows,
    bytes: r.bytes,
    seconds: r.seconds,
    notes: r.notes,
  });
}

runCli(async () => {
  const values = parseCli(
    {
      out: { type: "string" },
      exchanges: { type: "string" },
      symbols: { type: "string" },
      intervals: { type: "string" },
      from: { type: "string" },
      to: { type: "string" },
      overwrite: { type: "boolean" },
      "progress-every": { type: "string" },
      json: { type: "boolean" },
    },
    HELP,
  );
  if (!values) return;
  if (!values.out) throw new InputError("--out FILE.h5 is required; see --help");
  const every = Number(values["progress-every"] ?? 2);
  if (!(every >= 0)) throw new InputError(`--progress-every must be a number of seconds, got ${values["progress-every"]}`);
  const out = values.out;
  const report = await withExistingDatabase((database) =>
    exportKiteHdf5(database, {
      out,
      exchanges: list(values.exchanges),
      symbols: list(values.symbols),
      intervals: list(values.intervals),
      from: values.from,
      to: values.to,
      overwrite: values.overwrite,
      onProgress: progressLines(every * 1000),
    }),
  );
  console.log(values.json ? json(report) : table(report));
});
