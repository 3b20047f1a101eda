/**
 * kite_app HDF5 import benchmark: a generated DERIVATIVES.h5 of realistic shape (default 20 contracts ×
 * 60 sessions: minute, 5minute, 15minute, 60minute and day datasets, ≈ 580,000 rows, gzip with
 * shuffle) loaded with migrateFromHdf5() into a fresh database per engine, beside a raw binary COPY of
 * the same rows in the same run.
 *
 * - Import: the whole run as a user sees it (file checks, the SHA-256 of every dataset, opening the
 *   target and creating its schema, instruments, every dataset, the aggregates refresh, ANALYZE):
 *   rows/s = source rows over that time, with its three parts: before the first unit starts (file
 *   checks, checksums, opening the target, creating its schema), the load (first unit's start to the
 *   last one's end: reading, decoding, checking, COPY, commit) and after it (aggregates, ANALYZE).
 * - Raw COPY: the bars the import stored (ohlcv_intraday and ohlcv_data), read back as binary COPY
 *   streams and COPYed as they are into a fresh, migrated database of the same engine, in one
 *   transaction: the engine's own ceiling for these rows, with nothing read from HDF5, checked or
 *   encoded. The ratio is import rows/s over raw COPY rows/s.
 * Engines: embedded PGlite always (a temporary directory); the PostgreSQL server at DATABASE_URL when
 * set (databases `t_hdf5_bench_*`, dropped after). The load average is printed with the figures.
 * Target (issue 14): ≥ 54,000 rows/s into the server (kite_app's QuestDB migration rate); the
 * embedded figure is reported as it is.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { integerOption, parseCli, runCli } from "../scripts/lib/cli.ts";
import { openDatabase } from "../src/db/index.ts";
import type { Progress } from "../src/ingest/core/progress.ts";
import { DEFAULT_BATCH_SIZE, migrateFromHdf5 } from "../src/ingest/hdf5/index.ts";
import { ohlcvData, ohlcvIntraday } from "../src/schema/index.ts";
import { generateKiteFile, type KiteSampleInstrument } from "../src/synthetic/kite-sample.ts";
import { freshTargets } from "./lib/fresh-targets.ts";
import { timeRawCopy } from "./lib/raw-copy.ts";
import { progress as log, seconds } from "./lib/timing.ts";

const HELP = `Usage: npm run bench:hdf5 [-- --instruments N --sessions N --batch-size N --engines pglite,postgres --json]

Generates a kite_app DERIVATIVES.h5 (N contracts × N sessions of minute, 5minute, 15minute,
60minute and day bars), imports it per engine with migrate-from-hdf5's library call and COPYs the
same rows raw into a fresh database, and prints rows/s and their ratio. The server engine is used
when DATABASE_URL is set.`;

const TARGET_SERVER_ROWS_PER_SECOND = 54_000;
const load = () => loadavg().map((l) => l.toFixed(1)).join(" ");

/** When the first unit started and the last one ended (performance.now()), from the importer's progress calls. */
function unitSpan(): { progress: Progress; first(): number; last(): number } {
  let first: number | undefined;
  let last = 0;
  return {
    first: () => first ?? 0,
    last: () => last,
    progress: {
      plan: () => undefined,
      table() {
        first ??= performance.now();
        return { advance: () => undefined, finish: () => void (last = performance.now()) };
      },
      stop: () => undefined,
    },
  };
}

