/**
 * The walk-forward report: the folds on a timeline (train and test windows), IS vs OOS Sharpe per fold,
 * the stitched out-of-sample equity against buy-and-hold, the parameters chosen on each fold, and the
 * deflated Sharpe ratio and PBO, each with one sentence saying what the number means.
 *
 * Input: a run from runWalkForward (report, plan and every trial's result) or its report alone. The
 * tables show the report's numbers (what `scripts/walk-forward.ts --json` prints). The stitched curve
 * chains each fold's chosen test equity from the initial cash, as the report's `oos` figures do
 * (summary.ts stitchEquity), on the out-of-sample trading days counted from 1 (the run carries the
 * test windows' lengths, not their dates). Buy-and-hold is known per fold (its total return over the
 * test window), so it is drawn chained at each fold's last day: cash × Π(1 + oosBuyAndHoldReturn);
 * the strategy's own fold-end points are cash × Π(1 + oosReturn). Without the run, only those
 * fold-end points are drawn.
 */
import type { WalkForwardReport, WalkForwardRun } from "../walk-forward/run-walk-forward.ts";
import { finiteOrNull } from "./chart.ts";
import { figure, formatNumber, formatPercent, keyValues, notes, page, paragraph, section, table, WIDE_CHART_WIDTH, type Cell } from "./html.ts";
import type { ChartSpec } from "./chart.ts";
import { bars } from "./specs.ts";

export interface WalkForwardFigures {
  readonly timeline: { fold: string; window: string; start: string; end: string }[];
  readonly sharpe: { fold: string; series: string; value: number | null }[];
  /** Out-of-sample day (1-based) and value; `series` is "strategy" (daily) or the fold-end chains. */
  readonly equity: { day: number; series: string; value: number | null }[];
}

const CASH_UNKNOWN = 1;

export function walkForwardFigures(input: WalkForwardRun | WalkForwardReport): WalkForwardFigures {
  const report = "plan" in input ? input.report : input;
  const run = "plan" in input ? input : undefined;
  const timeline = report.folds.flatMap((f) => [
    { fold: `fold ${f.fold}`, window: "train", start: f.trainStart, end: f.trainEnd },
    { fold: `fold ${f.fold}`, window: "test", start: f.testStart, end: f.testEnd },
  ]);
  const sharpe = report.folds.flatMap((f) => [
    { fold: String(f.fold), series: "in-sample", value: finiteOrNull(f.isSharpe) },
    { fold: String(f.fold), series: "out-of-sample", value: finiteOrNull(f.oosSharpe) },
  ]);
  const cash = run === undefined ? CASH_UNKNOWN : Number(run.plan.request.cash ?? 1_000_000);
  const equity: WalkForwardFigures["equity"] = [];
  let day = 0;
  let strategy = cash;
  let buyAndHold = cash;
  equity.push({ day: 0, series: "strategy, fold ends", value: cash }, { day: 0, series: "buy-and-hold, fold ends", value: cash });
  report.folds.forEach((fold, k) => {
    const chosen = run?.results.find((r) => r.fold === run.plan.folds[k].fold && r.trial === fold.trial);
    const start = strategy;
    if (chosen !== undefined) {
      for (const value of chosen.testEquity) equity.push({ day: ++day, series: "strategy", value: finiteOrNull((start * value) / cash) });
    } else {
      day += run?.plan.folds[k] ? run.plan.folds[k].testRows[1] - run.plan.folds[k].testRows[0] + 1 : 1;
    }
    strategy *= 1 + fold.oosReturn;
    buyAndHold *= 1 + fold.oosBuyAndHoldReturn;
    equity.push({ day, series: "strategy, fold ends", value: finiteOrNull(strategy) }, { day, series: "buy-and-hold, fold ends", value: finiteOrNull(buyAndHold) });
  });
  return { timeline, sharpe, equity };
}

