/**
 * Migration benchmark: a Spock-scale SQLite file (default 3,700 instruments × 250 days ≈ 950,000
 * rows in all, ~940,000 of them price rows; or `--file` for one already written) loaded with
 * migrateFromSqlite(), beside the naive pipeline a user would type, in the same run:
 *
 *     sqlite3 -csv FILE "SELECT <price columns> FROM ohlcv_data WHERE …" | psql URL -c "COPY naive FROM STDIN (FORMAT csv)"
 *
 * - Naive pipeline (server only): the same valid price rows (the loader's first pass: rows with a
 *   region, less the ones it rejected) into a fresh table with the same 26 source columns
 *   (text, date, double precision, timestamptz) and the same primary key, timed end to end.
 * - Migration: the whole file into a fresh, empty database, timed end to end as a first run sees
 *   it (source checks, creating the schema, every table, the aggregates refresh). Price rows/s =
 *   `ohlcv_data` source rows over the time that table took; the ratio is that over the naive
 *   pipeline's rows/s.
 * - Raw COPY (embedded only): the price rows the loader wrote, read back as one binary COPY stream
 *   and COPYed as they are into a fresh embedded database: PGlite's own ceiling for these rows, with
 *   no reading, checking or encoding; the ratio is the loader's price rows/s over it.
 * Engines: embedded PGlite always (fresh temporary directories); the PostgreSQL server at
 * DATABASE_URL when set (databases `t_migrate_bench_*` are created there and dropped after). The
 * naive pipeline needs the `sqlite3` and `psql` commands. The load average is printed with the figures.
 * Targets (issue 12): loader ≥ 1.0× the naive pipeline on the server, ≥ 50,000 price rows/s embedded.
 */
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { integerOption, parseCli, runCli } from "../scripts/lib/cli.ts";
import { openDatabase } from "../src/db/index.ts";
import { ohlcvData } from "../src/schema/index.ts";
import { DEFAULT_BATCH_SIZE, migrateFromSqlite } from "../src/ingest/sqlite/migrate.ts";
import type { Progress } from "../src/ingest/core/progress.ts";
import { generateSpockSample } from "../src/synthetic/index.ts";
import { freshTargets } from "./lib/fresh-targets.ts";
import { timeRawCopy } from "./lib/raw-copy.ts";

const HELP = `Usage: npm run bench:migrate [-- --file FILE | --instruments N --days N] [--batch-size N --engines pglite,postgres --json]

Loads a Spock-scale SQLite file (generated, or --file) per engine with the loader, and on the
server also with the naive pipeline sqlite3 -csv | psql COPY, and prints rows/s and their ratio.
The server engine is used when DATABASE_URL is set.`;

const INDICATORS = ["ma5", "ma20", "ma60", "ma120", "ma200", "rsi_14", "macd", "macd_signal", "macd_hist", "bb_upper", "bb_middle", "bb_lower", "atr_14", "atr", "volume_ma20", "volume_ratio"];
const NAIVE_COLUMNS = ["ticker", "region", "timeframe", "date", "open", "high", "low", "close", "volume", ...INDICATORS, "created_at"];
const NAIVE_TABLE = `CREATE TABLE naive (ticker text NOT NULL, region text NOT NULL, timeframe text NOT NULL, date date NOT NULL,
  ${["open", "high", "low", "close", "volume", ...INDICATORS].map((c) => `${c} double precision`).join(", ")},
  created_at timestamptz, PRIMARY KEY (ticker, region, timeframe, date))`;

