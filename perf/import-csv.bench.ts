/**
 * CSV import benchmark: a directory of Yahoo-format downloads (default 200 instruments × 2,520
 * weekdays ≈ 504,000 bars, seeded) loaded with importCsv(), beside a raw COPY baseline of the same
 * bars measured in the same run on the same engine.
 *
 * - Baseline: the bars exactly as the importer stores them (source `csv`, basis `split`, adj_close,
 *   fetched_at), CSV-encoded the way the bulk path encodes them (encoding not timed), COPYed straight
 *   into `ohlcv_data` in batches of the same size, one transaction each, into a fresh database: the
 *   ceiling for the bars alone.
 * - Import: the whole directory into another fresh, empty database, timed end to end as a first run
 *   sees it (reading and checking every file, creating the schema, each batch with its checkpoint,
 *   the instruments, the aggregates refresh).
 * Engines: embedded PGlite always; the PostgreSQL server at DATABASE_URL when set.
 */
import { mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { integerOption, parseCli, runCli } from "../scripts/lib/cli.ts";
import { tableCsv } from "../src/db/copy-rows.ts";
import { csvChunks } from "../src/db/csv.ts";
import { openDatabase } from "../src/db/index.ts";
import { DEFAULT_BATCH_SIZE, importCsv } from "../src/ingest/csv/index.ts";
import { ohlcvData, type NewOhlcvBar } from "../src/schema/index.ts";
import { mulberry32, numberedTickers, randomBars, weekdaysFrom } from "../src/synthetic/index.ts";
import { freshTargets } from "./lib/fresh-targets.ts";

const HELP = `Usage: npm run bench:csv [-- --files N --days N --engines pglite,postgres --json]

Writes N seeded Yahoo-format CSV files of daily bars, then per engine times a raw COPY of the
same bars and import-csv of the whole directory. The server engine is used when DATABASE_URL is set.`;

/** Writes the files; returns the bars as import-csv stores them (the baseline's rows). */
function writeFiles(dir: string, files: number, days: number): NewOhlcvBar[] {
  const dates = weekdaysFrom("2015-01-01", days);
  const rows: NewOhlcvBar[] = [];
  for (const [i, ticker] of numberedTickers(files, "CSV", 4).entries()) {
    const bars = randomBars(mulberry32(1_000 + i), days, 50 + i, 2, 1_000_000);
    const path = join(dir, `${ticker}.csv`);
    const lines = dates.map((date, d) => `${date},${bars.open[d]},${bars.high[d]},${bars.low[d]},${bars.close[d]},${bars.close[d]},${bars.volume[d]}`);
    writeFileSync(path, `Date,Open,High,Low,Close,Adj Close,Volume\n${lines.join("\n")}\n`);
    const fetchedAt = new Date(statSync(path).mtimeMs);
    dates.forEach((date, d) =>
      rows.push({
        ticker, region: "US", timeframe: "1d", date,
        open: bars.open[d], high: bars.high[d], low: bars.low[d], close: bars.close[d], adjClose: bars.close[d], volume: bars.volume[d],
        source: "csv", priceBasis: "split", fetchedAt,
      }),
    );
  }
  return rows;
}

runCli(async () => {
  const values = parseCli(
    {
      files: { type: "string", default: "200" },
      days: { type: "string", default: "2520" },
      engines: { type: "string", default: "pglite,postgres" },
      json: { type: "boolean" },
    },
    HELP,
  );
  if (!values) return;
  const files = integerOption(values.files, "--files", 1)!;
  const days = integerOption(values.days, "--days", 1)!;
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const dir = mkdtempSync(join(tmpdir(), "csv-bench-"));
  try {
    const rows = writeFiles(dir, files, days);
    const csv = tableCsv(ohlcvData, Object.keys(rows[0]));
    const batches: string[][] = [];
    for (let i = 0; i < rows.length; i += DEFAULT_BATCH_SIZE) batches.push([...csvChunks(rows.slice(i, i + DEFAULT_BATCH_SIZE), csv.encode)]);
    log(`${files} files, ${rows.length} bars in ${dir}`);

    const results = [];
    for (const engine of freshTargets(values.engines.split(","), "t_csv_bench")) {
      const rawTarget = await engine.fresh();
      const rawDb = await openDatabase(rawTarget.options);
      let started = performance.now();
      for (const chunks of batches) await rawDb.transaction((tx) => tx.copyFrom("ohlcv_data", csv.columns, chunks));
      const rawSeconds = (performance.now() - started) / 1000;
      await rawDb.close();
      await rawTarget.drop();

      const target = await engine.fresh();
      started = performance.now();
      const report = await importCsv({ dir, target: target.options });
      const importSeconds = (performance.now() - started) / 1000;
      await target.drop();
      const loaded = report.files.reduce((n, f) => n + f.loaded, 0);
      if (loaded !== rows.length) throw new Error(`import-csv loaded ${loaded} of ${rows.length} bars`);
      const result = {
        engine: engine.name,
        bars: rows.length,
        rawCopySeconds: Number(rawSeconds.toFixed(2)),
        rawCopyRowsPerSecond: Math.round(rows.length / rawSeconds),
        importSeconds: Number(importSeconds.toFixed(2)),
        importRowsPerSecond: Math.round(rows.length / importSeconds),
        ratioToRawCopy: Number((rawSeconds / importSeconds).toFixed(2)),
      };
      results.push(result);
      log(`${engine.name}: raw COPY ${result.rawCopySeconds} s, import-csv ${result.importSeconds} s`);
    }
    if (values.json) console.log(JSON.stringify({ files, days, results }));
    else {
      for (const r of results) {
        console.log(
          `${r.engine.padEnd(9)} import-csv ${String(r.importRowsPerSecond).padStart(7)} bars/s vs raw COPY ${String(r.rawCopyRowsPerSecond).padStart(7)} bars/s ` +
            `(ratio ${r.ratioToRawCopy}); ${r.bars} bars in ${r.importSeconds} s end to end`,
        );
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
