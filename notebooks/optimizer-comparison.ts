/**
 * Optimizer comparison: on the same stocks, how do minimum volatility, maximum Sharpe ratio and
 * hierarchical risk parity (HRP) weight them, and how did each portfolio then do on months it had
 * not seen?
 *
 * Universe: the demo market's stocks (KR, asset type STOCK) with a bar on every trading day of 2025. Each method is fitted once on the
 * estimation window (2025-01-02 … 2025-04-30: daily closes, CAGR expected returns, sample
 * covariance, long-only weights of at most 20% for the two mean-variance methods; HRP is long-only
 * and fully invested by construction). Each portfolio's weights are then held fixed out of sample
 * (2025-05-01 … 2025-10-10) with weightsStrategy, a strategy holding given weights, rebalanced back
 * to them at each month-end, beside equal weight on the same stocks, all with next-open fills,
 * fractional shares and 5 bps commission. Out of sample is the honest test: in sample, max-Sharpe
 * wins by construction.
 *
 * Run: npx tsx notebooks/optimizer-comparison.ts [--out DIR]   (on the demo database: npm run demo)
 */
import { weightsStrategy } from "../src/backtest/strategies/weights.ts";
import type { Method } from "../src/optimize/index.ts";
import { DEMO, runNotebook } from "./lib/notebook.ts";

const ESTIMATION = { from: DEMO.from, to: "2025-04-30" };
const HOLDING = { from: "2025-05-01", to: DEMO.to };
const METHODS: readonly Method[] = ["min-volatility", "max-sharpe", "hrp"];
const TERMS = { ...HOLDING, rebalance: "month-end", shares: "fractional", commissionBps: 5 } as const;

runNotebook("optimizer-comparison", "Min-volatility, max-Sharpe and HRP weights on the demo market's stocks, each backtested out of sample.", async (nb) => {
  nb.step(`The universe: ${DEMO.region} stocks`);
  // Stocks with a bar on every trading day of both windows, so every method sees the same returns.
  const stocks = await nb.sql<{ ticker: string }>`
    SELECT t.ticker FROM tickers t JOIN ohlcv_data p ON p.ticker = t.ticker AND p.region = t.region AND p.timeframe = ${"1d"}
    WHERE t.region = ${DEMO.region} AND t.asset_type = ${"STOCK"} AND p.date BETWEEN ${ESTIMATION.from}::date AND ${HOLDING.to}::date
    GROUP BY t.ticker HAVING count(*) = (SELECT count(DISTINCT date) FROM ohlcv_data
      WHERE region = ${DEMO.region} AND timeframe = ${"1d"} AND date BETWEEN ${ESTIMATION.from}::date AND ${HOLDING.to}::date)
    ORDER BY t.ticker`;
  const tickers = stocks.map((s) => `${s.ticker}.${DEMO.region}`);
  console.log(`${tickers.length} stocks: ${tickers.join(", ")}`);

  nb.step(`Fit each method on ${ESTIMATION.from} … ${ESTIMATION.to}`);
  const runs = [];
  for (const method of METHODS) {
    const bounds = method === "hrp" ? undefined : { constraints: { bounds: [0, 0.2] as [number, number] } };
    runs.push(await nb.optimize({ method, tickers, ...ESTIMATION, priceField: "close", ...bounds }));
  }
  nb.show(
    "in sample (annualised)",
    runs.map(({ result }) => ({
      method: result.method,
      expectedReturn: result.performance.expectedReturn,
      volatility: result.performance.volatility,
      sharpe: result.performance.sharpe,
      names: result.weights.filter((w) => w > 1e-6).length,
      largest: Math.max(...result.weights),
    })),
  );

  nb.step(`Hold each portfolio's weights on ${HOLDING.from} … ${HOLDING.to}, beside equal weight`);
  const backtests = [];
  for (const { result } of runs) {
    // One row of weights dated the estimation's last day: every later decision holds it.
    const weights = { dates: [ESTIMATION.to], tickers: [...result.tickers], values: Float64Array.from(result.weights) };
    backtests.push(await nb.backtest({ ...TERMS, tickers, strategy: weightsStrategy(weights, result.method) }));
  }
  backtests.push(await nb.backtest({ ...TERMS, tickers, strategy: "equal-weight" }));
  nb.show(
    "out of sample",
    backtests.map(({ report }) => ({
      portfolio: report.strategy,
      finalValue: report.finalValue,
      totalReturn: report.metrics.totalReturn,
      annualVolatility: report.metrics.annualVolatility,
      sharpe: report.metrics.sharpeRatio,
      maxDrawdown: report.metrics.maxDrawdown,
    })),
  );
  for (const { report } of backtests) nb.show(`${report.strategy} final value`, report.finalValue);

  nb.step("Reports: an optimization report per method, a backtest tear sheet per portfolio");
  for (const run of runs) await nb.report(run, `optimizer-${run.result.method}.html`);
  for (const run of backtests) await nb.report(run, `optimizer-backtest-${run.report.strategy}.html`);
});
