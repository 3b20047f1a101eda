/**
 * Factor-portfolio backtest: would holding the demo market's best-scored fifth by rsi_14 (the price
 * factor with the highest rank IC in factor-study.ts), rebalanced at each month-end, have beaten
 * simply holding every name in equal weight?
 *
 * The factor-top strategy reads stored scores, so step 1 runs the factor job (runFactorJob: month-end
 * scores of rsi_14 in KR, replaced in factor_scores; rerunning replaces the same rows). Both
 * portfolios then run on the same universe, dates, fills and costs (next-open fills, fractional
 * shares, 5 bps commission and 5 bps slippage), each against the KR ETF 069500 as the benchmark of
 * its tear sheet; the comparison of the two is the table in step 3.
 *
 * Run: npx tsx notebooks/factor-portfolio-backtest.ts [--out DIR]   (on the demo database: npm run demo)
 */
import { runFactorJob } from "../src/factors/jobs/factor-job.ts";
import { DEMO, runNotebook } from "./lib/notebook.ts";

const FACTOR = "rsi_14";
/** Month-ends from here, so the score of the month-end before the first trading day exists. */
const SCORES_FROM = "2024-11-01";
const COMMON = { ...DEMO, rebalance: "month-end", shares: "fractional", commissionBps: 5, slippageBps: 5, benchmark: "069500.KR" } as const;

runNotebook("factor-portfolio-backtest", "The top quintile by rsi_14, rebalanced monthly, against equal weight on the demo market.", async (nb) => {
  nb.step(`Store month-end ${FACTOR} scores in ${DEMO.region} (${SCORES_FROM} … ${DEMO.to})`);
  const job = await runFactorJob(nb.database, { factors: [FACTOR], region: DEMO.region, from: SCORES_FROM, to: DEMO.to, monthEnds: true });
  nb.show("factor job", { rows: job.rows, ...job.regions[0], notes: job.notes });

  nb.step("Backtest the top quintile (factor-top) and equal weight on the same terms");
  const factorRun = await nb.backtest({ ...COMMON, strategy: "factor-top", params: { factor: FACTOR, quantile: 0.2 } });
  const equalRun = await nb.backtest({ ...COMMON, strategy: "equal-weight" });

  nb.step("Compare");
  const row = (name: string, run: typeof factorRun) => {
    const m = run.report.metrics;
    return { portfolio: name, finalValue: run.report.finalValue, totalReturn: m.totalReturn, annualVolatility: m.annualVolatility, sharpe: m.sharpeRatio, maxDrawdown: m.maxDrawdown, turnover: m.turnover, trades: run.report.trades.length };
  };
  nb.show("portfolios", [row(`top quintile by ${FACTOR}`, factorRun), row("equal weight", equalRun)]);
  nb.show("factor portfolio final value", factorRun.report.finalValue);
  nb.show("equal weight final value", equalRun.report.finalValue);
  nb.show("excess total return (factor − equal weight)", (factorRun.report.metrics.totalReturn ?? NaN) - (equalRun.report.metrics.totalReturn ?? NaN));

  nb.step("Tear sheets");
  await nb.report(factorRun, `factor-portfolio-${FACTOR}.html`);
  await nb.report(equalRun, "factor-portfolio-equal-weight.html");
});
