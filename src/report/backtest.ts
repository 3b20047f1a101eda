/**
 * The backtest tear sheet (pyfolio's full tear sheet, in one page): equity against the benchmark,
 * underwater curve, the 5 worst drawdowns, rolling 6-month Sharpe, volatility and beta, monthly and
 * annual returns, the distribution of daily returns, exposure and turnover, costs, the holdings after
 * the last rebalance and every metric of the run.
 *
 * Input: a run from runBacktest (its report, plus the benchmark's daily returns when it had one) or a
 * stored / `--json` report alone (then no benchmark curve and no rolling beta). The metrics table shows
 * `report.metrics` as they are (the numbers `--json` prints); curves are recomputed from
 * `report.equity` with ../backtest conventions (empyrical's: simple daily returns, the first against
 * the initial cash, 252 days a year, ddof = 1): drawdowns.ts, rolling.ts, and aggregateReturns for the
 * calendar tables. Daily turnover = value traded ÷ end-of-day equity; costs = commission + slippage
 * and impact of the day's trades (borrow fees only as the run's total). The benchmark curve compounds
 * its daily total returns from the initial cash (a day without a bar counts as 0, as cumReturns does).
 */
import { aggregateReturns, cumReturns } from "../backtest/metrics.ts";
import type { BacktestReport } from "../backtest/report.ts";
import { dailyReturns } from "../backtest/run-metrics.ts";
import { finiteOrNull } from "./chart.ts";
import { drawdownPeriods, underwater, type DrawdownPeriod } from "./drawdowns.ts";
import { figure, formatNumber, formatPercent, keyValues, notes, page, section, table, type Cell } from "./html.ts";
import { ROLLING_WINDOW, rollingStats, type RollingRow } from "./rolling.ts";
import { bars, dateLines, heatmap, histogram } from "./specs.ts";

/** What the tear sheet reads: a report and, when the run had a benchmark, its daily returns. */
export interface BacktestInput {
  readonly report: BacktestReport;
  /** One per equity point (runBacktest's `benchmarkReturns`). */
  readonly benchmarkReturns?: Float64Array;
}

export interface ReportOptions {
  /** Draw the equity chart on a log scale. */
  readonly logScale?: boolean;
}

export interface BacktestFigures {
  readonly dates: readonly string[];
  readonly returns: Float64Array;
  readonly equity: { date: string; series: string; value: number | null }[];
  readonly underwater: { date: string; drawdown: number | null }[];
  readonly worstDrawdowns: DrawdownPeriod[];
  readonly rolling: RollingRow[];
  readonly monthly: { period: string; return: number }[];
  readonly annual: { period: string; return: number }[];
  readonly exposure: { date: string; series: string; value: number | null }[];
  readonly turnover: { date: string; turnover: number }[];
  readonly costs: { date: string; costs: number; cumulative: number }[];
  /** Positions after the last day anything traded. */
  readonly holdings: BacktestReport["holdings"];
}

