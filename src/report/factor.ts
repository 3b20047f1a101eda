/**
 * The factor tear sheet (alphalens' full tear sheet): IC per date with its monthly mean, IC histogram,
 * IC by month heatmap, IC decay over horizons, mean return by quantile, cumulative return by quantile,
 * the top-minus-bottom spread, turnover and rank autocorrelation; and, when the report has them,
 * demeaned and group-adjusted quantile returns, group figures, turnover of every quantile and the
 * cleaning report.
 *
 * Tables show the report's numbers as they are (what `scripts/factor-report.ts --json` prints); the
 * per-date charts draw factor-series.ts (their means are the report's means). Per-date charts use the
 * first horizon. Monthly IC = mean of the month's finite ICs. Cumulative return by quantile compounds
 * each date's mean first-horizon forward return, Π(1 + r): a return path when dates are consecutive
 * trading days and that horizon is 1 day, an index otherwise. Without series only the report's
 * summaries are drawn.
 */
import type { QuantileReturns } from "../factors/analysis/quantile-returns.ts";
import type { FactorReport } from "../factors/analysis/report.ts";
import type { SeriesSummary } from "../factors/analysis/summary.ts";
import { finiteOrNull } from "./chart.ts";
import type { FactorSeries, FactorTearSheet } from "./factor-series.ts";
import { escapeHtml, figure, formatNumber, formatPercent, notes, page, paragraph, section, table, type Cell } from "./html.ts";
import { bars, dateLines, heatmap, histogram } from "./specs.ts";

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

export interface FactorFigures {
  readonly icDecay: { horizon: string; series: string; value: number | null }[];
  readonly quantileMeans: { quantile: string; horizon: string; value: number | null }[];
  readonly ic?: { date: string; series: string; value: number | null }[];
  readonly icMonthly?: { month: string; ic: number }[];
  readonly cumulativeByQuantile?: { date: string; quantile: string; value: number | null }[];
}

const mean = (values: readonly (number | null)[]): number | null => {
  const finite = values.filter((v): v is number => v !== null && Number.isFinite(v));
  return finite.length === 0 ? null : finite.reduce((a, b) => a + b, 0) / finite.length;
};

/** Mean of each month's finite values, months in date order. */
export function monthlyMeans(dates: readonly string[], values: readonly (number | null)[]): { month: string; ic: number }[] {
  const months = new Map<string, (number | null)[]>();
  dates.forEach((date, k) => {
    const key = date.slice(0, 7);
    months.set(key, [...(months.get(key) ?? []), values[k]]);
  });
  return [...months].flatMap(([month, v]) => {
    const m = mean(v);
    return m === null ? [] : [{ month, ic: m }];
  });
}

/** Π(1 + r) per quantile over dates, skipping dates without buckets. */
export function cumulativeByQuantile(dates: readonly string[], quantileReturns: readonly (number | null)[][], quantiles: number): { date: string; quantile: string; value: number | null }[] {
  const level = new Array<number>(quantiles).fill(1);
  return dates.flatMap((date, d) => {
    const row = quantileReturns[d];
    if (row[0] === null) return [];
    return row.map((r, q) => {
      level[q] *= 1 + (r as number);
      return { date, quantile: `Q${q + 1}`, value: finiteOrNull(level[q]) };
    });
  });
}

export function factorFigures(sheet: FactorTearSheet): FactorFigures {
  const { report, series } = sheet;
  const icDecay = report.horizons.flatMap((h) => [
    { horizon: `${h.horizon}d`, series: "IC", value: h.ic.mean },
    { horizon: `${h.horizon}d`, series: "rank IC", value: h.rankIc.mean },
  ]);
  const quantileMeans = report.horizons.flatMap((h) => h.quantileReturns.meanReturn.map((value, q) => ({ quantile: `Q${q + 1}`, horizon: `${h.horizon}d`, value })));
  if (series === undefined || series.horizons.length === 0) return { icDecay, quantileMeans };
  const first = series.horizons[0];
  const icMonthly = monthlyMeans(series.dates, first.ic);
  const monthlyOf = new Map(icMonthly.map((m) => [m.month, m.ic]));
  return {
    icDecay,
    quantileMeans,
    ic: series.dates.flatMap((date, d) => [
      { date, series: "IC", value: first.ic[d] },
      { date, series: "monthly mean", value: monthlyOf.get(date.slice(0, 7)) ?? null },
    ]),
    icMonthly,
    cumulativeByQuantile: cumulativeByQuantile(series.dates, first.quantileReturns, series.quantiles),
  };
}

