/** Stored backtest runs: a report saved and read back identical, atomically, on every engine. */
import { expect, test } from "vitest";
import type { BacktestReport, BacktestTrade } from "../../src/backtest/report.ts";
import type { Database } from "../../src/db/index.ts";
import { repositories } from "../../src/repositories/index.ts";
import { describeEachEngine } from "../engines.ts";

const TABLES = ["strategies", "backtest_results", "portfolio_transactions", "portfolio_holdings", "backtest_equity"] as const;

async function counts(db: Database): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of TABLES) out[table] = (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0].n;
  return out;
}

const report: BacktestReport = {
  strategy: "factor-top",
  params: { factor: "momentum_12_1", n: 2, weighting: "equal", "long-short": false },
  from: "2024-01-02",
  to: "2024-01-08",
  instruments: 3,
  initialCash: 100_000,
  finalValue: 101_234.56789012,
  finalCash: 2_345.67890123,
  optimistic: false,
  metrics: {
    totalReturn: 0.0123456789012,
    annualReturn: 0.8765432101234567,
    annualVolatility: 0.21,
    sharpeRatio: Infinity,
    sortinoRatio: -Infinity,
    calmarRatio: null,
    maxDrawdown: -0.0312,
    hitRate: 2 / 3,
    turnover: 1.25,
    costs: 12.34567891,
  },
  trades: [
    { date: "2024-01-03", ticker: "AAA", region: "US", side: "buy", shares: 100, price: 123.45678901, commission: 1.23456789, slippage: 0.61728395, reason: "rebalance" },
    { date: "2024-01-03", ticker: "005930", region: "KR", side: "buy", shares: 2.5, price: 70_000, commission: 0, slippage: 8.75, reason: "rebalance" },
    { date: "2024-01-05", ticker: "AAA", region: "US", side: "sell", shares: 40, price: 130.1, commission: 1, slippage: 0.26, reason: "delisting" },
  ],
  equity: [
    { date: "2024-01-02", value: 100_000, cash: 100_000, grossExposure: 0, netExposure: 0 },
    { date: "2024-01-03", value: 99_990.1, cash: 0.1, grossExposure: 0.9999989999, netExposure: 0.9999989999 },
    { date: "2024-01-04", value: 100_512.34567890123, cash: 0.1, grossExposure: 1 / 3 + 0.6, netExposure: 1 / 3 + 0.6 },
    { date: "2024-01-05", value: 100_800.5, cash: 5_203.1, grossExposure: 0.9483839, netExposure: 0.9483839 },
    { date: "2024-01-08", value: 101_234.56789012, cash: 2_345.67890123, grossExposure: 0.97682885, netExposure: -0.1 },
  ],
  holdings: [
    { date: "2024-01-03", ticker: "AAA", region: "US", shares: 100, price: 124.5, value: 12_450, weight: 0.12451233 },
    { date: "2024-01-03", ticker: "005930", region: "KR", shares: 2.5, price: 70_100, value: 175_250, weight: 0.87548767 },
    { date: "2024-01-05", ticker: "AAA", region: "US", shares: 60, price: 130.2, value: 7_812, weight: 0.0774996 },
  ],
  config: {
    strategy: "factor-top",
    params: { factor: "momentum_12_1", n: 2, weighting: "equal", "long-short": false },
    universe: { tickers: ["AAA", "005930.KR", "ZZZ"] },
    from: "2024-01-02",
    to: "2024-01-08",
    rebalance: "month-end",
    driftBand: 0.005,
    initialCash: 100_000,
    fill: "next-open",
    shares: "fractional",
    priceBasis: "raw",
    commissionBps: 1,
    commissionPerShare: 0,
    commissionMin: 0,
    slippageBps: 0.5,
    impactK: null,
    maxParticipation: 0.1,
    borrowFeeBps: 0,
    allowLeverage: false,
    benchmark: "SPY.US",
  },
  data: { from: "2023-01-03", to: "2024-01-08", rows: 756 },
  codeVersion: "0.1.0+abc1234",
  notes: ["ZZZ delisted on 2024-01-05: position closed at its last close", "120 shares cancelled by the participation cap"],
};

const strategy = { name: "momentum top 2", kind: "factor-top", params: report.params };

