/**
 * runBacktest end to end on seeded bars, both engines: closed forms (buy-and-hold of one instrument
 * is its price return less exact costs; equal weight of two rebalanced at the close compounds the
 * mean return), delisting, a saved run reading back identical, and bad requests leaving nothing
 * behind. Every run also passes the daily invariant (ledger.ts).
 */
import { beforeEach, expect, it } from "vitest";
import { runBacktest, type BacktestRequest } from "../../src/backtest/run-backtest.ts";
import { InputError } from "../../src/errors.ts";
import { repositories } from "../../src/repositories/index.ts";
import { weekdaysFrom } from "../../src/synthetic/index.ts";
import { describeEachEngine } from "../engines.ts";
import { clearTables, dayBar, expectLedgerInvariant, runTableCounts, storeBars } from "./ledger.ts";

const DATES = weekdaysFrom("2024-01-02", 5); // Tue 01-02 … Mon 01-08
const NO_ROWS = { strategies: 0, backtest_results: 0, portfolio_transactions: 0, portfolio_holdings: 0, backtest_equity: 0 };

describeEachEngine("runBacktest", (db) => {
  beforeEach(() => clearTables(db()));

  const run = async (request: Omit<BacktestRequest, "database">) => {
    const result = await runBacktest({ ...request, database: db() });
    expectLedgerInvariant(result);
    return result;
  };

  /** AAA closes 50, 51, 52, 53, 54 and opens half a unit below each close. */
  const storeAaa = () => storeBars(db(), DATES.map((date, k) => dayBar("AAA", date, 50 + k, { open: 49.5 + k })));

  it("buy-and-hold in whole shares: the largest count the cash pays for at open × (1 + s), the minimum commission, the price return", async () => {
    await storeAaa();
    const costs = { commissionBps: 10, commissionMin: 12, slippageBps: 10 };
    const { report } = await run({ strategy: "buy-and-hold", tickers: "AAA", from: DATES[0], to: DATES[4], cash: 10_000, ...costs });
    // Decided on 01-02's close, filled at 01-03's open 50.5 × 1.001. ⌊10,000 / 50.5⌋ = 198 shares would
    // cost 198 × 50.5505 + 12 = 10,020.999; 197 cost 9,958.4485 + max(12, 9.958…) = 9,970.4485.
    const fill = 50.5 * 1.001;
    expect(198 * fill + 12).toBeGreaterThan(10_000);
    expect(report.trades).toEqual([{ date: "2024-01-03", ticker: "AAA", region: "US", side: "buy", shares: 197, price: 50.5505, commission: 12, slippage: 9.9485, reason: "rebalance" }]);
    expect(report.finalCash).toBe(29.5515);
    expect(report.finalValue).toBe(29.5515 + 197 * 54);
    expect(report.equity.map((p) => p.value)).toEqual([10_000, 29.5515 + 197 * 51, 29.5515 + 197 * 52, 29.5515 + 197 * 53, 29.5515 + 197 * 54]);
    expect(report.metrics.commission).toBe(12);
    expect(report.metrics.slippage).toBeCloseTo(9.9485, 12);
    expect(report.metrics.costs).toBeCloseTo(21.9485, 12);
    expect(report.metrics.totalReturn).toBeCloseTo((29.5515 + 197 * 54) / 10_000 - 1, 14);
    expect(report.holdings).toEqual([{ date: "2024-01-03", ticker: "AAA", region: "US", shares: 197, price: 51, value: 197 * 51, weight: expect.closeTo((197 * 51) / (29.5515 + 197 * 51), 15) }]);
  });

  it("factor-top reads each region's latest computation: a name missing from it has no score, whatever the start", async () => {
    const dates = weekdaysFrom("2024-01-29", 40); // through 2024-03-22
    await storeBars(db(), ["AAA", "BBB", "CCC"].flatMap((ticker) => dates.map((date) => dayBar(ticker, date, 100))));
    const factorScores = repositories(db()).factorScores;
    const score = (date: string, ticker: string, value: number) => ({ ticker, region: "US", date, factorName: "mom", score: value });
    await factorScores.replace("mom", ["2024-01-31"], [score("2024-01-31", "AAA", 0), score("2024-01-31", "BBB", 1), score("2024-01-31", "CCC", 2)]);
    await factorScores.replace("mom", ["2024-02-29"], [score("2024-02-29", "AAA", 0), score("2024-02-29", "BBB", 1)]);
    const holding = async (from: string) => {
      const { report } = await run({ strategy: "factor-top", params: { factor: "mom", n: 1 }, tickers: "AAA,BBB,CCC", from, to: "2024-03-22", rebalance: "weekly" });
      return report.holdings.at(-1)?.ticker;
    };
    // CCC led the January computation but is missing from February's: from 02-29 on it has no score.
    expect(await holding("2024-02-01")).toBe("BBB");
    expect(await holding("2024-03-04")).toBe("BBB");
  });

  it("tells each step as it starts", async () => {
    await storeAaa();
    const steps: string[] = [];
    await run({ strategy: "buy-and-hold", tickers: "AAA", from: DATES[0], to: DATES[4], save: true, progress: (step) => steps.push(step) });
    expect(steps).toEqual(["resolving the universe", "loading the bars of 1 instruments", "deciding and simulating 5 days", "saving 1 trades and 5 equity points"]);
  });

  it("buy-and-hold in whole shares with a commission in bps above the minimum", async () => {
    await storeAaa();
    const { report } = await run({ strategy: "buy-and-hold", tickers: "AAA", from: DATES[0], to: DATES[4], cash: 100_000, commissionBps: 10, commissionMin: 12, slippageBps: 10 });
    const fill = 50.5 * 1.001;
    const costOf = (n: number) => n * fill * 1.001; // shares at the fill price plus 10 bps of it
    // 1,977 shares would cost 100,038.28…; 1,976 cost 99,987.68….
    expect([costOf(1976) <= 100_000, costOf(1977) <= 100_000]).toEqual([true, false]);
    expect(report.trades.map((t) => [t.shares, t.price, t.commission, t.slippage])).toEqual([[1976, 50.5505, 99.887788, 99.788]]);
    expect(report.finalCash).toBe(12.324212); // 100,000 − 1,976 × 50.5505 − 99.887788
    expect(report.finalValue).toBeCloseTo(100_000 - costOf(1976) + 1976 * 54, 8);
  });

  it("buy-and-hold in fractional shares: final value = cash × last close ÷ (open × (1 + s) × (1 + c))", async () => {
    await storeAaa();
    const { report, simulation } = await run({ strategy: "buy-and-hold", tickers: "AAA", from: DATES[0], to: DATES[4], cash: 10_000, shares: "fractional", commissionBps: 7, slippageBps: 25 });
    const expected = (10_000 * 54) / (50.5 * 1.0025 * 1.0007);
    expect(Math.abs(simulation.equity.value[4] / expected - 1)).toBeLessThan(1e-9);
    expect(Math.abs(simulation.finalShares[0] / (10_000 / (50.5 * 1.0025 * 1.0007)) - 1)).toBeLessThan(1e-9);
    expect(report.trades).toHaveLength(1);
    const [trade] = report.trades;
    expect(trade.price).toBe(50.62625); // 50.5 × 1.0025
    expect(trade.slippage).toBeCloseTo(trade.shares * 50.5 * 0.0025, 7);
    expect(trade.commission).toBeCloseTo(trade.shares * 50.62625 * 0.0007, 7);
  });

  it("equal weight of two at the close, daily, fractional: V_t = V_t−1 × (1 + ½ r1 + ½ r2) every day", async () => {
    const dates = weekdaysFrom("2024-03-01", 12);
    const a = [10, 10.4, 10.1, 10.9, 11.3, 10.2, 10.25, 10.8, 11.6, 11.1, 11.9, 12.4];
    const b = [80, 78.5, 81, 83.2, 82, 79.9, 84.4, 86, 85.1, 87.3, 86.6, 90];
    await storeBars(db(), [...dates.map((d, k) => dayBar("AAA", d, a[k], { open: a[k] * 0.99 })), ...dates.map((d, k) => dayBar("BBB", d, b[k], { open: b[k] * 1.01 }))]);
    const { report, simulation } = await run({ strategy: "equal-weight", tickers: "AAA,BBB", from: dates[0], to: dates[11], cash: 50_000, fill: "close", shares: "fractional", rebalance: "daily" });
    const value = simulation.equity.value;
    expect(Math.abs(value[0] / 50_000 - 1)).toBeLessThan(1e-12);
    for (let k = 1; k < dates.length; k++) {
      const expected = value[k - 1] * (1 + 0.5 * (a[k] / a[k - 1] - 1) + 0.5 * (b[k] / b[k - 1] - 1));
      expect(Math.abs(value[k] / expected - 1), dates[k]).toBeLessThan(1e-12);
    }
    expect(report.optimistic).toBe(true);
    expect(report.notes).toEqual(["fills at the deciding close (--fill close): optimistic, the decision's own price is traded"]);
    expect(report.trades.filter((t) => t.date === dates[0]).map((t) => [t.ticker, t.side])).toEqual([["AAA", "buy"], ["BBB", "buy"]]);
    expect(report.trades.every((t) => t.commission === 0 && t.slippage === 0)).toBe(true);
  });

  it("closes a position at its last close when the bars end or the delisting date passes; a gap is no delisting", async () => {
    const dates = weekdaysFrom("2024-01-02", 9); // 01-02 … 01-12
    await storeBars(db(), [
      ...dates.map((d, k) => dayBar("AAA", d, 100 + k)),
      ...dates.slice(0, 5).map((d, k) => dayBar("BBB", d, 20 + k)), // ends 01-08, nothing after
      ...dates.map((d, k) => dayBar("CCC", d, 30 + k)), // delisted 2024-01-06 (a Saturday), bars go on
      ...dates.flatMap((d, k) => (k === 2 || k === 3 ? [] : [dayBar("DDD", d, 40 + k)])), // gap 01-04, 01-05
      ...dates.slice(0, 7).map((d, k) => dayBar("EEE", d, 50 + k)), // ends 01-10 in the range …
      dayBar("EEE", "2024-01-16", 60), // … but trades after it
    ]);
    await repositories(db()).instruments.upsert([{ ticker: "CCC", region: "US", delistingDate: "2024-01-06" }]);
    const { report, market, simulation } = await run({ strategy: "buy-and-hold", tickers: "AAA,BBB,CCC,DDD,EEE", from: dates[0], to: dates[8], cash: 100_000 });
    expect(Array.from(market.delistRow)).toEqual([-1, 4, 3, -1, -1]);
    // 20,000 each at 01-03's open (= close): 101, 21, 31, 41, 51.
    const held = [101, 21, 31, 41, 51].map((p) => Math.trunc(20_000 / p));
    expect(held).toEqual([198, 952, 645, 487, 392]);
    expect(report.trades.map((t) => [t.date, t.ticker, t.side, t.shares, t.price, t.reason])).toEqual([
      ["2024-01-03", "AAA", "buy", 198, 101, "rebalance"],
      ["2024-01-03", "BBB", "buy", 952, 21, "rebalance"],
      ["2024-01-03", "CCC", "buy", 645, 31, "rebalance"],
      ["2024-01-03", "DDD", "buy", 487, 41, "rebalance"],
      ["2024-01-03", "EEE", "buy", 392, 51, "rebalance"],
      ["2024-01-05", "CCC", "sell", 645, 33, "delisting"],
      ["2024-01-08", "BBB", "sell", 952, 24, "delisting"],
    ]);
    expect(report.trades.slice(5).every((t) => t.commission === 0 && t.slippage === 0)).toBe(true);
    expect(report.notes).toEqual(["positions closed at the last close on delisting: CCC.US on 2024-01-05, BBB.US on 2024-01-08"]);
    expect(Array.from(simulation.finalShares)).toEqual([198, 0, 0, 487, 392]);
    const cash = 100_000 - (198 * 101 + 952 * 21 + 645 * 31 + 487 * 41 + 392 * 51) + 645 * 33 + 952 * 24;
    expect(report.finalCash).toBe(cash);
    // EEE is marked at its last close in the range (01-10: 56), DDD at 01-12's 48.
    expect(report.finalValue).toBe(cash + 198 * 108 + 487 * 48 + 392 * 56);
    // The delistings close two round trips: CCC 645 × (33 − 31), BBB 952 × (24 − 21).
    expect([report.metrics.roundTrips, report.metrics.hitRate, report.metrics.averageWin]).toEqual([2, 1, (645 * 2 + 952 * 3) / 2]);
  });

  it("a 3:2 split in whole shares pays the half share in cash, and the round trip it belongs to counts it", async () => {
    const dates = weekdaysFrom("2024-01-02", 7); // 01-02 … 01-10
    await storeBars(db(), dates.map((d, k) => dayBar("AAA", d, [100, 100, 70, 72, 74, 75, 75][k])));
    await db().query("INSERT INTO splits (ticker, region, date, numerator, denominator, ratio, source) VALUES ('AAA', 'US', '2024-01-04', 3, 2, 1.5, 'test')");
    await repositories(db()).instruments.upsert([{ ticker: "AAA", region: "US", delistingDate: "2024-01-08" }]);
    const { report, simulation } = await run({ strategy: "buy-and-hold", tickers: "AAA", from: dates[0], to: dates[5], cash: 950 });
    // 9 shares at 100 on 01-03; 13.5 after the split: 13 kept, ½ × 100 ÷ 1.5 paid; 13 sold at 74 on delisting.
    expect(report.trades.map((t) => [t.date, t.side, t.shares, t.price, t.reason])).toEqual([
      ["2024-01-03", "buy", 9, 100, "rebalance"],
      ["2024-01-08", "sell", 13, 74, "delisting"],
    ]);
    expect(simulation.finalCash).toBeCloseTo(50 + 0.5 * (100 / 1.5) + 13 * 74, 10);
    expect([report.metrics.roundTrips, report.metrics.hitRate]).toEqual([1, 1]);
    expect(report.metrics.averageWin).toBeCloseTo(-900 + 0.5 * (100 / 1.5) + 13 * 74, 10);
  });

  it("saves a run that reads back identical", async () => {
    await storeAaa();
    const { report } = await run({ strategy: "equal-weight", tickers: "AAA", from: DATES[0], to: DATES[4], cash: 10_000, rebalance: "daily", commissionBps: 5, save: true });
    expect(report.runId).toEqual(expect.any(Number));
    expect(await repositories(db()).research.backtestReport(report.runId!)).toEqual(report);
    expect(await runTableCounts(db())).toEqual({ strategies: 1, backtest_results: 1, portfolio_transactions: report.trades.length, portfolio_holdings: report.holdings.length, backtest_equity: 5 });
  });

  it.each([
    ["an unknown strategy", { strategy: "momentum" }, 'unknown strategy "momentum" (one of buy-and-hold, equal-weight, factor-top, optimizer, sma-cross)'],
    ["an unknown parameter", { strategy: "sma-cross", params: { window: 5 } }, 'sma-cross has no parameter "window" (its parameters: period, size, percent)'],
    ["n and quantile both", { strategy: "factor-top", params: { factor: "momentum_12_1", n: 2, quantile: 0.5 } }, "factor-top: give n or quantile, not both"],
    ["from after to", { from: DATES[4], to: DATES[0] }, "--from 2024-01-08 is after --to 2024-01-02; swap them"],
    ["an empty universe", { tickers: undefined, region: "KR" }, "empty universe: no instrument of region KR has daily bars in 2024-01-02..2024-01-08"],
    ["no bars in the range", { from: "2023-06-01", to: "2023-06-30" }, "no daily bars in 2023-06-01..2023-06-30 for AAA.US: check the tickers and range, or import their bars"],
  ] as const)("refuses %s with one line and saves nothing", async (_, change, message) => {
    await storeAaa();
    const request = { strategy: "buy-and-hold", tickers: "AAA", from: DATES[0], to: DATES[4], save: true, database: db(), ...change };
    await expect(runBacktest(request)).rejects.toThrow(new InputError(message));
    await expect(runBacktest(request)).rejects.toBeInstanceOf(InputError);
    expect(await runTableCounts(db())).toEqual(NO_ROWS);
  });
});
