/**
 * The public API (src/index.ts) as a researcher uses it: one import, a database, an import, a panel, a
 * factor analysis and an optimisation, each one call.
 */
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import * as api from "../src/index.ts";
import { describeEachEngine } from "./engines.ts";

const AAPL_CSV = fileURLToPath(new URL("./fixtures/csv/yahoo/AAPL.csv", import.meta.url));

it("names each entry point a script calls", () => {
  const entryPoints = [
    "openDatabase",
    "repositories",
    "migrateDatabase",
    "migrateFromSqlite",
    "validatePhase1",
    "fetchYahoo",
    "importCsv",
    "migrateFromHdf5",
    "migrateCsvSessions",
    "exportKiteHdf5",
    "runFactorJob",
    "scheduleFactorJob",
    "reportStoredFactor",
    "analyzeFactor",
    "runOptimization",
    "optimizePortfolio",
    "runBacktest",
    "simulate",
    "fromSignals",
    "walkForwardSplits",
    "probabilisticSharpeRatio",
    "deflatedSharpeRatio",
    "probabilityOfBacktestOverfitting",
    "runWalkForward",
    "runSweepWorker",
    "computeIndicators",
    "computeSessionIndicators",
    "indicatorSeries",
    "parseIndicators",
    "replaySession",
    "runTickBacktest",
    "createSessionsApp",
    "serveSessions",
  ] as const;
  expect(entryPoints.filter((name) => typeof api[name] !== "function")).toEqual([]);
});

describeEachEngine("public API walk-through", (db) => {
  it("imports a CSV, reads it back as a panel and as adjusted bars, inside and outside a transaction", async () => {
    const database = db();
    const report = await api.importCsv({ file: AAPL_CSV, database });
    // 10 data rows, one of them Yahoo's all-null row (no close: rejected).
    expect(report.files.map(({ ticker, region, format, source, loaded, merged, rejected }) => ({ ticker, region, format, source, loaded, merged, rejected }))).toEqual([
      { ticker: "AAPL", region: "US", format: "yahoo", source: 10, loaded: 9, merged: 0, rejected: 1 },
    ]);

    const repos = api.repositories(database);
    const panel = await repos.prices.panel({ field: "close", from: "2020-01-01", to: "2020-12-31", region: "US" });
    expect(panel.tickers).toEqual(["AAPL"]);
    expect(panel.dates.length).toBe(9);
    expect(panel.values[panel.values.length - 1]).toBe(120.959999);
    const inTransaction = await database.transaction((tx) => api.repositories(tx).prices.panel({ field: "close", from: "2020-01-01", to: "2020-12-31", region: "US" }));
    expect(inTransaction).toEqual(panel);

    // The latest close is the panel's last row: the verb and the repository agree.
    expect(api.lastValid(panel)[0]).toBe(panel.values[panel.values.length - 1]);
  });

  it("fails bad input as one InputError with its code", async () => {
    const err = await api.importCsv({ file: "/nonexistent/prices.csv", database: db() }).catch((e: unknown) => e);
    expect(api.isExpectedError(err)).toBe(true);
    expect((err as api.PlatformError).code).toBe("bad-input");
  });
});

it("analyses a synthetic factor and optimises on synthetic prices, seeded", () => {
  const closes = api.randomClosePanel(api.numberedTickers(30, "T", 2), api.weekdaysFrom("2020-01-01", 300), 7);
  const reversal = api.factorByName("reversal_1m").compute({ closes });
  const report = api.analyzeFactor(reversal, closes, { horizons: [5] });
  expect(report.horizons.map((h) => h.horizon)).toEqual([5]);
  // 300 dates less the 21-day lookback less the 5-day horizon leave 274 cross-sections with an IC.
  expect(report.horizons[0].ic.count).toBe(274);

  const prices = api.selectColumns(closes, [0, 1, 2, 3, 4]);
  const result = api.optimizePortfolio(prices, { method: "min-volatility" });
  const total = result.weights.reduce((a, b) => a + b, 0);
  expect(total).toBeCloseTo(1, 12);
  expect(result.tickers).toEqual(closes.tickers.slice(0, 5));
});
