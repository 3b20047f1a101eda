/**
 * The optimization report: the efficient frontier with every asset and the chosen portfolio, the
 * weights, each asset's share of the portfolio's risk, and for HRP the dendrogram of its clustering.
 *
 * Input: a run from runOptimization or its result. Figures use the result's own annualised estimates
 * (expected returns, covariance; ../optimize/types.ts units):
 * - frontier: minimum volatility for 24 target returns evenly spaced from the min-volatility
 *   portfolio's return to the highest asset return, long-only and fully invested (bounds [0, 1], the
 *   library's default), whatever constraints the chosen portfolio had; targets the solver refuses are
 *   left out. Points are PyPortfolioOpt's portfolio_performance (risk-free rate `riskFreeRate`, 0).
 * - risk contributions: wᵢ (Σw)ᵢ / wᵀΣw (risk-parity.ts), which sum to 1.
 * - dendrogram (method "hrp"): correlation ρ = D⁻¹ΣD⁻¹ of the result's covariance, distance
 *   √((1 − ρ) / 2), scipy's linkage (linkage.ts; `linkage`, default "single" as HRP's), leaves in HRP's
 *   order. With complete price histories this is the tree HRP clustered on; on ragged histories HRP
 *   used pairwise correlations and the tree can differ.
 */
import { efficientReturn, minVolatility, portfolioPerformance, riskContributions, type OptimizationResult } from "../optimize/index.ts";
import type { OptimizationRun } from "../optimize/run-optimization.ts";
import { leafOrder, linkage, type LinkageMethod } from "../optimize/linkage.ts";
import type { ChartSpec } from "./chart.ts";
import { finiteOrNull } from "./chart.ts";
import { figure, formatNumber, formatPercent, notes, page, section, table, type Cell } from "./html.ts";
import { bars } from "./specs.ts";

export interface OptimizationOptions {
  readonly riskFreeRate?: number;
  /** The HRP linkage the run used; default "single". */
  readonly linkage?: LinkageMethod;
}

export interface DendrogramLink {
  /** Segment from (x, y) to (x2, y2): x in leaf positions 0 … n − 1, y the merge height. */
  readonly x: number;
  readonly y: number;
  readonly x2: number;
  readonly y2: number;
}

export interface OptimizationFigures {
  readonly frontier: { volatility: number; expectedReturn: number }[];
  readonly assets: { ticker: string; volatility: number; expectedReturn: number }[];
  readonly portfolio: { volatility: number; expectedReturn: number; sharpe: number | null };
  readonly weights: { ticker: string; weight: number; riskContribution: number }[];
  readonly dendrogram?: { leaves: string[]; links: DendrogramLink[] };
}

const FRONTIER_POINTS = 24;

export function optimizationFigures(result: OptimizationResult, options: OptimizationOptions = {}): OptimizationFigures {
  const { tickers, covariance, expectedReturns } = result;
  const n = tickers.length;
  const mu = expectedReturns.values;
  const performance = (weights: Float64Array) => portfolioPerformance(weights, expectedReturns, covariance, options.riskFreeRate ?? 0);
  const frontier: OptimizationFigures["frontier"] = [];
  try {
    const lowest = performance(minVolatility(covariance).weights).expectedReturn;
    const highest = Math.max(...mu);
    for (let k = 0; k < FRONTIER_POINTS; k++) {
      const target = lowest + ((highest - lowest) * k) / (FRONTIER_POINTS - 1);
      try {
        const p = performance(efficientReturn(expectedReturns, covariance, { targetReturn: target }).weights);
        frontier.push({ volatility: p.volatility, expectedReturn: p.expectedReturn });
      } catch {
        // A target the solver cannot reach is left off the curve (see the header).
      }
    }
  } catch {
    // No minimum-volatility portfolio: no frontier; the assets and the portfolio are still drawn.
  }
  const contributions = riskContributions(covariance, result.weights);
  return {
    frontier,
    assets: tickers.map((ticker, i) => ({ ticker, volatility: Math.sqrt(covariance.values[i * n + i]), expectedReturn: mu[i] })),
    portfolio: { volatility: result.performance.volatility, expectedReturn: result.performance.expectedReturn, sharpe: result.performance.sharpe ?? null },
    weights: tickers.map((ticker, i) => ({ ticker, weight: result.weights[i], riskContribution: contributions[i] })),
    ...(result.method === "hrp" ? { dendrogram: dendrogram(result, options.linkage ?? "single") } : {}),
  };
}

/** The linkage tree of the covariance's correlation distances, as segments over HRP's leaf order. */
export function dendrogram(result: OptimizationResult, method: LinkageMethod): { leaves: string[]; links: DendrogramLink[] } {
  const { tickers, covariance } = result;
  const n = tickers.length;
  const s = covariance.values;
  const distance = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const rho = s[i * n + j] / Math.sqrt(s[i * n + i] * s[j * n + j]);
      distance[i * n + j] = i === j ? 0 : Math.sqrt(Math.min(1, Math.max(0, (1 - rho) / 2)));
    }
  }
  const z = linkage(distance, n, method);
  const order = leafOrder(z, n);
  const x = new Float64Array(2 * n - 1);
  const y = new Float64Array(2 * n - 1);
  order.forEach((leaf, position) => (x[leaf] = position));
  const links: DendrogramLink[] = [];
  for (let m = 0; m < n - 1; m++) {
    const [a, b, height] = [z[m * 4], z[m * 4 + 1], z[m * 4 + 2]];
    x[n + m] = (x[a] + x[b]) / 2;
    y[n + m] = height;
    links.push({ x: x[a], y: y[a], x2: x[a], y2: height }, { x: x[b], y: y[b], x2: x[b], y2: height }, { x: x[a], y: height, x2: x[b], y2: height });
  }
  return { leaves: order.map((i) => tickers[i]), links };
}

