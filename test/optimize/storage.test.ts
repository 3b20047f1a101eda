/**
 * The optimiser's database touch points on every engine: a price panel for a universe
 * (adjusted closes, NaN where a bar is missing) and a result recorded in optimization_history.
 */
import { expect, test } from "vitest";
import { InputError } from "../../src/errors.ts";
import { optimizePortfolio } from "../../src/optimize/index.ts";
import { parseInstruments } from "../../src/optimize/run-optimization.ts";
import { loadPricesFromDatabase, saveOptimization } from "../../src/optimize/storage.ts";
import { pricesRepository, researchRepository } from "../../src/repositories/index.ts";
import { describeEachEngine } from "../engines.ts";
import { bar, days } from "../fixtures.ts";

describeEachEngine("optimize storage", (db) => {
  test("loads adjusted closes as a panel and records an optimisation", async () => {
    const dates = days("2024-03-01", 6);
    const closes = { AAA: [10, 11, 10.5, 12, 12.5, 13], BBB: [20, 19, 21, 20, 22, 21] };
    await pricesRepository(db()).upsertBars([
      ...dates.map((d, i) => bar("AAA", "US", d, closes.AAA[i] + 1, { adjClose: closes.AAA[i] })),
      ...dates.filter((_, i) => i !== 2).map((d) => bar("BBB", "US", d, 0, { adjClose: closes.BBB[dates.indexOf(d)] })),
    ]);
    const panel = await loadPricesFromDatabase(
      db(),
      [
        { ticker: "BBB", region: "US" },
        { ticker: "AAA", region: "US" },
      ],
      dates[0],
      dates[5],
    );
    expect(panel.dates).toEqual(dates);
    expect(panel.tickers).toEqual(["BBB", "AAA"]);
    expect(Array.from(panel.values)).toEqual([20, 10, 19, 11, NaN, 10.5, 20, 12, 22, 12.5, 21, 13]);

    const result = optimizePortfolio(panel, { method: "min-volatility" });
    const saved = await saveOptimization(db(), result, { returnsModel: "cagr", riskModel: "sample", from: dates[0], to: dates[5], parameters: { bounds: "0,1" } });
    const [row] = await researchRepository(db()).optimizations(1);
    expect(row.id).toBe(saved.id);
    expect(row).toMatchObject({
      method: "min-volatility",
      returnsModel: "cagr",
      riskModel: "sample",
      tickers: ["BBB", "AAA"],
      fromDate: dates[0],
      toDate: dates[5],
      parameters: { bounds: "0,1" },
      weights: { BBB: result.weights[0], AAA: result.weights[1] },
      expectedReturn: result.performance.expectedReturn,
      volatility: result.performance.volatility,
      sharpe: result.performance.sharpe,
    });
  });

  test("an instrument with no price in the range says why: bars without adj_close, or no bars under the name as read", async () => {
    const dates = days("2024-03-01", 6);
    // As the SQLite loader writes them: closes, no adjusted close.
    await pricesRepository(db()).upsertBars(dates.map((d, i) => bar("BRK.B", "US", d, 400 + i)));
    const load = (tickers: string, field?: "adj_close" | "close") => loadPricesFromDatabase(db(), parseInstruments(tickers, "US"), dates[0], dates[5], field);
    await expect(load("BRK.B.US")).rejects.toThrow(
      new InputError("BRK.B in region US has 6 daily bars from 2024-03-01 to 2024-03-06 but none has an adj_close (bars loaded from SQLite carry no adjusted close); use --price-field close"),
    );
    await expect(load("BRK.B")).rejects.toThrow(
      new InputError(
        "no daily bars for BRK in region B from 2024-03-01 to 2024-03-06; check the ticker, --region and the dates; a name is read as TICKER.REGION at its last dot, so write BRK.B.US for the ticker BRK.B in US",
      ),
    );
    await expect(load("NOPE")).rejects.toThrow(new InputError("no daily bars for NOPE in region US from 2024-03-01 to 2024-03-06; check the ticker, --region and the dates"));
    const closes = await load("BRK.B.US", "close");
    expect([closes.tickers, Array.from(closes.values)]).toEqual([["BRK.B"], [400, 401, 402, 403, 404, 405]]);
  });
});