function timelineSpec(rows: WalkForwardFigures["timeline"]): ChartSpec {
  return {
    width: WIDE_CHART_WIDTH - 260,
    height: Math.max(60, 22 * (rows.length / 2)),
    data: { values: rows },
    mark: { type: "bar", height: 14 },
    encoding: {
      y: { field: "fold", type: "ordinal", title: null, sort: null },
      x: { field: "start", type: "temporal", title: null, scale: { type: "utc" }, axis: { format: "%Y-%m" } },
      x2: { field: "end" },
      color: { field: "window", type: "nominal", title: null, legend: { orient: "top" }, scale: { domain: ["train", "test"], range: ["#9fb8d8", "#e07b39"] } },
    },
  } as ChartSpec;
}

function equitySpec(rows: WalkForwardFigures["equity"]): ChartSpec {
  return {
    width: 640,
    height: 240,
    data: { values: rows },
    encoding: {
      x: { field: "day", type: "quantitative", title: "out-of-sample trading day" },
      y: { field: "value", type: "quantitative", title: "equity", scale: { zero: false }, axis: { format: "~s" } },
      color: { field: "series", type: "nominal", title: null, legend: { orient: "top" }, scale: { domain: ["strategy", "strategy, fold ends", "buy-and-hold, fold ends"], range: ["#2f6db5", "#2f6db5", "#e07b39"] } },
    },
    layer: [
      { transform: [{ filter: "datum.series === 'strategy'" }], mark: { type: "line", strokeWidth: 1.5 } },
      { transform: [{ filter: "datum.series !== 'strategy'" }], mark: { type: "line", point: true, strokeDash: [5, 3], strokeWidth: 1.5 } },
    ],
  } as ChartSpec;
}

const pct = (x: number | null | undefined) => formatPercent(x);
const two = (x: number | null | undefined) => formatNumber(x, 2);
const three = (x: number | null | undefined) => formatNumber(x, 3);
const c = (value: number | null | undefined, format: (x: number | null | undefined) => string): Cell => ({ value, format });

/** One sentence on what the deflated Sharpe ratio says, for its value. */
export function dsrSentence(dsr: number): string {
  if (!Number.isFinite(dsr)) return "The deflated Sharpe ratio could not be computed (see the notes).";
  return `DSR ${formatNumber(dsr, 3)}: the probability that the out-of-sample Sharpe ratio is above zero after allowing for picking the best of the trials searched and for non-normal returns; ${dsr >= 0.95 ? "above 0.95, so the edge is unlikely to be luck of the search" : "below 0.95, so the edge could be luck of the search"}.`;
}

/** One sentence on what the probability of backtest overfitting says, for its value. */
export function pboSentence(pbo: number): string {
  if (!Number.isFinite(pbo)) return "The probability of backtest overfitting could not be computed (see the notes).";
  return `PBO ${formatNumber(pbo, 3)}: in ${formatPercent(pbo, 0)} of the train/test splits of the out-of-sample days, the set that was best in-sample ranked below the median out-of-sample; ${pbo > 0.5 ? "above 0.5, worse than picking at random" : "0.5 would be no better than picking at random"}.`;
}

