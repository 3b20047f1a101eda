/**
 * Walk-forward of sma-cross: does choosing the moving average's length on past data pick one that
 * keeps working on the next, unseen stretch, or does the choice overfit?
 *
 * runWalkForward (the workspace's `walkForward`) splits the demo market's trading days into rolling
 * folds (train 104 days, then test 33: the 203 trading days of 2025 in three equal folds), picks on each train window the period with the best Sharpe
 * ratio, runs it on the test window and stitches the test windows into one out-of-sample run. The
 * deflated Sharpe ratio (is the stitched Sharpe more than the best of this many tries would give by
 * luck?) and the probability of backtest overfitting (how often the in-sample winner ranks in the
 * bottom half out of sample) judge the search. Each position takes 5% of equity (20 names at most
 * at once), next-open fills, fractional shares, 5 bps commission.
 *
 * Run: npx tsx notebooks/walk-forward-sma.ts [--out DIR]   (on the demo database: npm run demo)
 */
import { DEMO, runNotebook } from "./lib/notebook.ts";

runNotebook("walk-forward-sma", "A walk-forward of sma-cross's period on the demo market, with its overfitting statistics.", async (nb) => {
  nb.step("Search period ∈ {10, 20, 30, 50} on rolling folds: train 104 trading days, test 33");
  const run = await nb.walkForward({
    ...DEMO,
    strategy: "sma-cross",
    grid: ["period=10,20,30,50"],
    params: { percent: 5 },
    train: 104,
    test: 33,
    partitions: 8,
    shares: "fractional",
    commissionBps: 5,
  });
  const { report } = run;

  nb.step("The chosen period per fold, in and out of sample");
  nb.show(
    "folds",
    report.folds.map((f) => ({ fold: f.fold, test: `${f.testStart} … ${f.testEnd}`, period: f.params.period, isSharpe: f.isSharpe, oosSharpe: f.oosSharpe, oosReturn: f.oosReturn, buyAndHold: f.oosBuyAndHoldReturn })),
  );

  nb.step("The stitched out-of-sample run and the overfitting statistics");
  nb.show("out of sample", report.oos);
  nb.show("out-of-sample total return", report.oos.totalReturn);
  nb.show("walk-forward efficiency", report.walkForwardEfficiency);
  nb.show("deflated Sharpe ratio", report.deflatedSharpe.dsr);
  nb.show("probability of backtest overfitting", report.pbo.pbo);
  const percent = (x: number) => `${(x * 100).toFixed(0)}%`;
  console.log(`reading: in ${percent(report.pbo.pbo)} of the ${report.pbo.combinations} train/test splits of the search the in-sample winner ranked in the bottom half out of sample; the deflated Sharpe ratio says the stitched run's Sharpe beats luck with probability ${percent(report.deflatedSharpe.dsr)}`);
  for (const note of report.notes) console.log(`note: ${note}`);

  nb.step("Walk-forward report");
  await nb.report(run, "walk-forward-sma-cross.html");
});
