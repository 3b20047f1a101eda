import { beforeAll, expect, it } from "vitest";
import { importCsv, type CsvImportReport } from "../../../src/ingest/csv/index.ts";
import { describeEachEngine } from "../../engines.ts";
import { fixture, mtimeOf, storedBars, tableCounts } from "./fixtures.ts";

const AAPL = fixture("yahoo/AAPL.csv");

describeEachEngine("import-csv: a Yahoo Finance download with a null row", (db) => {
  let dry: CsvImportReport;
  let countsAfterDryRun: Record<string, number>;
  let first: CsvImportReport;
  let second: CsvImportReport;

  beforeAll(async () => {
    dry = await importCsv({ file: AAPL, database: db(), dryRun: true });
    countsAfterDryRun = await tableCounts(db());
    first = await importCsv({ file: AAPL, database: db() });
    second = await importCsv({ file: AAPL, database: db() });
  });

  it("recognises the layout, defaults to the split basis and balances: 10 rows = 9 loaded + 1 rejected", () => {
    expect(first.files).toEqual([
      { file: AAPL, ticker: "AAPL", region: "US", format: "yahoo", basis: "split", source: 10, loaded: 9, merged: 0, rejected: 1 },
    ]);
    expect(first).toMatchObject({ dryRun: false, resumed: false, timeframe: "1d", inferredInstruments: 1 });
    expect(first.dividends).toEqual({ loaded: 0, merged: 0 });
    expect(first.splits).toEqual({ loaded: 0, merged: 0 });
  });

  it("stores the bars as written: Close split-adjusted, Adj Close as adj_close, fetched_at the file's mtime", async () => {
    const bars = await storedBars(db(), "AAPL");
    expect(bars.map((b) => b.date)).toEqual([
      "2020-08-24", "2020-08-25", "2020-08-26", "2020-08-27", "2020-08-31", "2020-09-01", "2020-09-02", "2020-09-03", "2020-09-04",
    ]);
    expect(bars[4]).toEqual({
      date: "2020-08-31", timeframe: "1d", open: 127.580002, high: 131, low: 126, close: 129.039993, adj_close: 126.547234,
      volume: 225702700, source: "csv", price_basis: "split", fetched_at: mtimeOf(AAPL),
    });
  });

  it("rejects the null row with its reason and keeps it whole", async () => {
    const rejects = await db().query(
      "SELECT source_table, source_row_id, reason, row FROM migration_rejects WHERE run_id = $1",
      [first.runId],
    );
    expect(rejects).toEqual([{
      source_table: "AAPL.csv",
      source_row_id: "6",
      reason: "Close: missing required value",
      row: { Date: "2020-08-28", Open: "null", High: "null", Low: "null", Close: "null", "Adj Close": "null", Volume: "null" },
    }]);
  });

  it("creates the missing instrument, marked inferred, with the region's currency", async () => {
    expect(await db().query("SELECT ticker, region, currency, is_inferred, data_source FROM tickers")).toEqual([
      { ticker: "AAPL", region: "US", currency: "USD", is_inferred: true, data_source: "csv" },
    ]);
  });

  it("records each run in migration_runs with the same accounting", async () => {
    const runs = await db().query<{ id: number; source_path: string; source_layout: string; status: string; tables: unknown; inferred_instruments: number }>(
      "SELECT id, source_path, source_layout, status, tables, inferred_instruments FROM migration_runs ORDER BY id",
    );
    expect(runs).toEqual([
      { id: first.runId, source_path: AAPL, source_layout: "csv", status: "completed", tables: { "AAPL.csv": { source: 10, loaded: 9, merged: 0, rejected: 1 } }, inferred_instruments: 1 },
      { id: second.runId, source_path: AAPL, source_layout: "csv", status: "completed", tables: { "AAPL.csv": { source: 10, loaded: 0, merged: 9, rejected: 1 } }, inferred_instruments: 0 },
    ]);
  });

  it("reloads idempotently: everything merged, nothing new", async () => {
    expect(second.files[0]).toMatchObject({ source: 10, loaded: 0, merged: 9, rejected: 1 });
    expect(second.inferredInstruments).toBe(0);
    expect(await tableCounts(db())).toEqual({ ohlcv_data: 9, dividends: 0, splits: 0, tickers: 1, migration_runs: 2, migration_rejects: 2 });
  });

  it("dry run: reports what the real run then did, and writes nothing", () => {
    expect(dry.dryRun).toBe(true);
    expect(dry.files).toEqual(first.files);
    expect(dry.inferredInstruments).toBe(1);
    expect(countsAfterDryRun).toEqual({ ohlcv_data: 0, dividends: 0, splits: 0, tickers: 0, migration_runs: 0, migration_rejects: 0 });
  });
});
