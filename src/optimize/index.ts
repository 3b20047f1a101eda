/**
 * Portfolio optimisation from a price panel in one call, for the REPL, scripts and backtests,
 * plus the module's public exports.
 *
 * `optimizePortfolio(prices, options)`: daily simple returns (`returnsFromPrices`), expected
 * returns (default CAGR) and a risk model (default sample covariance), both annualised with 252
 * periods, then the chosen method, then PyPortfolioOpt's performance figures. Conventions are
 * PyPortfolioOpt's throughout (see each module). Warnings (e.g. a PSD repair) are returned,
 * never dropped.
 *
 * HRP with the default sample risk model is `HRPOpt(returns)`: it clusters and allocates on the
 * returns' own pairwise correlation and covariance (hrp.ts), not on the repaired covariance; with
 * another risk model it is `HRPOpt(cov_matrix=S)` on that model. Its performance figures, like every
 * method's, use the chosen return model (default CAGR) and covariance; PyPortfolioOpt's
 * `HRPOpt.portfolio_performance` uses the arithmetic mean × 252 (`--returns mean`).
 */
import { column, type Panel, selectColumns } from "../panel/index.ts";
import type { PortfolioConstraints } from "./constraints.ts";
import { efficientRisk } from "./efficient-risk.ts";
import { OptimizationError } from "./errors.ts";
import { capmReturn, emaHistoricalReturn, meanHistoricalReturn } from "./expected-returns.ts";
import { hierarchicalRiskParity, hierarchicalRiskParityFromReturns } from "./hrp.ts";
import type { LinkageMethod } from "./linkage.ts";
import { efficientReturn, maxQuadraticUtility, maxSharpe, minVolatility } from "./mean-variance.ts";
import { portfolioPerformance } from "./performance.ts";
import { returnsFromPrices } from "./returns.ts";
import { exponentialCovariance, sampleCovariance, semicovariance } from "./risk-models.ts";
import { inverseVolatility, riskParity } from "./risk-parity.ts";
import { ledoitWolf } from "./shrinkage.ts";
import type { AssetVector, CovarianceMatrix, PortfolioPerformance, PortfolioWeights } from "./types.ts";

export { OptimizationError, type OptimizationErrorCode } from "./errors.ts";
export type { AssetVector, CovarianceMatrix, PortfolioPerformance, PortfolioWeights } from "./types.ts";
export type { GroupLimit, PortfolioConstraints, TurnoverLimit } from "./constraints.ts";
export { returnsFromPrices } from "./returns.ts";
export { meanHistoricalReturn, emaHistoricalReturn, capmReturn } from "./expected-returns.ts";
export { sampleCovariance, semicovariance, exponentialCovariance } from "./risk-models.ts";
export { ledoitWolf, type ShrinkageTarget } from "./shrinkage.ts";
export { fixNonPositiveSemidefinite } from "./psd.ts";
export { minVolatility, maxSharpe, maxQuadraticUtility, efficientReturn } from "./mean-variance.ts";
export { efficientRisk } from "./efficient-risk.ts";
export { riskParity, inverseVolatility, riskContributions } from "./risk-parity.ts";
export { hierarchicalRiskParity, hierarchicalRiskParityFromReturns } from "./hrp.ts";
export { portfolioPerformance } from "./performance.ts";
export { greedyAllocation, type DiscreteAllocation } from "./discrete-allocation.ts";
export { readPriceCsv, parsePriceCsv, PriceCsvError } from "./price-csv.ts";

export const METHODS = [
  "min-volatility",
  "max-sharpe",
  "efficient-risk",
  "efficient-return",
  "max-quadratic-utility",
  "risk-parity",
  "inverse-volatility",
  "hrp",
] as const;
export type Method = (typeof METHODS)[number];

export const RETURN_MODELS = ["mean", "cagr", "ema", "capm"] as const;
export type ReturnModel = (typeof RETURN_MODELS)[number];

export const RISK_MODELS = ["sample", "semicovariance", "exp", "ledoit-wolf", "ledoit-wolf-single-factor", "ledoit-wolf-constant-correlation"] as const;
export type RiskModel = (typeof RISK_MODELS)[number];

export interface OptimizeOptions {
  readonly method: Method;
  /** Default "cagr" (PyPortfolioOpt's `mean_historical_return` with compounding). */
  readonly returns?: ReturnModel;
  /** Default "sample". "ledoit-wolf" is the constant-variance target. */
  readonly risk?: RiskModel;
  /** Annual; used by max Sharpe, CAPM and the Sharpe figure. Default 0. */
  readonly riskFreeRate?: number;
  readonly targetVolatility?: number;
  readonly targetReturn?: number;
  /** δ of max quadratic utility, default 1. */
  readonly riskAversion?: number;
  /** Risk budgets for risk parity (default equal). */
  readonly riskBudgets?: Float64Array;
  /** HRP linkage, default "single". */
  readonly linkage?: LinkageMethod;
  /** CAPM market: a ticker of `prices` excluded from the universe; default the equal-weighted assets. */
  readonly benchmark?: string;
  readonly constraints?: PortfolioConstraints;
}

export interface OptimizationResult extends PortfolioWeights {
  readonly method: Method;
  readonly expectedReturns: AssetVector;
  readonly covariance: CovarianceMatrix;
  readonly performance: PortfolioPerformance;
}