describeEachEngine("stored backtest runs", (db) => {
  const r = () => repositories(db()).research;

  test("a saved report reads back identical, with its run id; the ledger and metric columns hold exact values", async () => {
    const runId = await r().saveBacktestReport(report, strategy);
    expect(await r().backtestReport(runId)).toEqual({ ...report, runId });
    expect(await counts(db())).toEqual({ strategies: 1, backtest_results: 1, portfolio_transactions: 3, portfolio_holdings: 3, backtest_equity: 5 });

    expect(await db().query("SELECT name, kind, parameters FROM strategies")).toEqual([
      { name: "momentum top 2", kind: "factor-top", parameters: report.params },
    ]);
    const [run] = await db().query(
      `SELECT strategy_kind, start_date, end_date, initial_capital, final_value, final_cash, total_return, annual_return,
              annual_volatility, sharpe, sortino, max_drawdown, calmar, win_rate, turnover, trade_count, equity_curve,
              metrics->'sharpeRatio' AS sharpe_json, metrics->'calmarRatio' AS calmar_json
         FROM backtest_results`,
    );
    expect(run).toEqual({
      strategy_kind: "factor-top", start_date: "2024-01-02", end_date: "2024-01-08", initial_capital: 100_000,
      final_value: 101_234.56789012, final_cash: 2_345.67890123, total_return: 0.0123456789012, annual_return: 0.8765432101234567,
      annual_volatility: 0.21, sharpe: null, sortino: null, max_drawdown: -0.0312, calmar: null, win_rate: 2 / 3, turnover: 1.25,
      trade_count: 3, equity_curve: null, sharpe_json: "Infinity", calmar_json: null,
    });
    expect(
      await db().query(
        `SELECT portfolio, backtest_id, source_key, ticker, side, quantity, price, amount, fee, tax, slippage, reason,
                to_char(ordered_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') AS ordered_at, executed_at = ordered_at AS same
           FROM portfolio_transactions ORDER BY id`,
      ),
    ).toEqual([
      { portfolio: `backtest:${runId}`, backtest_id: runId, source_key: `backtest:${runId}:0`, ticker: "AAA", side: "BUY", quantity: 100, price: 123.45678901, amount: 12_345.678901, fee: 1.23456789, tax: null, slippage: 0.61728395, reason: "rebalance", ordered_at: "2024-01-03 00:00:00", same: true },
      { portfolio: `backtest:${runId}`, backtest_id: runId, source_key: `backtest:${runId}:1`, ticker: "005930", side: "BUY", quantity: 2.5, price: 70_000, amount: 175_000, fee: 0, tax: null, slippage: 8.75, reason: "rebalance", ordered_at: "2024-01-03 00:00:00", same: true },
      { portfolio: `backtest:${runId}`, backtest_id: runId, source_key: `backtest:${runId}:2`, ticker: "AAA", side: "SELL", quantity: 40, price: 130.1, amount: 5_204, fee: 1, tax: null, slippage: 0.26, reason: "delisting", ordered_at: "2024-01-05 00:00:00", same: true },
    ]);
    expect(await db().query("SELECT portfolio, as_of_date, ticker, quantity, current_price, market_value, weight FROM portfolio_holdings ORDER BY id")).toEqual([
      { portfolio: `backtest:${runId}`, as_of_date: "2024-01-03", ticker: "AAA", quantity: 100, current_price: 124.5, market_value: 12_450, weight: 0.12451233 },
      { portfolio: `backtest:${runId}`, as_of_date: "2024-01-03", ticker: "005930", quantity: 2.5, current_price: 70_100, market_value: 175_250, weight: 0.87548767 },
      { portfolio: `backtest:${runId}`, as_of_date: "2024-01-05", ticker: "AAA", quantity: 60, current_price: 130.2, market_value: 7_812, weight: 0.0774996 },
    ]);
    expect(await r().backtestReport(runId + 1000)).toBeUndefined();
  });

  test("saving twice gives two runs under one strategy, which takes the latest kind and parameters", async () => {
    const before = await counts(db());
    const first = await r().saveBacktestReport(report, { ...strategy, name: "twice" });
    const second = await r().saveBacktestReport({ ...report, finalValue: 7 }, { name: "twice", kind: "equal-weight", params: { n: 3 } });
    expect(second).toBe(first + 1);
    expect(await counts(db())).toEqual({
      strategies: before.strategies + 1,
      backtest_results: before.backtest_results + 2,
      portfolio_transactions: before.portfolio_transactions + 6,
      portfolio_holdings: before.portfolio_holdings + 6,
      backtest_equity: before.backtest_equity + 10,
    });
    expect(await r().backtestReport(first)).toEqual({ ...report, runId: first });
    expect(await r().backtestReport(second)).toEqual({ ...report, finalValue: 7, runId: second });
    expect((await r().strategy("twice"))).toMatchObject({ kind: "equal-weight", parameters: { n: 3 } });
    const runs = await r().backtestRuns("twice");
    expect(runs.map(({ createdAt, ...rest }) => [rest, createdAt instanceof Date])).toEqual([
      [{ id: first, strategy: "twice", from: "2024-01-02", to: "2024-01-08", finalValue: 101_234.56789012, sharpe: null }, true],
      [{ id: second, strategy: "twice", from: "2024-01-02", to: "2024-01-08", finalValue: 7, sharpe: null }, true],
    ]);
    expect((await r().backtestRuns()).map((run) => run.strategy)).toEqual(["momentum top 2", "twice", "twice"]);
  });

  test("a failure while writing the ledger leaves nothing of the run in any table", async () => {
    const before = await counts(db());
    const broken = [...report.trades, { ...report.trades[0], ticker: null as unknown as string }] as BacktestTrade[];
    await expect(r().saveBacktestReport({ ...report, trades: broken }, { ...strategy, name: "never saved" })).rejects.toThrow(
      'null value in column "ticker" of relation "portfolio_transactions" violates not-null constraint',
    );
    // The equity is written last: a non-finite value fails there, after every other table was written.
    const nan = report.equity.map((e, i) => (i === 4 ? { ...e, netExposure: NaN } : e));
    await expect(r().saveBacktestReport({ ...report, equity: nan }, { ...strategy, name: "never saved" })).rejects.toThrow(
      "column net_exposure: non-finite number NaN",
    );
    expect(await counts(db())).toEqual(before);
    expect(await r().strategy("never saved")).toBeUndefined();
  });

  test("deleting a run deletes its equity, trades and holdings, and no other run's", async () => {
    const kept = await r().saveBacktestReport(report, { ...strategy, name: "cascade" });
    const deleted = await r().saveBacktestReport(report, { ...strategy, name: "cascade" });
    const before = await counts(db());
    await db().query("DELETE FROM backtest_results WHERE id = $1", [deleted]);
    expect(await counts(db())).toEqual({
      ...before,
      backtest_results: before.backtest_results - 1,
      portfolio_transactions: before.portfolio_transactions - 3,
      portfolio_holdings: before.portfolio_holdings - 3,
      backtest_equity: before.backtest_equity - 5,
    });
    expect(await r().backtestReport(deleted)).toBeUndefined();
    expect(await r().backtestReport(kept)).toEqual({ ...report, runId: kept });
  });

  test("a long run goes through the bulk path in order: 50,001 trades (a batch of 50,000 and one of 1), 2,520 equity points", async () => {
    const trades: BacktestTrade[] = Array.from({ length: 50_001 }, (_, i) => ({
      date: `20${10 + Math.floor(i / 5_000)}-0${1 + (i % 9)}-1${i % 10}`,
      ticker: `T${i % 997}`,
      region: i % 2 === 0 ? "US" : "KR",
      side: i % 3 === 0 ? "sell" : "buy",
      shares: i % 5 === 0 ? i + 0.125 : i,
      price: Math.round((10 + i / 7) * 1e8) / 1e8,
      commission: Math.round(i * 0.0123456789 * 1e8) / 1e8,
      slippage: Math.round(i * 0.00123456789 * 1e8) / 1e8,
      reason: i % 1000 === 999 ? "delisting" : "rebalance",
    }));
    const start = Date.UTC(2010, 0, 1);
    const equity = Array.from({ length: 2_520 }, (_, i) => ({
      date: new Date(start + i * 86_400_000).toISOString().slice(0, 10),
      value: 1e6 * (1 + Math.sin(i) / 10),
      cash: i / 3,
      grossExposure: Math.cos(i) ** 2,
      netExposure: Math.sin(i) / 3,
    }));
    const long = { ...report, trades, equity };
    const runId = await r().saveBacktestReport(long, { ...strategy, name: "long" });
    expect(await r().backtestReport(runId)).toEqual({ ...long, runId });
  }, 120_000);

  test("a run stored without a report (saveBacktest) is refused by name, not read back half-empty", async () => {
    const s = await r().saveStrategy({ name: "legacy" });
    const row = await r().saveBacktest({ strategyId: s.id, startDate: "2020-01-01", endDate: "2020-12-31", initialCapital: 1 });
    await expect(r().backtestReport(row.id)).rejects.toThrow(
      `backtest ${row.id} was stored without a report (its strategy_kind is empty): read its row with research.backtests(strategyId)`,
    );
  });
});
