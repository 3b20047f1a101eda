/**
 * The one error type the optimisation module throws for an expected failure.
 *
 * Every code names a reason a caller can act on; the message says what was asked, what
 * stands in the way and what to change. No optimiser returns NaN weights or falls back to
 * another method silently: it throws one of these instead.
 */
import { PlatformError } from "../errors.ts";

export type OptimizationErrorCode =
  /** The constraints (bounds, groups, turnover, targets) admit no portfolio. */
  | "infeasible"
  /** Maximum Sharpe asked while no asset's expected return exceeds the risk-free rate. */
  | "no-asset-beats-risk-free"
  /** Bounds or group limits contradict each other or the budget (e.g. lower > upper). */
  | "contradictory-bounds"
  /** Too few return observations to estimate a mean, variance or covariance. */
  | "too-few-observations"
  /** An input is malformed: non-finite numbers, mismatched tickers, bad parameters. */
  | "invalid-input"
  /** A constraint the chosen method does not support (e.g. bounds on risk parity). */
  | "unsupported-constraint"
  /** An iterative method stopped before meeting its tolerance. */
  | "not-converged";

export class OptimizationError extends PlatformError {
  override readonly name = "OptimizationError";
  declare readonly code: OptimizationErrorCode;

  constructor(code: OptimizationErrorCode, message: string) {
    super(code, message);
  }
}