export function backtestFigures(input: BacktestInput): BacktestFigures {
  const { report, benchmarkReturns } = input;
  const dates = report.equity.map((p) => p.date);
  const values = Float64Array.from(report.equity, (p) => p.value);
  const returns = dailyReturns(values, report.initialCash);
  const strategy = report.equity.map((p) => ({ date: p.date, series: "strategy", value: p.value as number | null }));
  const benchmark =
    benchmarkReturns === undefined
      ? []
      : Array.from(cumReturns(benchmarkReturns, { startingValue: report.initialCash }), (value, k) => ({ date: dates[k], series: report.config.benchmark ?? "benchmark", value: finiteOrNull(value) }));
  const traded = new Map<string, number>();
  const costsOn = new Map<string, number>();
  for (const t of report.trades) {
    traded.set(t.date, (traded.get(t.date) ?? 0) + t.shares * t.price);
    costsOn.set(t.date, (costsOn.get(t.date) ?? 0) + t.commission + t.slippage);
  }
  let cumulative = 0;
  const lastHoldingDate = report.holdings.at(-1)?.date;
  return {
    dates,
    returns,
    equity: [...strategy, ...benchmark],
    underwater: Array.from(underwater(values, report.initialCash), (drawdown, k) => ({ date: dates[k], drawdown: finiteOrNull(drawdown) })),
    worstDrawdowns: drawdownPeriods(dates, values, report.initialCash, 5),
    rolling: rollingStats(dates, returns, benchmarkReturns),
    monthly: dates.length === 0 ? [] : aggregateReturns(returns, dates, "monthly"),
    annual: dates.length === 0 ? [] : aggregateReturns(returns, dates, "yearly"),
    exposure: report.equity.flatMap((p) => [
      { date: p.date, series: "gross", value: finiteOrNull(p.grossExposure) },
      { date: p.date, series: "net", value: finiteOrNull(p.netExposure) },
    ]),
    turnover: report.equity.map((p) => ({ date: p.date, turnover: (traded.get(p.date) ?? 0) / p.value })),
    costs: report.equity.map((p) => {
      const costs = costsOn.get(p.date) ?? 0;
      cumulative += costs;
      return { date: p.date, costs, cumulative };
    }),
    holdings: report.holdings.filter((h) => h.date === lastHoldingDate),
  };
}

const pct = (x: number | null | undefined) => formatPercent(x);
const num = (digits: number) => (x: number | null | undefined) => formatNumber(x, digits);
const cellPct = (value: number | null | undefined): Cell => ({ value, format: pct });
const cellNum = (value: number | null | undefined, digits = 2): Cell => ({ value, format: num(digits) });

/** Metrics that read as percentages; the rest are ratios, counts or money. */
const PERCENT_METRICS = new Set([
  "totalReturn", "annualReturn", "annualVolatility", "maxDrawdown", "valueAtRisk", "conditionalValueAtRisk", "turnover", "costDrag",
  "grossExposure", "netExposure", "hitRate", "benchmarkReturn", "alpha",
]);