runCli(async () => {
  const values = parseCli(
    {
      instruments: { type: "string", default: "20" },
      sessions: { type: "string", default: "60" },
      "batch-size": { type: "string", default: String(DEFAULT_BATCH_SIZE) },
      engines: { type: "string", default: "pglite,postgres" },
      json: { type: "boolean" },
    },
    HELP,
  );
  if (!values) return;
  const batchSize = integerOption(values["batch-size"], "--batch-size", 1)!;
  const count = integerOption(values.instruments, "--instruments", 1)!;
  const dir = mkdtempSync(join(tmpdir(), "hdf5-bench-"));
  const file = join(dir, "DERIVATIVES.h5");
  const instruments: KiteSampleInstrument[] = Array.from({ length: count }, (_, i) => ({ exchange: i % 4 === 3 ? "BFO" : "NFO", tradingSymbol: `SYM${String(i).padStart(3, "0")}25DECFUT` }));
  const generating = performance.now();
  const sample = generateKiteFile(file, { segment: "DERIVATIVES", instruments, sessions: integerOption(values.sessions, "--sessions", 1)!, firstDay: "2025-06-02", seed: 54 });
  log(`file: ${sample.rows} rows in ${sample.datasets.length} datasets, written in ${seconds(generating).toFixed(1)} s`);

  const results = [];
  for (const engine of freshTargets(values.engines.split(","), "t_hdf5_bench")) {
    const target = await engine.fresh();
    const span = unitSpan();
    const loadBefore = load();
    const started = performance.now();
    const report = await migrateFromHdf5({ source: file, target: target.options, batchSize, progress: span.progress });
    const ended = performance.now();
    const wholeSeconds = (ended - started) / 1000;
    const loadSeconds = (span.last() - span.first()) / 1000;
    const database = await openDatabase({ ...target.options, migrate: false });
    let raw;
    try {
      raw = await timeRawCopy(database, () => engine.fresh(), [ohlcvIntraday, ohlcvData]);
    } finally {
      await database.close();
      await target.drop();
    }
    const rowsPerSecond = Math.round(report.rows / wholeSeconds);
    const result = {
      engine: engine.name,
      rows: report.rows,
      datasets: report.datasets.length,
      seconds: Number(wholeSeconds.toFixed(2)),
      rowsPerSecond,
      loadSeconds: Number(loadSeconds.toFixed(2)),
      loadRowsPerSecond: Math.round(report.rows / loadSeconds),
      /** File checks, every dataset's checksum, opening the target and creating its schema. */
      beforeLoadSeconds: Number(((span.first() - started) / 1000).toFixed(2)),
      /** The aggregates refresh and ANALYZE. */
      afterLoadSeconds: Number(((ended - span.last()) / 1000).toFixed(2)),
      rawCopyRows: raw.rows,
      rawCopySeconds: Number(raw.seconds.toFixed(2)),
      rawCopyRowsPerSecond: Math.round(raw.rows / raw.seconds),
      ratioToRawCopy: Number((report.rows / wholeSeconds / (raw.rows / raw.seconds)).toFixed(2)),
      loadAverage: loadBefore,
      ...(engine.name === "postgres" ? { target: TARGET_SERVER_ROWS_PER_SECOND, met: rowsPerSecond >= TARGET_SERVER_ROWS_PER_SECOND } : {}),
    };
    log(`${engine.name}: ${report.rows} rows in ${result.seconds} s; raw COPY of ${raw.rows} rows in ${result.rawCopySeconds} s (load average ${loadBefore})`);
    results.push(result);
  }
  rmSync(dir, { recursive: true, force: true });

  if (values.json) {
    console.log(JSON.stringify({ batchSize, file: { rows: sample.rows, datasets: sample.datasets.length }, results }));
    return;
  }
  for (const r of results) {
    const verdict = "met" in r ? `; target ≥ ${TARGET_SERVER_ROWS_PER_SECOND}/s ${r.met ? "met" : "missed"}` : " (embedded: no target, reported as measured)";
    console.log(
      `${r.engine.padEnd(9)} import ${String(r.rowsPerSecond).padStart(7)} rows/s (${r.rows} rows in ${r.seconds} s: ${r.beforeLoadSeconds} s checks and target, ` +
        `${r.loadSeconds} s load at ${r.loadRowsPerSecond}/s, ${r.afterLoadSeconds} s aggregates and ANALYZE) ` +
        `vs raw binary COPY ${r.rawCopyRowsPerSecond}/s: ratio ${r.ratioToRawCopy}${verdict}; load average ${r.loadAverage}`,
    );
  }
});
