/**
 * Storage benchmark: the repository bulk path against a raw COPY of the same rows on the same
 * engine in the same run, and p50 latencies of the reads research code issues most.
 *
 * Data: 500 tickers × 2,000 weekdays to 2025-12-31 of daily bars (1,000,000 rows), seeded: the
 * random walk of src/synthetic/bars.ts, prices to 2 decimals, six-digit Korean codes. Each engine gets
 * a fresh database. Loads alternate (raw, bulk, raw, bulk) over a truncated table and the better of
 * two is kept, so neither side profits from a warmer cache. Engines: embedded PGlite always;
 * the PostgreSQL server at DATABASE_URL when set (a database `bench_storage` is created there).
 */
import { createScratchDatabase } from "../src/db/scratch-database.ts";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase, type Database } from "../src/db/index.ts";
import { csvChunks } from "../src/db/csv.ts";
import { tableCsv } from "../src/db/copy-rows.ts";
import { ohlcvData, type NewOhlcvBar } from "../src/schema/index.ts";
import { pricesRepository } from "../src/repositories/prices.ts";
import { barRows, mulberry32, numberedTickers, randomBars, weekdaysEnding } from "../src/synthetic/index.ts";
import { parseCli, runCli } from "../scripts/lib/cli.ts";
import { InputError } from "../src/errors.ts";

const HELP = `Usage: npm run bench [-- --tickers N --days N --repeat N --engines pglite,postgres --json]

Loads N tickers × N days of daily bars through the repository bulk path and through a raw COPY,
on each engine, and times typical reads. The server engine is used when DATABASE_URL is set.`;

/** Each ticker's bars from one seeded stream: a start price in [10, 100), then its walk. */
function makeRows(tickers: readonly string[], dates: readonly string[]): NewOhlcvBar[] {
  const uniform = mulberry32(42);
  return tickers.flatMap((ticker) => barRows(ticker, "KR", dates, randomBars(uniform, dates.length, 10 + 90 * uniform(), 2, 1e6), "bench"));
}

/** The baseline: the same rows, CSV-encoded the same way, COPYed straight into ohlcv_data. */
async function rawCopy(database: Database, rows: NewOhlcvBar[], batch: number): Promise<void> {
  const { columns, encode } = tableCsv(ohlcvData, Object.keys(rows[0]));
  for (let i = 0; i < rows.length; i += batch) {
    const slice = rows.slice(i, i + batch);
    await database.transaction((tx) => tx.copyFrom("ohlcv_data", columns, csvChunks(slice, encode)));
  }
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return (performance.now() - t0) / 1000;
}

async function p50(fn: () => Promise<unknown>, repeat: number): Promise<number> {
  await fn();
  const times: number[] = [];
  for (let i = 0; i < repeat; i++) times.push(await timed(fn));
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] * 1000;
}

async function openBenchDatabase(engine: string): Promise<{ database: Database; cleanup(): Promise<void> }> {
  if (engine === "pglite") {
    const dir = mkdtempSync(join(tmpdir(), "bench-pglite-"));
    const database = await openDatabase({ dir });
    return { database, cleanup: async () => { await database.close(); rmSync(dir, { recursive: true, force: true }); } };
  }
  const base = process.env.DATABASE_URL;
  if (!base) throw new InputError("--engines postgres needs DATABASE_URL=postgres://… (a server where scratch databases may be created)");
  const scratch = await createScratchDatabase(base, "bench_storage");
  const database = await openDatabase({ url: scratch.url });
  return {
    database,
    cleanup: async () => {
      await database.close();
      await scratch.drop();
    },
  };
}

