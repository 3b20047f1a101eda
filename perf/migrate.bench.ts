/**
 * Migration benchmark: a Spock-scale SQLite file (default 3,700 instruments × 250 days ≈ 950,000
 * rows in all, ~940,000 of them price rows) loaded with migrateFromSqlite(), beside a raw COPY
 * baseline of the same price rows measured in the same run on the same engine.
 *
 * - Baseline: the sample's price rows as the loader transforms them, CSV-encoded the way the bulk
 *   path encodes them (encoding not timed), COPYed straight into `ohlcv_data` in batches of the
 *   same size, one transaction each, into a fresh database. It is the ceiling for the price table.
 * - Migration: the whole file into another fresh, empty database, timed end to end as a first run
 *   sees it (source checks, creating the schema, every table, the aggregates refresh). Price rows/s
 *   = `ohlcv_data` source rows over the time that table took.
 * Engines: embedded PGlite always (fresh temporary directories); the PostgreSQL server at
 * DATABASE_URL when set (databases `t_migrate_bench_*` are created there and dropped after).
 * Targets (issue 3): ≥ 150,000 price rows/s to the server, ≥ 50,000 rows/s embedded, the whole file
 * in < 10 s on the server.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { tableCsv } from "../src/db/copy-rows.ts";
import { integerOption, parseCli, runCli } from "../scripts/lib/cli.ts";
import { csvChunks } from "../src/db/csv.ts";
import { openDatabase, type Database } from "../src/db/index.ts";
import { InstrumentResolver } from "../src/ingest/sqlite/instruments.ts";
import { SPOCK } from "../src/ingest/sqlite/layouts/index.ts";
import { DEFAULT_BATCH_SIZE, migrateFromSqlite } from "../src/ingest/sqlite/migrate.ts";
import type { Progress } from "../src/ingest/core/progress.ts";
import { readBatches } from "../src/ingest/sqlite/read-batches.ts";
import { generateSpockSample } from "../src/synthetic/index.ts";
import { openSource } from "../src/ingest/sqlite/source.ts";
import { ohlcvData } from "../src/schema/index.ts";
import { freshTargets } from "./lib/fresh-targets.ts";

const HELP = `Usage: npm run bench:migrate [-- --instruments N --days N --batch-size N --engines pglite,postgres --json]

Generates a Spock-scale sample, then per engine times a raw COPY of its price rows and the
migration of the whole file. The server engine is used when DATABASE_URL is set.`;

/** The sample's price rows with a region (unique keys), transformed as the loader does, CSV-encoded per batch. */
async function baselineBatches(file: string, batchSize: number): Promise<{ rows: number; batches: { columns: string[]; chunks: string[] }[] }> {
  const source = openSource(file);
  try {
    const spec = SPOCK.tables.find((t) => t.source === "ohlcv_data")!;
    const context = { resolver: new InstrumentResolver(new Map(), new Map()), instrumentTypes: new Map(), zones: SPOCK.zones, loadedAt: "2025-01-01 00:00:00 UTC" };
    const batches: { columns: string[]; chunks: string[] }[] = [];
    let rows = 0;
    // Normalised timeframes (`D`, `1d`, `daily` → `1d`) can repeat a key that the loader merges;
    // a raw COPY cannot take a repeated key, so the baseline keeps each key's first row.
    const seen = new Set<string>();
    for await (const batch of readBatches(source.db, spec, spec.passes[0], 0, batchSize, context)) {
      const unique = batch.rows.filter((r) => {
        const key = `${r.ticker}\u0000${r.region}\u0000${r.timeframe}\u0000${r.date}`;
        return seen.has(key) ? false : (seen.add(key), true);
      });
      // Each batch with its own column list, as the loader writes it.
      const csv = tableCsv(ohlcvData, Object.keys(unique[0]));
      batches.push({ columns: csv.columns, chunks: [...csvChunks(unique, csv.encode)] });
      rows += unique.length;
    }
    return { rows, batches };
  } finally {
    source.close();
  }
}

async function timeRawCopy(database: Database, batches: { columns: string[]; chunks: string[] }[]): Promise<number> {
  const started = performance.now();
  for (const { columns, chunks } of batches) await database.transaction((tx) => tx.copyFrom("ohlcv_data", columns, chunks));
  return (performance.now() - started) / 1000;
}

/** Seconds spent per table, from the loader's progress calls. */
function tableTimer(): { progress: Progress; seconds: Record<string, number> } {
  const seconds: Record<string, number> = {};
  return {
    seconds,
    progress: {
      table(name) {
        const started = performance.now();
        return { advance: () => undefined, finish: () => void (seconds[name] = (performance.now() - started) / 1000) };
      },
      stop: () => undefined,
    },
  };
}