/** Seconds for `sqlite3 -csv file "select …" | psql url -c "copy …"` of the price rows with a region, less `rejected` rowids. */
async function timeNaivePipeline(file: string, url: string, rejected: readonly number[]): Promise<{ seconds: number; rows: number }> {
  execFileSync("psql", [url, "-q", "-v", "ON_ERROR_STOP=1", "-c", NAIVE_TABLE]);
  const where = `region IS NOT NULL${rejected.length > 0 ? ` AND rowid NOT IN (${rejected.join(",")})` : ""}`;
  const started = performance.now();
  await new Promise<void>((done, fail) => {
    const reader = spawn("sqlite3", ["-csv", file, `SELECT ${NAIVE_COLUMNS.join(", ")} FROM ohlcv_data WHERE ${where}`], { stdio: ["ignore", "pipe", "inherit"] });
    const writer = spawn("psql", [url, "-q", "-v", "ON_ERROR_STOP=1", "-c", "COPY naive FROM STDIN (FORMAT csv)"], { stdio: ["pipe", "ignore", "inherit"] });
    reader.stdout.pipe(writer.stdin);
    let open = 2;
    const exited = (name: string) => (code: number | null) => {
      if (code !== 0) fail(new Error(`${name} exited ${code}`));
      else if (--open === 0) done();
    };
    reader.on("exit", exited("sqlite3"));
    writer.on("exit", exited("psql"));
  });
  const seconds = (performance.now() - started) / 1000;
  const rows = Number(execFileSync("psql", [url, "-Atc", "SELECT count(*) FROM naive"]).toString().trim());
  return { seconds, rows };
}

/** Seconds spent per table, from the loader's progress calls. */
function tableTimer(): { progress: Progress; seconds: Record<string, number> } {
  const seconds: Record<string, number> = {};
  return {
    seconds,
    progress: {
      plan: () => undefined,
      table(name) {
        const started = performance.now();
        return { advance: () => undefined, finish: () => void (seconds[name] = (performance.now() - started) / 1000) };
      },
      stop: () => undefined,
    },
  };
}

const TARGETS = { serverRatioToNaive: 1.0, embeddedPriceRowsPerSecond: 50_000 };

const load = () => loadavg().map((l) => l.toFixed(1)).join(" ");

type BenchResult = Record<string, unknown> & { engine: string; priceRowsPerSecond: number; ratioToNaive?: number; rawCopyRowsPerSecond?: number; ratioToRawCopy?: number };