export function renderWalkForward(input: WalkForwardRun | WalkForwardReport): string {
  const report = "plan" in input ? input.report : input;
  const f = walkForwardFigures(input);
  const keys = [...new Set(report.folds.flatMap((fold) => Object.keys(fold.params)))];
  const body = [
    section(
      "Out of sample",
      keyValues([
        ["out-of-sample", `${report.oos.from ?? "–"} … ${report.oos.to ?? "–"}`],
        ["total return", pct(report.oos.totalReturn)],
        ["annual return", pct(report.oos.annualReturn)],
        ["Sharpe ratio", two(report.oos.sharpeRatio)],
        ["max drawdown", pct(report.oos.maxDrawdown)],
        ["t-statistic", two(report.oos.tStat)],
        ["walk-forward efficiency", three(report.walkForwardEfficiency)],
        ["parameter changes", `${report.parameterStability.changes} (${pct(report.parameterStability.changeRate)})`],
        ["deflated Sharpe (DSR)", three(report.deflatedSharpe.dsr)],
        ["PBO", three(report.pbo.pbo)],
      ]),
      paragraph(dsrSentence(report.deflatedSharpe.dsr)),
      paragraph(pboSentence(report.pbo.pbo)),
      figure({
        title: "Stitched out-of-sample equity vs buy-and-hold",
        caption: "Each fold's chosen parameters on its test window, chained from the initial cash; dashed: both chained at the folds' last days.",
        spec: equitySpec(f.equity),
        table: table(
          ["fold", "OOS return", "buy-and-hold", "strategy at end", "buy-and-hold at end"],
          report.folds.map((fold, k) => {
            const ends = f.equity.filter((r) => r.series !== "strategy");
            return [String(fold.fold), c(fold.oosReturn, pct), c(fold.oosBuyAndHoldReturn, pct), c(ends[2 * (k + 1)].value, (x) => formatNumber(x, 0)), c(ends[2 * (k + 1) + 1].value, (x) => formatNumber(x, 0))];
          }),
        ),
      }),
    ),
    section(
      "Folds",
      figure({
        title: "Folds on a timeline",
        spec: timelineSpec(f.timeline),
        table: table(["fold", "train", "test"], report.folds.map((fold) => [String(fold.fold), `${fold.trainStart} … ${fold.trainEnd}`, `${fold.testStart} … ${fold.testEnd}`])),
      }),
      figure({
        title: "In-sample vs out-of-sample Sharpe per fold",
        spec: bars(f.sharpe, { x: "fold", y: "value", xTitle: "fold", yTitle: "Sharpe (annualised)", series: "series", format: ".1f", height: 200 }),
        table: table(
          ["fold", "IS Sharpe", "OOS Sharpe", "OOS ÷ IS", "IS return", "OOS return"],
          report.folds.map((fold) => [String(fold.fold), c(fold.isSharpe, two), c(fold.oosSharpe, two), c(fold.overfittingRatio, two), c(fold.isReturn, pct), c(fold.oosReturn, pct)]),
        ),
      }),
      paragraph("Parameters chosen on each fold (highest in-sample objective):"),
      table(
        ["fold", "trial", ...keys, `IS ${report.objective}`, "IS median"],
        report.folds.map((fold) => [String(fold.fold), String(fold.trial), ...keys.map((key) => String(fold.params[key] ?? "–")), c(fold.isObjective, three), c(fold.isMedianObjective, three)]),
      ),
    ),
    section(
      "Overfitting statistics",
      table(
        ["", "value"],
        [
          ["per-period Sharpe", c(report.deflatedSharpe.sharpe, (x) => formatNumber(x, 4))],
          ["observations", c(report.deflatedSharpe.observations, (x) => formatNumber(x, 0))],
          ["trials", c(report.deflatedSharpe.trials, (x) => formatNumber(x, 0))],
          ["variance of trial Sharpes", c(report.deflatedSharpe.varianceOfTrialSharpes, (x) => formatNumber(x, 6))],
          ["skew", c(report.deflatedSharpe.skew, three)],
          ["kurtosis", c(report.deflatedSharpe.kurtosis, three)],
          ["expected max Sharpe", c(report.deflatedSharpe.expectedMaxSharpe, (x) => formatNumber(x, 4))],
          ["DSR", c(report.deflatedSharpe.dsr, three)],
          ["PBO partitions", c(report.pbo.partitions, (x) => formatNumber(x, 0))],
          ["PBO combinations", c(report.pbo.combinations, (x) => formatNumber(x, 0))],
          ["PBO", c(report.pbo.pbo, three)],
          ["degradation slope", c(report.pbo.degradationSlope, three)],
          ["probability of OOS loss", c(report.pbo.probOosLoss, three)],
        ],
      ),
      notes(report.notes),
    ),
  ];
  const subtitle = `${report.strategy} · ${report.trials} parameter sets × ${report.folds.length} folds · objective ${report.objective} · ${report.instruments} instruments${report.runId === undefined ? "" : ` · run ${report.runId}`}`;
  return page(`Walk-forward: ${report.strategy}`, subtitle, body);
}
