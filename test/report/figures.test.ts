/**
 * The charts' data against the result objects they draw, on real runs over a seeded database
 * (results.ts), both engines: what the tables and charts show is what `--json` prints, and the
 * recomputed curves agree with the run's own metrics.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { InputError } from "../../src/errors.ts";
import { chartSvg, svgToPng } from "../../src/report/chart.ts";
import { backtestFigures } from "../../src/report/backtest.ts";
import { factorFigures } from "../../src/report/factor.ts";
import { escapeHtml, formatPercent } from "../../src/report/html.ts";
import { renderReport, reportKind } from "../../src/report/index.ts";
import { optimizationFigures } from "../../src/report/optimization.ts";
import { walkForwardFigures } from "../../src/report/walk-forward.ts";
import { describeEachEngine } from "../engines.ts";
import { reportResults, seedReportMarket, type ReportResults } from "./results.ts";

const meanOf = (values: readonly (number | null)[]) => {
  const finite = values.filter((v): v is number => v !== null && Number.isFinite(v));
  return finite.reduce((a, b) => a + b, 0) / finite.length;
};

describeEachEngine("report figures", (db) => {
  let r: ReportResults;
  beforeAll(async () => {
    await seedReportMarket(db());
    r = await reportResults(db());
  }, 300_000);

  it("backtest: the equity, calendar, drawdown, turnover and cost figures agree with the report and its metrics", () => {
    const { report } = r.backtest;
    const f = backtestFigures(r.backtest);
    const strategy = f.equity.filter((p) => p.series === "strategy");
    expect(strategy.map((p) => [p.date, p.value])).toEqual(report.equity.map((p) => [p.date, p.value]));
    const benchmark = f.equity.filter((p) => p.series === "T00");
    expect(benchmark).toHaveLength(report.equity.length);
    expect(benchmark.at(-1)!.value! / report.initialCash - 1).toBeCloseTo(report.metrics.benchmarkReturn!, 12);
    const compounded = (rows: { return: number }[]) => rows.reduce((v, m) => v * (1 + m.return), 1) - 1;
    expect(compounded(f.monthly)).toBeCloseTo(report.metrics.totalReturn!, 9);
    expect(compounded(f.annual)).toBeCloseTo(report.metrics.totalReturn!, 9);
    expect(f.annual.map((a) => a.period)).toEqual(["2023", "2024"]);
    expect(f.worstDrawdowns.length).toBeGreaterThan(0);
    expect(f.worstDrawdowns.length).toBeLessThanOrEqual(5);
    expect(f.worstDrawdowns[0].depth).toBeCloseTo(report.metrics.maxDrawdown!, 9);
    expect(Math.min(...f.underwater.map((u) => u.drawdown!))).toBe(f.worstDrawdowns[0].depth);
    expect(f.rolling).toHaveLength(report.equity.length - 125);
    expect(f.rolling[0].date).toBe(report.equity[125].date);
    expect(f.turnover.reduce((a, t) => a + t.turnover, 0) / f.turnover.length * 252).toBeCloseTo(report.metrics.turnover!, 9);
    expect(f.costs.at(-1)!.cumulative).toBeCloseTo(report.metrics.commission! + report.metrics.slippage!, 6);
    const last = report.holdings.at(-1)!.date;
    expect(f.holdings).toEqual(report.holdings.filter((h) => h.date === last));
    expect(f.holdings).toHaveLength(12);
    const html = renderReport(r.backtest);
    expect(html).toContain(`<td class="num">${formatPercent(report.metrics.totalReturn)}</td>`);
    expect(html).toContain("Rolling 126-day beta to T00");
    expect(renderReport(r.backtest, { logScale: true })).toContain("Equity vs T00 (log scale)");
  });

  it("backtest from its report alone (as stored or printed by --json): no benchmark curve, same strategy curve", () => {
    const f = backtestFigures({ report: r.backtest.report });
    expect(f.equity.every((p) => p.series === "strategy")).toBe(true);
    expect(f.rolling.every((row) => Number.isNaN(row.beta))).toBe(true);
    expect(reportKind(JSON.parse(JSON.stringify(r.backtest.report)))).toBe("backtest");
  });

  it("documents read back from JSON (NaN as null) render: backtest and walk-forward reports, the factor tear sheet", () => {
    const roundTrip = (x: unknown) => JSON.parse(JSON.stringify(x));
    expect(renderReport(roundTrip(r.backtest.report))).toContain("<h1>Backtest tear sheet: equal-weight</h1>");
    expect(renderReport(roundTrip(r.walkForward.report))).toContain("<h1>Walk-forward: sma-cross</h1>");
    expect(renderReport(roundTrip(r.factor))).toContain("<h1>Factor tear sheet: reversal_1m</h1>");
    expect(renderReport(r.factor.report)).toContain("Per-date charts need the factor&#39;s series");
  });

  it("walk-forward: IS/OOS Sharpe per fold, the stitched curve ending at the OOS total return, buy-and-hold chained per fold", () => {
    const { report } = r.walkForward;
    const f = walkForwardFigures(r.walkForward);
    expect(report.folds.length).toBeGreaterThan(2);
    expect(f.sharpe).toEqual(report.folds.flatMap((fold) => [
      { fold: String(fold.fold), series: "in-sample", value: Number.isFinite(fold.isSharpe) ? fold.isSharpe : null },
      { fold: String(fold.fold), series: "out-of-sample", value: Number.isFinite(fold.oosSharpe) ? fold.oosSharpe : null },
    ]));
    const cash = 1_000_000;
    const daily = f.equity.filter((p) => p.series === "strategy");
    expect(daily.at(-1)!.value! / cash - 1).toBeCloseTo(report.oos.totalReturn, 9);
    const ends = f.equity.filter((p) => p.series === "strategy, fold ends");
    expect(ends.at(-1)!.value! / cash - 1).toBeCloseTo(report.oos.totalReturn, 9);
    const buyAndHold = f.equity.filter((p) => p.series === "buy-and-hold, fold ends");
    expect(buyAndHold.at(-1)!.value!).toBeCloseTo(report.folds.reduce((v, fold) => v * (1 + fold.oosBuyAndHoldReturn), cash), 6);
    expect(ends.at(-1)!.day).toBe(daily.length);
    expect(f.timeline).toHaveLength(2 * report.folds.length);
    const html = renderReport(r.walkForward);
    expect(html).toContain("DSR ");
    expect(html).toContain("PBO ");
  });

  it("optimization: weights and risk contributions of the result, the HRP tree over its assets, max-Sharpe on the frontier", () => {
    const { result } = r.optimization;
    const f = optimizationFigures(result);
    expect(f.weights.map((w) => [w.ticker, w.weight])).toEqual(result.tickers.map((t, i) => [t, result.weights[i]]));
    expect(f.weights.reduce((a, w) => a + w.riskContribution, 0)).toBeCloseTo(1, 12);
    expect([...f.dendrogram!.leaves].sort()).toEqual([...result.tickers].sort());
    expect(f.dendrogram!.links).toHaveLength(3 * (result.tickers.length - 1));
    expect(f.frontier.length).toBeGreaterThan(10);
    for (let k = 1; k < f.frontier.length; k++) expect(f.frontier[k].expectedReturn).toBeGreaterThan(f.frontier[k - 1].expectedReturn);
    const sharpe = optimizationFigures(r.maxSharpe.result);
    expect(sharpe.dendrogram).toBeUndefined();
    const best = Math.max(...sharpe.frontier.map((p) => p.expectedReturn / p.volatility));
    expect(sharpe.portfolio.sharpe!).toBeGreaterThanOrEqual(best - 1e-6);
  });

  it("factor: the per-date series average to the report's IC, quantile returns, spread, turnover and rank autocorrelation", () => {
    const { report, series } = r.factor;
    expect(series!.horizons.map((h) => h.horizon)).toEqual(report.horizons.map((h) => h.horizon));
    report.horizons.forEach((h, k) => {
      const s = series!.horizons[k];
      expect(meanOf(s.ic)).toBeCloseTo(h.ic.mean!, 12);
      expect(meanOf(s.rankIc)).toBeCloseTo(h.rankIc.mean!, 12);
      h.quantileReturns.meanReturn.forEach((m, q) => expect(meanOf(s.quantileReturns.map((row) => row[q]))).toBeCloseTo(m!, 12));
      expect(meanOf(s.spread)).toBeCloseTo(h.quantileReturns.spread.mean!, 12);
      expect(s.spread.filter((v) => v !== null)).toHaveLength(h.quantileReturns.dates);
    });
    expect(meanOf(series!.turnover)).toBeCloseTo(report.turnover.mean!, 12);
    expect(meanOf(series!.rankAutocorrelation)).toBeCloseTo(report.rankAutocorrelation.mean!, 12);
    const f = factorFigures(r.factor);
    expect(f.icDecay.filter((d) => d.series === "IC").map((d) => d.value)).toEqual(report.horizons.map((h) => h.ic.mean));
    expect(f.icMonthly!.map((m) => m.month)[0]).toBe(series!.dates[0].slice(0, 7));
    const q1 = f.cumulativeByQuantile!.filter((row) => row.quantile === "Q1");
    expect(q1.at(-1)!.value).toBeCloseTo(series!.horizons[0].quantileReturns.reduce((v, row) => (row[0] === null ? v : v * (1 + row[0])), 1), 12);
  });
});

describe("report pages", () => {
  it("a chart is an SVG of its marks, rendered in Node; the PNG export has the width asked for", () => {
    const svg = chartSvg({ width: 200, height: 100, data: { values: [{ x: 1, y: 2 }, { x: 2, y: 3 }, { x: 3, y: 1 }] }, mark: "bar", encoding: { x: { field: "x", type: "ordinal" }, y: { field: "y", type: "quantitative" } } });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.match(/<g class="mark-rect role-mark[^"]*"[^>]*>(.*?)<\/g>/)![1].match(/<path /g)).toHaveLength(3);
    const png = svgToPng(svg, 400);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.readUInt32BE(16)).toBe(400);
  });

  it("text is escaped, and a result of no known kind is refused with what is accepted", () => {
    expect(escapeHtml(`<a href="x">&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;");
    expect(() => renderReport({ rows: [] })).toThrow(InputError);
    expect(() => renderReport(42)).toThrow(
      "report: not a result this can render; give a backtest (runBacktest's run or its report), a walk-forward (runWalkForward's run or report), an optimization (runOptimization's run or result) or a factor tear sheet (factorTearSheet, storedFactorTearSheet or analyzeFactor's report)",
    );
  });
});
