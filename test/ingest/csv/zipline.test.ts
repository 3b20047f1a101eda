import { beforeAll, expect, it } from "vitest";
import { importCsv, type CsvImportReport } from "../../../src/ingest/csv/index.ts";
import { describeEachEngine } from "../../engines.ts";
import { fixture, mtimeOf, storedBars, tableCounts } from "./fixtures.ts";

const BUNDLE = fixture("zipline");
const DAILY = fixture("zipline/daily");

describeEachEngine("import-csv: a zipline csvdir bundle, split-adjusted, with a split and dividends", (db) => {
  let first: CsvImportReport;
  let again: CsvImportReport;

  beforeAll(async () => {
    first = await importCsv({ dir: BUNDLE, basis: "split", database: db() });
    again = await importCsv({ dir: DAILY, basis: "split", database: db() });
  });

  it("reads the bundle's daily folder, one instrument per file named by it", () => {
    expect(first.files).toEqual([
      { file: `${DAILY}/AAPL.csv`, ticker: "AAPL", region: "US", format: "zipline", basis: "split", source: 11, loaded: 11, merged: 0, rejected: 0 },
      { file: `${DAILY}/MSFT.csv`, ticker: "MSFT", region: "US", format: "zipline", basis: "split", source: 4, loaded: 4, merged: 0, rejected: 0 },
    ]);
    expect(first.inferredInstruments).toBe(2);
  });

  it("turns the split cell 4.0 into a 4-for-1 split and every other cell 1.0 into none", async () => {
    expect(first.splits).toEqual({ loaded: 1, merged: 0 });
    expect(await db().query("SELECT ticker, date::text AS date, numerator, denominator, ratio, source FROM splits")).toEqual([
      { ticker: "AAPL", date: "2020-08-31", numerator: 4, denominator: 1, ratio: 4, source: "csv" },
    ]);
  });

  it("stores dividends as the cash paid on the ex-date: adjusted amounts multiplied back by the later splits in the file", async () => {
    expect(first.dividends).toEqual({ loaded: 3, merged: 0 });
    const stored = await db().query(
      `SELECT ticker, ex_date::text AS ex_date, amount, source, to_char(fetched_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS fetched_at
       FROM dividends ORDER BY ticker, ex_date`,
    );
    expect(stored).toEqual([
      // 0.205 in the split-adjusted file, before the 4:1 split: $0.82 paid per share then.
      { ticker: "AAPL", ex_date: "2020-08-07", amount: 0.82, source: "csv", fetched_at: mtimeOf(`${DAILY}/AAPL.csv`) },
      { ticker: "AAPL", ex_date: "2020-11-06", amount: 0.205, source: "csv", fetched_at: mtimeOf(`${DAILY}/AAPL.csv`) },
      { ticker: "MSFT", ex_date: "2020-08-19", amount: 0.51, source: "csv", fetched_at: mtimeOf(`${DAILY}/MSFT.csv`) },
    ]);
  });

  it("stores the bars on the stated basis, without adj_close", async () => {
    const bars = await storedBars(db(), "AAPL");
    expect(bars).toHaveLength(11);
    expect(bars[2]).toEqual({
      date: "2020-08-07", timeframe: "1d", open: 113.205, high: 113.675, low: 110.2925, close: 111.1125, adj_close: null,
      volume: 198045600, source: "csv", price_basis: "split", fetched_at: mtimeOf(`${DAILY}/AAPL.csv`),
    });
  });

  it("the daily folder is the same source: a second run merges every bar, dividend and split", async () => {
    expect(again.files.map((f) => [f.file, f.source, f.loaded, f.merged, f.rejected])).toEqual([
      [`${DAILY}/AAPL.csv`, 11, 0, 11, 0],
      [`${DAILY}/MSFT.csv`, 4, 0, 4, 0],
    ]);
    expect(again.dividends).toEqual({ loaded: 0, merged: 3 });
    expect(again.splits).toEqual({ loaded: 0, merged: 1 });
    expect(again.inferredInstruments).toBe(0);
    expect(await tableCounts(db())).toEqual({ ohlcv_data: 15, dividends: 3, splits: 1, tickers: 2, migration_runs: 2, migration_rejects: 0 });
    const paths = await db().query("SELECT DISTINCT source_path FROM migration_runs");
    expect(paths).toEqual([{ source_path: DAILY }]);
  });
});

describeEachEngine("import-csv: zipline dividends on the raw basis are taken as paid", (db) => {
  let report: CsvImportReport;

  beforeAll(async () => {
    report = await importCsv({ dir: BUNDLE, database: db() });
  });

  it("defaults zipline files to raw and stores each amount as written", async () => {
    expect(report.files.map((f) => f.basis)).toEqual(["raw", "raw"]);
    expect(await db().query("SELECT ticker, ex_date::text AS ex_date, amount FROM dividends ORDER BY ticker, ex_date")).toEqual([
      { ticker: "AAPL", ex_date: "2020-08-07", amount: 0.205 },
      { ticker: "AAPL", ex_date: "2020-11-06", amount: 0.205 },
      { ticker: "MSFT", ex_date: "2020-08-19", amount: 0.51 },
    ]);
    expect(await db().query("SELECT DISTINCT price_basis FROM ohlcv_data")).toEqual([{ price_basis: "raw" }]);
  });
});