runCli(async () => {
  const values = parseCli(
    {
      file: { type: "string" },
      instruments: { type: "string", default: "3700" },
      days: { type: "string", default: "250" },
      "batch-size": { type: "string", default: String(DEFAULT_BATCH_SIZE) },
      engines: { type: "string", default: "pglite,postgres" },
      json: { type: "boolean" },
    },
    HELP,
  );
  if (!values) return;
  const batchSize = integerOption(values["batch-size"], "--batch-size", 1)!;
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const dir = mkdtempSync(join(tmpdir(), "migrate-bench-"));
  let file = values.file && resolve(values.file);
  if (!file) {
    file = join(dir, "spock_local.db");
    const started = performance.now();
    const written = generateSpockSample(file, { instruments: integerOption(values.instruments, "--instruments", 40)!, days: integerOption(values.days, "--days", 1)!, seed: 42 });
    log(`sample: ${Object.values(written).reduce((a, b) => a + b, 0)} rows (${written.ohlcv_data} price rows) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  }

  const results: BenchResult[] = [];
  for (const engine of freshTargets(values.engines.split(","), "t_migrate_bench")) {
    const target = await engine.fresh();
    const timer = tableTimer();
    const loadBefore = load();
    const started = performance.now();
    const report = await migrateFromSqlite({ source: file, target: target.options, batchSize, progress: timer.progress });
    const wholeSeconds = (performance.now() - started) / 1000;
    let rejected: number[] = [];
    let raw: { seconds: number; rows: number } | undefined;
    const database = await openDatabase({ ...target.options, migrate: false });
    try {
      if (engine.name === "postgres") {
        rejected = (await database.query<{ id: string }>("SELECT source_row_id AS id FROM migration_rejects WHERE source_table = 'ohlcv_data'")).map((r) => Number(r.id));
      } else {
        raw = await timeRawCopy(database, () => engine.fresh(), [ohlcvData]);
      }
    } finally {
      await database.close();
    }
    await target.drop();
    const priceSeconds = timer.seconds.ohlcv_data;
    const priceRows = report.tables.ohlcv_data.source;
    const tableSeconds = Object.values(timer.seconds).reduce((a, b) => a + b, 0);
    const result: BenchResult = {
      engine: engine.name,
      priceRows,
      priceSeconds: Number(priceSeconds.toFixed(2)),
      priceRowsPerSecond: Math.round(priceRows / priceSeconds),
      sourceRows: Object.values(report.tables).reduce((a, t) => a + t.source, 0),
      wholeFileSeconds: Number(wholeSeconds.toFixed(2)),
      /** Source checks, counting, opening the target and creating its schema, the aggregates refresh. */
      outsideTablesSeconds: Number((wholeSeconds - tableSeconds).toFixed(2)),
      loadAverage: loadBefore,
    };
    log(`${engine.name}: migration ${result.wholeFileSeconds} s whole file, price rows ${result.priceRowsPerSecond}/s (load average ${loadBefore})`);
    if (raw !== undefined) {
      Object.assign(result, {
        rawCopyRows: raw.rows,
        rawCopySeconds: Number(raw.seconds.toFixed(2)),
        rawCopyRowsPerSecond: Math.round(raw.rows / raw.seconds),
        ratioToRawCopy: Number((priceRows / priceSeconds / (raw.rows / raw.seconds)).toFixed(2)),
      });
      log(`${engine.name}: raw binary COPY of the same ${raw.rows} price rows into a fresh database in ${raw.seconds.toFixed(2)} s`);
    }
    if (engine.name === "postgres") {
      const naiveTarget = await engine.fresh();
      const naiveLoad = load();
      const naive = await timeNaivePipeline(file, naiveTarget.options.url!, rejected);
      await naiveTarget.drop();
      Object.assign(result, {
        naiveRows: naive.rows,
        naiveSeconds: Number(naive.seconds.toFixed(2)),
        naiveRowsPerSecond: Math.round(naive.rows / naive.seconds),
        ratioToNaive: Number((priceRows / priceSeconds / (naive.rows / naive.seconds)).toFixed(2)),
        naiveLoadAverage: naiveLoad,
      });
      log(`${engine.name}: naive sqlite3 | psql COPY of ${naive.rows} rows in ${naive.seconds.toFixed(2)} s (load average ${naiveLoad})`);
    }
    results.push(result);
  }

  const met = (r: BenchResult) =>
    r.engine === "postgres" ? (r.ratioToNaive ?? 0) >= TARGETS.serverRatioToNaive : r.priceRowsPerSecond >= TARGETS.embeddedPriceRowsPerSecond;
  const verdicts = results.map((r) => (r.engine === "postgres" ? { engine: r.engine, ratioToNaive: met(r) } : { engine: r.engine, priceRowsPerSecond: met(r) }));
  if (values.json) {
    console.log(JSON.stringify({ batchSize, targets: TARGETS, results, met: verdicts }));
  } else {
    for (const r of results) {
      const verdict = met(r) ? "met" : "missed";
      const naive =
        r.engine === "postgres"
          ? ` vs naive sqlite3 | psql ${r.naiveRowsPerSecond}/s (ratio ${r.ratioToNaive}; target ≥ ${TARGETS.serverRatioToNaive}: ${verdict})`
          : ` vs a raw binary COPY of the same rows ${r.rawCopyRowsPerSecond}/s (ratio ${r.ratioToRawCopy}); target ≥ ${TARGETS.embeddedPriceRowsPerSecond}/s: ${verdict}`;
      console.log(
        `${r.engine.padEnd(9)} price rows ${String(r.priceRowsPerSecond).padStart(7)}/s${naive}; ` +
          `whole file ${r.sourceRows} rows in ${r.wholeFileSeconds} s (${r.outsideTablesSeconds} s outside the tables); load average ${r.loadAverage}`,
      );
    }
  }
  rmSync(dir, { recursive: true, force: true });
});
