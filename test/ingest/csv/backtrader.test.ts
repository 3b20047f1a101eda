import { beforeAll, expect, it } from "vitest";
import { importCsv, type CsvImportReport } from "../../../src/ingest/csv/index.ts";
import { describeEachEngine } from "../../engines.ts";
import { fixture, mtimeOf, storedBars } from "./fixtures.ts";

const FILE = fixture("backtrader/2006-day-001.txt");

describeEachEngine("import-csv: a backtrader data file", (db) => {
  let daily: CsvImportReport;
  let restated: CsvImportReport;

  beforeAll(async () => {
    daily = await importCsv({ file: FILE, ticker: "ESTX50", region: "EU", database: db() });
    restated = await importCsv({ file: FILE, ticker: "ESTX50", region: "EU", format: "backtrader", basis: "total", timeframe: "1w", database: db() });
  });

  it("takes the ticker and region given, the raw basis by default, and loads every row", () => {
    expect(daily.files).toEqual([
      { file: FILE, ticker: "ESTX50", region: "EU", format: "backtrader", basis: "raw", source: 8, loaded: 8, merged: 0, rejected: 0 },
    ]);
  });

  it("stores OHLCV as written; OpenInterest has no column and is not stored", async () => {
    const bars = (await storedBars(db(), "ESTX50", "EU")).filter((b) => b.timeframe === "1d");
    expect(bars).toHaveLength(8);
    expect(bars[0]).toEqual({
      date: "2006-01-02", timeframe: "1d", open: 3578.73, high: 3605.95, low: 3578.73, close: 3604.33, adj_close: null,
      volume: 0, source: "csv", price_basis: "raw", fetched_at: mtimeOf(FILE),
    });
  });

  it("creates the instrument without a currency for a region it has none for", async () => {
    expect(await db().query("SELECT ticker, region, currency, is_inferred, data_source FROM tickers")).toEqual([
      { ticker: "ESTX50", region: "EU", currency: null, is_inferred: true, data_source: "csv" },
    ]);
  });

  it("records the basis and timeframe the user states", async () => {
    expect(restated.files[0]).toMatchObject({ basis: "total", loaded: 8, merged: 0 });
    expect(restated.timeframe).toBe("1w");
    expect(await db().query("SELECT timeframe, price_basis, count(*)::int AS n FROM ohlcv_data GROUP BY 1, 2 ORDER BY 1")).toEqual([
      { timeframe: "1d", price_basis: "raw", n: 8 },
      { timeframe: "1w", price_basis: "total", n: 8 },
    ]);
  });
});