function formatMetric(name: string, value: number | null): string {
  return PERCENT_METRICS.has(name) ? formatPercent(value) : formatNumber(value, Math.abs(value ?? 0) >= 1000 ? 0 : 3);
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** Evenly thinned rows for a table beside a long daily series (first and last kept). */
function sample<T>(rows: readonly T[], most: number): T[] {
  if (rows.length <= most) return [...rows];
  const step = (rows.length - 1) / (most - 1);
  return Array.from({ length: most }, (_, k) => rows[Math.round(k * step)]);
}

export function renderBacktest(input: BacktestInput, options: ReportOptions = {}): string {
  const { report } = input;
  const f = backtestFigures(input);
  const benchmarkName = report.config.benchmark;
  const last = (series: string) => f.equity.filter((r) => r.series === series).at(-1)?.value ?? null;
  const body: string[] = [];

  body.push(section("Metrics", keyValues(Object.entries(report.metrics).map(([name, value]) => [name, formatMetric(name, value)])), notes(report.notes)));

  body.push(
    section(
      "Returns",
      figure({
        title: `Equity${benchmarkName ? ` vs ${benchmarkName}` : ""}${options.logScale ? " (log scale)" : ""}`,
        caption: benchmarkName ? `The benchmark's total return compounded from the same initial cash.` : "No benchmark: run with --benchmark TICKER.REGION to draw one.",
        spec: dateLines(f.equity, { y: "value", yTitle: "equity", series: "series", format: "~s", log: options.logScale }),
        table: table(
          ["", "value"],
          [
            ["initial cash", cellNum(report.initialCash)],
            ["final value", cellNum(report.finalValue)],
            ["total return", cellPct(report.metrics.totalReturn)],
            ...(benchmarkName ? ([[`${benchmarkName} final`, cellNum(last(benchmarkName))], [`${benchmarkName} return`, cellPct(report.metrics.benchmarkReturn)]] as Cell[][]) : []),
            ["annual return", cellPct(report.metrics.annualReturn)],
          ],
        ),
      }),
      figure({
        title: "Monthly returns",
        caption: "Each month's daily returns compounded.",
        spec: heatmap(
          f.monthly.map((m) => ({ year: m.period.slice(0, 4), month: MONTHS[Number(m.period.slice(5, 7)) - 1], return: finiteOrNull(m.return) })),
          { x: "month", y: "year", value: "return", xTitle: null, yTitle: null, format: ".1%", xSort: MONTHS },
        ),
        table: table(["month", "return"], f.monthly.map((m) => [m.period, cellPct(m.return)])),
      }),
      figure({
        title: "Annual returns",
        spec: bars(f.annual.map((a) => ({ year: a.period, return: finiteOrNull(a.return) })), { x: "year", y: "return", xTitle: "", yTitle: "return", format: ".0%", signColors: true, height: 160 }),
        table: table(["year", "return"], f.annual.map((a) => [a.period, cellPct(a.return)])),
      }),
      returnDistribution(f.returns, report),
    ),
  );

  body.push(
    section(
      "Risk",
      figure({
        title: "Underwater (drawdown from the running peak)",
        spec: dateLines(f.underwater, { y: "drawdown", yTitle: "drawdown", format: ".0%", area: true, height: 160 }),
        table: table(
          ["peak", "valley", "recovery", "depth", "days"],
          f.worstDrawdowns.map((d) => [d.peak ?? "start", d.valley, d.recovery ?? "not recovered", cellPct(d.depth), cellNum(d.days, 0)]),
        ),
        caption: "Beside it: the 5 worst drawdowns; days run from the peak to the recovery (or the last date).",
      }),
      figure({
        title: `Rolling ${ROLLING_WINDOW}-day Sharpe ratio`,
        spec: dateLines(f.rolling.map((r) => ({ date: r.date, sharpe: finiteOrNull(r.sharpe) })), { y: "sharpe", yTitle: "Sharpe (annualised)", rule: 0, height: 160 }),
        table: rollingTable(f.rolling, "sharpe", (x) => formatNumber(x, 2)),
        caption: f.rolling.length === 0 ? `Needs at least ${ROLLING_WINDOW} days; this run has ${f.dates.length}.` : undefined,
      }),
      figure({
        title: `Rolling ${ROLLING_WINDOW}-day volatility`,
        spec: dateLines(f.rolling.map((r) => ({ date: r.date, volatility: finiteOrNull(r.volatility) })), { y: "volatility", yTitle: "volatility (annualised)", format: ".0%", height: 160 }),
        table: rollingTable(f.rolling, "volatility", pct),
      }),
      ...(input.benchmarkReturns === undefined
        ? []
        : [
            figure({
              title: `Rolling ${ROLLING_WINDOW}-day beta to ${benchmarkName}`,
              spec: dateLines(f.rolling.map((r) => ({ date: r.date, beta: finiteOrNull(r.beta) })), { y: "beta", yTitle: "beta", rule: 1, height: 160 }),
              table: rollingTable(f.rolling, "beta", (x) => formatNumber(x, 2)),
            }),
          ]),
    ),
  );

  body.push(
    section(
      "Trading",
      figure({
        title: "Exposure",
        caption: "Gross = Σ |position value| ÷ equity, net = Σ position value ÷ equity, end of day.",
        spec: dateLines(f.exposure, { y: "value", yTitle: "exposure", series: "series", format: ".0%", height: 160 }),
        table: table(["", "mean"], [["gross", cellPct(report.metrics.grossExposure)], ["net", cellPct(report.metrics.netExposure)]]),
      }),
      figure({
        title: "Daily turnover",
        caption: "Value traded ÷ end-of-day equity; the annual figure is the daily mean × 252.",
        spec: dateLines(f.turnover, { y: "turnover", yTitle: "turnover", format: ".0%", height: 160 }),
        table: table(["", "value"], [["annual turnover", cellPct(report.metrics.turnover)], ["trades", cellNum(report.metrics.tradeCount, 0)], ["round trips", cellNum(report.metrics.roundTrips, 0)], ["hit rate", cellPct(report.metrics.hitRate)]]),
      }),
      figure({
        title: "Cumulative costs",
        caption: "Commission, slippage and impact of the fills, in currency.",
        spec: dateLines(f.costs, { y: "cumulative", yTitle: "costs", format: "~s", height: 160 }),
        table: table(
          ["", "value"],
          [
            ["commission", cellNum(report.metrics.commission)],
            ["slippage + impact", cellNum(report.metrics.slippage)],
            ["borrow fees", cellNum(report.metrics.borrowFees)],
            ["total costs", cellNum(report.metrics.costs)],
            ["cost drag (annual)", cellPct(report.metrics.costDrag)],
          ],
        ),
      }),
      holdingsFigure(f.holdings),
    ),
  );

  const subtitle = `${report.strategy} ${Object.entries(report.params).map(([k, v]) => `${k}=${v}`).join(" ")} · ${report.from} … ${report.to} · ${report.instruments} instruments${report.runId === undefined ? "" : ` · run ${report.runId}`}`;
  return page(`Backtest tear sheet: ${report.strategy}`, subtitle, body);
}

function rollingTable(rows: readonly RollingRow[], field: "sharpe" | "volatility" | "beta", format: (x: number | null | undefined) => string): string {
  return table(["window end", field], sample(rows, 12).map((r) => [r.date, { value: r[field], format }]));
}

function returnDistribution(returns: Float64Array, report: BacktestReport): string {
  const sorted = Float64Array.from(returns).filter(Number.isFinite).sort();
  const at = (q: number) => (sorted.length === 0 ? null : sorted[Math.round(q * (sorted.length - 1))]);
  const mean = sorted.length === 0 ? null : sorted.reduce((a, b) => a + b, 0) / sorted.length;
  return figure({
    title: "Daily returns",
    caption: "The orange rule is the mean daily return.",
    spec: histogram(Array.from(returns, (r) => ({ return: finiteOrNull(r) })), "return", "daily return", ".1%", mean, "days"),
    table: table(
      ["", "value"],
      [
        ["days", cellNum(sorted.length, 0)],
        ["mean", cellPct(mean)],
        ["worst", cellPct(at(0))],
        ["5th percentile (nearest)", cellPct(at(0.05))],
        ["median (nearest)", cellPct(at(0.5))],
        ["95th percentile (nearest)", cellPct(at(0.95))],
        ["best", cellPct(at(1))],
        ["value at risk (5%)", cellPct(report.metrics.valueAtRisk)],
        ["conditional VaR", cellPct(report.metrics.conditionalValueAtRisk)],
      ],
    ),
  });
}

function holdingsFigure(holdings: BacktestReport["holdings"]): string {
  const date = holdings[0]?.date;
  return figure({
    title: date === undefined ? "Holdings: none" : `Holdings after the last rebalance (${date})`,
    spec: bars(holdings.map((h) => ({ ticker: h.ticker, weight: finiteOrNull(h.weight) })), { x: "ticker", y: "weight", xTitle: "", yTitle: "weight of equity", format: ".0%", sortByValue: true, signColors: true, height: 180 }),
    table: table(
      ["ticker", "shares", "price", "value", "weight"],
      [...holdings].sort((a, b) => b.weight - a.weight).map((h) => [`${h.ticker}.${h.region}`, cellNum(h.shares, 0), cellNum(h.price), cellNum(h.value), cellPct(h.weight)]),
    ),
  });
}