const pct = (x: number | null | undefined) => formatPercent(x, 3);
const four = (x: number | null | undefined) => formatNumber(x, 4);
const two = (x: number | null | undefined) => formatNumber(x, 2);
const c = (value: number | null | undefined, format: (x: number | null | undefined) => string): Cell => ({ value, format });

function summaryRow(label: string, s: SeriesSummary, format: (x: number | null | undefined) => string): Cell[] {
  return [label, c(s.mean, format), c(s.std, format), c(s.ir, two), c(s.count, (x) => formatNumber(x, 0))];
}

function quantileTable(report: FactorReport, pick: (h: FactorReport["horizons"][number]) => QuantileReturns | null | undefined): string {
  const q = report.horizons[0]?.quantileReturns.quantiles ?? 0;
  return table(
    ["horizon", ...Array.from({ length: q }, (_, b) => `Q${b + 1}`), "top − bottom", "dates"],
    report.horizons.flatMap((h) => {
      const r = pick(h);
      return r ? [[`${h.horizon}d`, ...r.meanReturn.map((v) => c(v, pct)), c(r.spread.mean, pct), c(r.dates, (x) => formatNumber(x, 0))]] : [];
    }),
  );
}

export function renderFactor(sheet: FactorTearSheet): string {
  const { report, series } = sheet;
  const f = factorFigures(sheet);
  const firstHorizon = report.horizons[0]?.horizon;
  const body: string[] = [];
  body.push(
    section(
      "Information coefficient",
      table(
        ["horizon", "IC mean", "IC std", "IC IR", "dates", "rank IC mean", "rank IC std", "rank IC IR", "dates"],
        report.horizons.map((h) => [`${h.horizon}d`, ...summaryRow("", h.ic, four).slice(1), ...summaryRow("", h.rankIc, four).slice(1)]),
      ),
      paragraph("IC is the cross-sectional correlation between the factor (oriented so higher is better) and the forward return that followed; IR = mean ÷ std per date, not annualised."),
      ...(f.ic
        ? [
            figure({
              title: `IC per date, ${firstHorizon}-day forward returns, with the monthly mean`,
              spec: dateLines(f.ic, { y: "value", yTitle: "IC", series: "series", rule: 0 }),
              table: table(["month", "mean IC"], f.icMonthly!.map((m) => [m.month, c(m.ic, four)])),
            }),
            figure({
              title: `IC distribution, ${firstHorizon}-day`,
              caption: "The orange rule is the mean IC.",
              spec: histogram(series!.horizons[0].ic.map((ic) => ({ ic })), "ic", "IC", ".2f", report.horizons[0].ic.mean, "dates"),
              table: table(["", "mean", "std", "IR", "dates"], [summaryRow("IC", report.horizons[0].ic, four), summaryRow("rank IC", report.horizons[0].rankIc, four)]),
            }),
            figure({
              title: `Mean IC by month, ${firstHorizon}-day`,
              spec: heatmap(
                f.icMonthly!.map((m) => ({ year: m.month.slice(0, 4), month: MONTHS[Number(m.month.slice(5, 7)) - 1], ic: m.ic })),
                { x: "month", y: "year", value: "ic", xTitle: null, yTitle: null, format: ".2f", xSort: MONTHS },
              ),
              table: table(["year", "mean IC"], [...new Set(f.icMonthly!.map((m) => m.month.slice(0, 4)))].map((year) => [year, c(mean(series!.dates.flatMap((date, d) => (date.startsWith(year) ? [series!.horizons[0].ic[d]] : []))), four)])),
              caption: "Beside it: the mean IC of each year's dates.",
            }),
          ]
        : []),
      figure({
        title: "IC decay: mean IC by forward horizon",
        spec: bars(f.icDecay, { x: "horizon", y: "value", xTitle: "horizon", yTitle: "mean IC", series: "series", format: ".3f", height: 180 }),
        table: table(["horizon", "IC mean", "rank IC mean"], report.horizons.map((h) => [`${h.horizon}d`, c(h.ic.mean, four), c(h.rankIc.mean, four)])),
      }),
    ),
  );

  const quantileSection = [
    figure({
      title: "Mean forward return by quantile",
      caption: "Q1 holds the lowest oriented factor values; returns over each horizon, equal-weighted, averaged over dates.",
      spec: bars(f.quantileMeans, { x: "quantile", y: "value", xTitle: "quantile", yTitle: "mean forward return", series: "horizon", format: ".2%", height: 200 }),
      table: quantileTable(report, (h) => h.quantileReturns),
    }),
  ];
  if (f.cumulativeByQuantile) {
    quantileSection.push(
      figure({
        title: `Cumulative return by quantile (${firstHorizon}-day returns compounded per date)`,
        spec: dateLines(f.cumulativeByQuantile, { y: "value", yTitle: "growth of 1", series: "quantile" }),
        table: table(["quantile", "final"], Array.from({ length: series!.quantiles }, (_, q) => [`Q${q + 1}`, c(f.cumulativeByQuantile!.filter((r) => r.quantile === `Q${q + 1}`).at(-1)?.value, (x) => formatNumber(x, 4))])),
      }),
      figure({
        title: `Top minus bottom quantile, ${firstHorizon}-day, per date`,
        spec: dateLines(series!.dates.map((date, d) => ({ date, spread: series!.horizons[0].spread[d] })), { y: "spread", yTitle: "spread", format: ".1%", rule: 0 }),
        table: table(["horizon", "mean", "std", "IR", "dates"], report.horizons.map((h) => summaryRow(`${h.horizon}d`, h.quantileReturns.spread, pct))),
      }),
    );
  }
  const optional = report as Partial<FactorReport> & Record<string, unknown>;
  const h0 = report.horizons[0] as FactorReport["horizons"][number] & Record<string, unknown>;
  if (h0?.demeanedQuantileReturns) {
    quantileSection.push(section("Demeaned quantile returns", paragraph("Forward returns less the date's mean over the universe."), quantileTable(report, (h) => h.demeanedQuantileReturns)));
  }
  if (h0?.groupAdjustedQuantileReturns) {
    quantileSection.push(section("Group-adjusted quantile returns", paragraph("Forward returns less the date's mean within the name's group."), quantileTable(report, (h) => h.groupAdjustedQuantileReturns)));
  }
  body.push(section("Quantiles", ...quantileSection));

  const stability: string[] = [];
  if (series) {
    const rows = series.dates.flatMap((date, d) => [
      { date, series: "top-quantile turnover", value: series.turnover[d] },
      { date, series: "rank autocorrelation", value: series.rankAutocorrelation[d] },
    ]);
    stability.push(
      figure({
        title: "Turnover and rank autocorrelation between consecutive dates",
        spec: dateLines(rows, { y: "value", yTitle: "", series: "series" }),
        table: table(["", "mean", "std", "IR", "pairs"], [summaryRow("top-quantile turnover", report.turnover, four), summaryRow("rank autocorrelation", report.rankAutocorrelation, four)]),
      }),
    );
  } else {
    stability.push(table(["", "mean", "std", "IR", "pairs"], [summaryRow("top-quantile turnover", report.turnover, four), summaryRow("rank autocorrelation", report.rankAutocorrelation, four)]));
  }
  if (Array.isArray(optional.turnoverByQuantile)) {
    stability.push(
      paragraph("Turnover of every quantile (names new to the quantile ÷ its size):"),
      table(["quantile", "mean", "std", "IR", "pairs"], (optional.turnoverByQuantile as SeriesSummary[]).map((s, q) => summaryRow(`Q${q + 1}`, s, four))),
    );
  }
  body.push(section("Turnover", ...stability));
  if (optional.cleaning !== undefined) body.push(section("Cleaning", `<pre>${escapeHtml(JSON.stringify(optional.cleaning, null, 2))}</pre>`));

  const subtitle = `${sheet.description ?? ""}${sheet.region ? ` · region ${sheet.region}` : ""} · ${report.dates} dates ${report.from ?? "–"} … ${report.to ?? "–"} · direction ${report.direction > 0 ? "+1" : "−1"}`;
  return page(`Factor tear sheet: ${sheet.factor}`, subtitle.replace(/^ · /, ""), [...body, notes(seriesNote(series))]);
}

function seriesNote(series: FactorSeries | undefined): string[] {
  return series === undefined ? ["Per-date charts need the factor's series (factorTearSheet or storedFactorTearSheet); this report has summaries only."] : [];
}