runCli(async () => {
  const values = parseCli(
    {
      tickers: { type: "string", default: "500" },
      days: { type: "string", default: "2000" },
      repeat: { type: "string", default: "50" },
      engines: { type: "string" },
      json: { type: "boolean" },
    },
    HELP,
  );
  if (!values) return;
  const tickers = Number(values.tickers);
  const nDays = Number(values.days);
  const repeat = Number(values.repeat);
  if (![tickers, nDays, repeat].every((n) => Number.isInteger(n) && n > 0)) throw new InputError("--tickers, --days and --repeat take positive integers");
  const engines = (values.engines ?? (process.env.DATABASE_URL ? "pglite,postgres" : "pglite")).split(",");
  const log = (m: string) => process.stderr.write(`${m}\n`);

  const dates = weekdaysEnding("2025-12-31", nDays);
  const symbols = numberedTickers(tickers, "", 6);
  const rows = makeRows(symbols, dates);
  const batch = 50_000;
  const results = [];
  for (const engine of engines) {
    log(`[${engine}] ${rows.length.toLocaleString()} rows`);
    const { database, cleanup } = await openBenchDatabase(engine);
    try {
      const truncate = () => database.query("TRUNCATE ohlcv_data");
      const raw: number[] = [];
      const bulk: number[] = [];
      for (let round = 0; round < 2; round++) {
        await truncate();
        raw.push(await timed(() => rawCopy(database, rows, batch)));
        await truncate();
        bulk.push(await timed(() => database.copyRows(ohlcvData, rows, { batchSize: batch })));
        log(`[${engine}] round ${round + 1}: raw COPY ${raw[round].toFixed(2)} s, bulk path ${bulk[round].toFixed(2)} s`);
      }
      const reload = await timed(() => database.copyRows(ohlcvData, rows, { batchSize: batch }));
      const refresh = await timed(() => pricesRepository(database).refreshAggregates());
      await database.query("ANALYZE ohlcv_data");
      const prices = pricesRepository(database);
      const mid = symbols[Math.floor(tickers / 2)];
      const tenYears = await p50(() => prices.series(mid, "KR", "2016-01-01", "2025-12-31"), repeat);
      const tenYearsRows = await p50(() => prices.bars(mid, "KR", "2016-01-01", "2025-12-31"), repeat);
      const crossSection = await p50(() => prices.crossSection(dates[Math.floor(nDays / 2)], { region: "KR" }), repeat);
      const monthly = await p50(() => prices.aggregateBars("month", mid, "KR", "2016-01-01", "2025-12-31"), repeat);
      const rawRate = rows.length / Math.min(...raw);
      const bulkRate = rows.length / Math.min(...bulk);
      results.push({
        engine,
        timescaledb: database.capabilities.timescaledb,
        rows: rows.length,
        rawCopyRowsPerSec: Math.round(rawRate),
        bulkPathRowsPerSec: Math.round(bulkRate),
        ratio: Number((bulkRate / rawRate).toFixed(3)),
        reloadAllMergedRowsPerSec: Math.round(rows.length / reload),
        aggregateRefreshSec: Number(refresh.toFixed(2)),
        p50Ms: { oneTickerTenYears: tenYears, oneTickerTenYearsAsRows: tenYearsRows, crossSection500: crossSection, monthlyAggregate: monthly },
      });
    } finally {
      await cleanup();
    }
  }
  if (values.json) return void console.log(JSON.stringify({ tickers, days: nDays, results }, null, 2));
  const f = (n: number) => n.toLocaleString("en-US");
  const ms = (n: number) => n.toFixed(2);
  console.log(`${f(rows.length)} daily bars (${tickers} tickers × ${nDays} days)\n`);
  console.log("engine    raw COPY rows/s  bulk path rows/s  ratio  reload rows/s  10y series p50  10y bars() p50  cross-section p50  monthly p50");
  for (const r of results) {
    console.log(
      `${r.engine.padEnd(9)} ${f(r.rawCopyRowsPerSec).padStart(15)}  ${f(r.bulkPathRowsPerSec).padStart(16)}  ${r.ratio.toFixed(2).padStart(5)}  ` +
        `${f(r.reloadAllMergedRowsPerSec).padStart(12)}  ${ms(r.p50Ms.oneTickerTenYears).padStart(11)} ms  ${ms(r.p50Ms.oneTickerTenYearsAsRows).padStart(11)} ms  ${ms(r.p50Ms.crossSection500).padStart(14)} ms  ${ms(r.p50Ms.monthlyAggregate).padStart(8)} ms`,
    );
  }
});