function frontierSpec(f: OptimizationFigures, method: string): ChartSpec {
  const axes = {
    x: { field: "volatility", type: "quantitative", title: "volatility (annualised)", axis: { format: ".0%" }, scale: { zero: false } },
    y: { field: "expectedReturn", type: "quantitative", title: "expected return (annualised)", axis: { format: ".0%" }, scale: { zero: false } },
  };
  return {
    width: 600,
    height: 320,
    layer: [
      { data: { values: f.frontier }, mark: { type: "line", color: "#2f6db5", strokeWidth: 2 }, encoding: { ...axes, order: { field: "volatility" } } },
      { data: { values: f.assets }, mark: { type: "point", filled: true, color: "#6b6b6b", size: 40 }, encoding: axes },
      { data: { values: f.assets }, mark: { type: "text", dx: 6, align: "left", fontSize: 10, color: "#5a6272" }, encoding: { ...axes, text: { field: "ticker" } } },
      { data: { values: [{ ...f.portfolio, label: method }] }, mark: { type: "point", shape: "diamond", filled: true, color: "#e07b39", size: 160 }, encoding: axes },
      { data: { values: [{ ...f.portfolio, label: method }] }, mark: { type: "text", dx: 10, dy: -8, align: "left", fontWeight: "bold", color: "#e07b39" }, encoding: { ...axes, text: { field: "label" } } },
    ],
  } as ChartSpec;
}

function dendrogramSpec(tree: NonNullable<OptimizationFigures["dendrogram"]>): ChartSpec {
  const x = { type: "quantitative", title: null, axis: null, scale: { domain: [-0.5, tree.leaves.length - 0.5] } };
  return {
    width: 600,
    height: 260,
    layer: [
      {
        data: { values: tree.links },
        mark: { type: "rule", color: "#2f6db5", strokeWidth: 1.5 },
        encoding: { x: { field: "x", ...x }, x2: { field: "x2" }, y: { field: "y", type: "quantitative", title: "distance √((1 − ρ)/2)" }, y2: { field: "y2" } },
      },
      {
        data: { values: tree.leaves.map((ticker, position) => ({ ticker, position, y: 0 })) },
        mark: { type: "text", angle: 300, align: "right", baseline: "middle", dy: 8, fontSize: 10 },
        encoding: { x: { field: "position", ...x }, y: { field: "y", type: "quantitative" }, text: { field: "ticker" } },
      },
    ],
  } as ChartSpec;
}

const pct = (x: number | null | undefined) => formatPercent(x);
const c = (value: number | null | undefined, format: (x: number | null | undefined) => string = pct): Cell => ({ value, format });

export function renderOptimization(input: OptimizationRun | OptimizationResult, options: OptimizationOptions = {}): string {
  const result = "result" in input ? input.result : input;
  const allocation = "result" in input ? input.allocation : undefined;
  const f = optimizationFigures(result, options);
  const body = [
    section(
      "Portfolio",
      figure({
        title: "Efficient frontier, the assets and the chosen portfolio",
        caption: "Frontier: the least volatile long-only, fully invested portfolio for each expected return, on the run's estimates.",
        spec: frontierSpec(f, result.method),
        table: table(
          ["", "expected return", "volatility", "Sharpe"],
          [
            [result.method, c(f.portfolio.expectedReturn), c(f.portfolio.volatility), c(f.portfolio.sharpe, (x) => formatNumber(x, 3))],
            ...f.assets.map((a) => [a.ticker, c(a.expectedReturn), c(a.volatility), ""] as Cell[]),
          ],
        ),
      }),
      figure({
        title: "Weights",
        spec: bars(f.weights.map((w) => ({ ticker: w.ticker, weight: finiteOrNull(w.weight) })), { x: "ticker", y: "weight", xTitle: "", yTitle: "weight", format: ".0%", sortByValue: true, signColors: true, height: 200 }),
        table: table(
          ["ticker", "weight", ...(allocation ? ["shares"] : [])],
          f.weights.map((w) => [w.ticker, c(w.weight), ...(allocation ? [c(allocation.shares[w.ticker] ?? 0, (x) => formatNumber(x, 0))] : [])]),
        ),
      }),
      figure({
        title: "Risk contributions",
        caption: "Each asset's share of the portfolio's variance, wᵢ(Σw)ᵢ / wᵀΣw; they sum to 100%.",
        spec: bars(f.weights.map((w) => ({ ticker: w.ticker, contribution: finiteOrNull(w.riskContribution) })), { x: "ticker", y: "contribution", xTitle: "", yTitle: "share of risk", format: ".0%", sortByValue: true, signColors: true, height: 200 }),
        table: table(["ticker", "weight", "risk contribution"], f.weights.map((w) => [w.ticker, c(w.weight), c(w.riskContribution)])),
      }),
      ...(f.dendrogram
        ? [
            figure({
              title: `HRP dendrogram (${options.linkage ?? "single"} linkage)`,
              caption: "Assets joined low in the tree move together; HRP splits capital down this tree, leaves in its order.",
              spec: dendrogramSpec(f.dendrogram),
              table: table(["position", "ticker", "weight"], f.dendrogram.leaves.map((ticker, k) => [String(k + 1), ticker, c(f.weights.find((w) => w.ticker === ticker)!.weight)])),
            }),
          ]
        : []),
      notes([...result.warnings, ...(allocation ? [`whole-share allocation leaves ${formatNumber(allocation.leftover)} in cash`] : [])]),
    ),
  ];
  return page(`Optimization: ${result.method}`, `${result.tickers.length} assets · expected return ${formatPercent(result.performance.expectedReturn)} · volatility ${formatPercent(result.performance.volatility)}`, body);
}
