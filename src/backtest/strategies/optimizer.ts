/**
 * `optimizer`: at each decision row, run src/optimize on the trailing window of closes and hold its
 * weights.
 *
 * Window of decision row d: the adjusted closes (`market.adjustedClose`, so splits and dividends are
 * no returns) of rows d − lookback … d (lookback + 1 prices, lookback daily returns), of the
 * instruments with a close on every one of those rows; the others get 0. A full
 * window keeps every instrument's estimates on the same days (no pairwise-complete mixing); in a
 * universe mixing exchanges with different holidays it excludes names whose market was closed on a
 * grid day of the window.
 *
 * The optimisation is `optimizePortfolio` (src/optimize/index.ts) with `method`, `returns`
 * (expected-returns model), `cov` (risk model) and `bounds` "lo,hi" on every weight; `target` is the
 * annual volatility of efficient-risk or the annual return of efficient-return. Risk parity, inverse
 * volatility and HRP are long-only and fully invested by construction and take the default bounds
 * only. A negative lower bound allows shorts.
 *
 * When a window yields no weights (no instrument with a full window, or an OptimizationError such as
 * an infeasible bound), the row stays NaN, so the previous targets stand, and a note says why; the
 * optimizer's own warnings (a covariance repair) become notes too. Notes read `date: what happened`.
 */
import { InputError } from "../../errors.ts";
import { METHODS, type Method, OptimizationError, type OptimizeOptions, optimizePortfolio, RETURN_MODELS, type ReturnModel, RISK_MODELS, type RiskModel } from "../../optimize/index.ts";
import type { TargetPlan } from "../types.ts";
import type { StrategyKind, StrategyParameters } from "./types.ts";

const TARGETED: readonly Method[] = ["efficient-risk", "efficient-return"];
const UNCONSTRAINED: readonly Method[] = ["risk-parity", "inverse-volatility", "hrp"];

export const optimizer: StrategyKind = {
  kind: "optimizer",
  description: "hold the weights src/optimize gives the trailing window of closes, re-optimised at each decision date",
  parameters: [
    { name: "method", type: "text", choices: METHODS, default: "min-volatility", description: "the optimisation method" },
    { name: "lookback", type: "integer", min: 2, default: 252, description: "trading days of returns in each window" },
    { name: "cov", type: "text", choices: RISK_MODELS, default: "sample", description: "the risk model" },
    { name: "returns", type: "text", choices: RETURN_MODELS, default: "cagr", description: "the expected-returns model" },
    { name: "bounds", type: "text", default: "0,1", description: 'bounds "lo,hi" on every weight' },
    { name: "target", type: "number", optional: true, description: "annual target volatility (efficient-risk) or return (efficient-return)" },
  ],
  lookback: (params) => params.lookback as number,
  allowShort: (params) => parseBounds(params)[0] < 0,
  check(params) {
    const [lo, hi] = parseBounds(params);
    const method = params.method as Method;
    if (TARGETED.includes(method) !== (params.target !== undefined)) {
      throw new InputError(`optimizer: parameter target is ${params.target === undefined ? "needed" : "only for efficient-risk and efficient-return, not"} for method ${method}`);
    }
    if (UNCONSTRAINED.includes(method) && !(lo === 0 && hi === 1)) {
      throw new InputError(`optimizer: method ${method} is long-only and fully invested by construction and takes no bounds (got "${params.bounds}")`);
    }
  },
  targets({ market, decisionRows }, params): TargetPlan {
    const width = market.labels.length;
    const lookback = params.lookback as number;
    const options = optimizeOptions(params);
    const close = market.adjustedClose;
    const values = new Float64Array(close.length).fill(NaN);
    const notes: string[] = [];
    // lastGap[i]: the latest row so far on which instrument i has no close.
    const lastGap = new Int32Array(width).fill(-1);
    let scanned = 0;
    for (const d of decisionRows) {
      for (; scanned <= d; scanned++) {
        for (let i = 0; i < width; i++) if (close[scanned * width + i] !== close[scanned * width + i]) lastGap[i] = scanned;
      }
      const first = d - lookback;
      const columns: number[] = [];
      if (first >= 0) for (let i = 0; i < width; i++) if (lastGap[i] < first) columns.push(i);
      const date = market.dates[d];
      if (columns.length === 0) {
        notes.push(`${date}: no instrument has a close on each of the ${lookback + 1} days of the window; the previous targets stand`);
        continue;
      }
      const prices = new Float64Array((lookback + 1) * columns.length);
      for (let r = 0; r <= lookback; r++) {
        for (let c = 0; c < columns.length; c++) prices[r * columns.length + c] = close[(first + r) * width + columns[c]];
      }
      try {
        const result = optimizePortfolio({ dates: market.dates.slice(first, d + 1), tickers: columns.map((i) => market.labels[i]), values: prices }, options);
        for (let i = 0; i < width; i++) values[d * width + i] = 0;
        columns.forEach((i, c) => (values[d * width + i] = result.weights[c]));
        for (const warning of result.warnings) notes.push(`${date}: ${warning}`);
      } catch (err) {
        if (!(err instanceof OptimizationError)) throw err;
        notes.push(`${date}: ${err.message}; the previous targets stand`);
      }
    }
    return { kind: "weight", values, notes };
  },
};

function optimizeOptions(params: StrategyParameters): OptimizeOptions {
  const method = params.method as Method;
  const target = params.target as number | undefined;
  return {
    method,
    returns: params.returns as ReturnModel,
    risk: params.cov as RiskModel,
    targetVolatility: method === "efficient-risk" ? target : undefined,
    targetReturn: method === "efficient-return" ? target : undefined,
    constraints: UNCONSTRAINED.includes(method) ? undefined : { bounds: parseBounds(params) },
  };
}

function parseBounds(params: StrategyParameters): [number, number] {
  const text = params.bounds as string;
  const parts = text.split(",").map((part) => (part.trim() === "" ? NaN : Number(part)));
  if (parts.length !== 2 || !parts.every(Number.isFinite) || parts[0] > parts[1]) {
    throw new InputError(`optimizer: parameter bounds must be "lo,hi" with numbers lo ≤ hi, e.g. "0,0.2", got "${text}"`);
  }
  return [parts[0], parts[1]];
}