export function optimizePortfolio(prices: Panel, options: OptimizeOptions): OptimizationResult {
  const { method, riskFreeRate = 0 } = options;
  const { assets, market } = splitBenchmark(prices, options.benchmark);
  const returns = returnsFromPrices(assets);
  const expectedReturns = estimateReturns(returns, options.returns ?? "cagr", riskFreeRate, market && alignMarket(market, returns.dates, options.benchmark!));
  const covariance = estimateRisk(returns, options.risk ?? "sample");
  const weights = method === "hrp" && (options.risk ?? "sample") === "sample" ? hrpFromReturns(returns, options, covariance.warnings) : runMethod(method, expectedReturns, covariance, options);
  return {
    ...weights,
    method,
    expectedReturns,
    covariance,
    performance: portfolioPerformance(weights.weights, expectedReturns, covariance, riskFreeRate),
  };
}

function runMethod(method: Method, mu: AssetVector, sigma: CovarianceMatrix, options: OptimizeOptions): PortfolioWeights {
  const { constraints, riskFreeRate = 0 } = options;
  switch (method) {
    case "min-volatility":
      return minVolatility(sigma, constraints);
    case "max-sharpe":
      return maxSharpe(mu, sigma, { riskFreeRate, constraints });
    case "efficient-risk":
      return efficientRisk(mu, sigma, { targetVolatility: required(options.targetVolatility, "efficient-risk", "a target volatility"), constraints });
    case "efficient-return":
      return efficientReturn(mu, sigma, { targetReturn: required(options.targetReturn, "efficient-return", "a target return"), constraints });
    case "max-quadratic-utility":
      return maxQuadraticUtility(mu, sigma, { riskAversion: options.riskAversion, constraints });
    case "risk-parity":
      return riskParity(sigma, { budgets: options.riskBudgets, constraints });
    case "inverse-volatility":
      return inverseVolatility(sigma, constraints);
    case "hrp":
      refuseHrpConstraints(constraints);
      return hierarchicalRiskParity(sigma, { linkage: options.linkage });
    default:
      throw new OptimizationError("invalid-input", `unknown method "${String(method)}"; use one of ${METHODS.join(", ")}`);
  }
}

/** The weights from the returns' own moments; the warnings of the covariance the performance figures use. */
function hrpFromReturns(returns: Panel, options: OptimizeOptions, warnings: readonly string[]): PortfolioWeights {
  refuseHrpConstraints(options.constraints);
  return { ...hierarchicalRiskParityFromReturns(returns, { linkage: options.linkage }), warnings };
}

function refuseHrpConstraints(constraints: PortfolioConstraints | undefined): void {
  if (constraints && Object.values(constraints).some((value) => value !== undefined)) {
    throw new OptimizationError("unsupported-constraint", "hrp is long-only and fully invested by construction and takes no constraints");
  }
}

function estimateReturns(returns: Panel, model: ReturnModel, riskFreeRate: number, marketReturns: Float64Array | undefined): AssetVector {
  switch (model) {
    case "mean":
      return meanHistoricalReturn(returns, { compounding: false });
    case "cagr":
      return meanHistoricalReturn(returns, { compounding: true });
    case "ema":
      return emaHistoricalReturn(returns);
    case "capm":
      return capmReturn(returns, { riskFreeRate, marketReturns });
    default:
      throw new OptimizationError("invalid-input", `unknown return model "${String(model)}"; use one of ${RETURN_MODELS.join(", ")}`);
  }
}

function estimateRisk(returns: Panel, model: RiskModel): CovarianceMatrix {
  switch (model) {
    case "sample":
      return sampleCovariance(returns);
    case "semicovariance":
      return semicovariance(returns);
    case "exp":
      return exponentialCovariance(returns);
    case "ledoit-wolf":
      return ledoitWolf(returns, { target: "constant-variance" });
    case "ledoit-wolf-single-factor":
      return ledoitWolf(returns, { target: "single-factor" });
    case "ledoit-wolf-constant-correlation":
      return ledoitWolf(returns, { target: "constant-correlation" });
    default:
      throw new OptimizationError("invalid-input", `unknown risk model "${String(model)}"; use one of ${RISK_MODELS.join(", ")}`);
  }
}

function required(value: number | undefined, method: string, what: string): number {
  if (value === undefined) throw new OptimizationError("invalid-input", `${method} needs ${what}`);
  return value;
}

/** Separates the CAPM benchmark column (if any) from the asset universe. */
function splitBenchmark(prices: Panel, benchmark: string | undefined): { assets: Panel; market?: { dates: readonly string[]; prices: Float64Array } } {
  if (benchmark === undefined) return { assets: prices };
  const market = prices.tickers.indexOf(benchmark);
  if (market < 0) throw new OptimizationError("invalid-input", `benchmark ${benchmark} is not a column of the prices`);
  const assets = prices.tickers.map((_, i) => i).filter((i) => i !== market);
  return { assets: selectColumns(prices, assets), market: { dates: prices.dates, prices: column(prices, market) } };
}

/** The benchmark's own simple returns (no fill, validated), looked up on the asset-return dates (a left join). */
function alignMarket(market: { dates: readonly string[]; prices: Float64Array }, dates: readonly string[], benchmark: string): Float64Array {
  const own = returnsFromPrices({ dates: market.dates, tickers: [benchmark], values: market.prices });
  const byDate = new Map(own.dates.map((date, d) => [date, own.values[d]]));
  return Float64Array.from(dates, (date) => byDate.get(date) ?? NaN);
}