const TARGETS = { serverPriceRowsPerSecond: 150_000, embeddedRowsPerSecond: 50_000, serverWholeFileSeconds: 10 };

runCli(async () => {
  const values = parseCli(
    {
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
  const instruments = integerOption(values.instruments, "--instruments", 40)!;
  const days = integerOption(values.days, "--days", 1)!;
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const dir = mkdtempSync(join(tmpdir(), "migrate-bench-"));
  const file = join(dir, "spock_local.db");
  let started = performance.now();
  const written = generateSpockSample(file, { instruments, days, seed: 42 });
  const sourceRows = Object.values(written).reduce((a, b) => a + b, 0);
  log(`sample: ${sourceRows} rows (${written.ohlcv_data} price rows) in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  const baseline = await baselineBatches(file, batchSize);

  const results = [];
  for (const engine of freshTargets(values.engines.split(","), "t_migrate_bench")) {
    const rawTarget = await engine.fresh();
    // The schema is created in the same session: a reopened embedded database cannot yet write to
    // the hypertable (TimescaleDB's TSL module is not loaded on reopen).
    const rawDb = await openDatabase(rawTarget.options);
    const rawSeconds = await timeRawCopy(rawDb, baseline.batches);
    await rawDb.close();
    await rawTarget.drop();
    log(`${engine.name}: raw COPY of ${baseline.rows} price rows in ${rawSeconds.toFixed(2)} s`);

    const target = await engine.fresh();
    const timer = tableTimer();
    started = performance.now();
    const report = await migrateFromSqlite({ source: file, target: target.options, batchSize, progress: timer.progress });
    const wholeSeconds = (performance.now() - started) / 1000;
    await target.drop();
    const priceSeconds = timer.seconds.ohlcv_data;
    const tableSeconds = Object.values(timer.seconds).reduce((a, b) => a + b, 0);
    const result = {
      engine: engine.name,
      priceRows: report.tables.ohlcv_data.source,
      priceSeconds: Number(priceSeconds.toFixed(2)),
      priceRowsPerSecond: Math.round(report.tables.ohlcv_data.source / priceSeconds),
      rawCopyRows: baseline.rows,
      rawCopySeconds: Number(rawSeconds.toFixed(2)),
      rawCopyRowsPerSecond: Math.round(baseline.rows / rawSeconds),
      ratioToRawCopy: Number((report.tables.ohlcv_data.source / priceSeconds / (baseline.rows / rawSeconds)).toFixed(2)),
      sourceRows,
      wholeFileSeconds: Number(wholeSeconds.toFixed(2)),
      wholeFileRowsPerSecond: Math.round(sourceRows / wholeSeconds),
      /** Source checks, counting, opening the target and creating its schema, the aggregates refresh. */
      outsideTablesSeconds: Number((wholeSeconds - tableSeconds).toFixed(2)),
    };
    results.push(result);
    log(`${engine.name}: migration ${result.wholeFileSeconds} s whole file (${result.wholeFileRowsPerSecond} rows/s), price rows ${result.priceRowsPerSecond}/s = ${result.ratioToRawCopy} × raw COPY`);
  }

  const verdicts = results.map((r) =>
    r.engine === "postgres"
      ? { engine: r.engine, priceRowsPerSecond: r.priceRowsPerSecond >= TARGETS.serverPriceRowsPerSecond, wholeFile: r.wholeFileSeconds < TARGETS.serverWholeFileSeconds }
      : { engine: r.engine, priceRowsPerSecond: r.priceRowsPerSecond >= TARGETS.embeddedRowsPerSecond },
  );
  if (values.json) {
    console.log(JSON.stringify({ batchSize, targets: TARGETS, results, met: verdicts }));
  } else {
    for (const r of results) {
      const target =
        r.engine === "postgres"
          ? `target ≥ ${TARGETS.serverPriceRowsPerSecond} price rows/s and < ${TARGETS.serverWholeFileSeconds} s`
          : `target ≥ ${TARGETS.embeddedRowsPerSecond} price rows/s`;
      console.log(
        `${r.engine.padEnd(9)} price rows ${String(r.priceRowsPerSecond).padStart(7)}/s vs raw COPY ${String(r.rawCopyRowsPerSecond).padStart(7)}/s (ratio ${r.ratioToRawCopy}); ` +
          `whole file ${r.sourceRows} rows in ${r.wholeFileSeconds} s = ${r.wholeFileRowsPerSecond} rows/s (${r.outsideTablesSeconds} s outside the tables); ${target}`,
      );
    }
    console.log(JSON.stringify(verdicts));
  }
  rmSync(dir, { recursive: true, force: true });
});
