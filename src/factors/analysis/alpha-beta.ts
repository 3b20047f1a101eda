/**
 * Alpha and beta of factor returns against the universe return, alphalens' factor_alpha_beta: OLS
 * with intercept, y = α + β·x, over the dates where both series are finite (factor-returns.ts gives
 * both). Needs 2 dates and some variation in x, else alpha and beta are null; x whose standard
 * deviation is below 1e-12 of its largest |value| counts as constant (a universe return equal on
 * every date differs only by rounding, and a slope fitted to rounding noise is meaningless).
 *
 * Annualisation as alphalens: α is a return per forward horizon of h trading days, so the annualised
 * alpha is (1 + α)^(252 / h) − 1 (252 trading days a year). That assumes horizons do not overlap
 * less than the evaluation spacing; alphalens applies it regardless, and so do we. β is unitless.
 */
const TRADING_DAYS_PER_YEAR = 252;
const RELATIVE_NOISE = 1e-12;

export interface AlphaBeta {
  /** Dates in the regression. */
  readonly dates: number;
  /** Intercept, per horizon (fraction). */
  readonly alpha: number | null;
  /** (1 + alpha)^(252 / horizon) − 1. */
  readonly annualizedAlpha: number | null;
  readonly beta: number | null;
}

export function alphaBeta(returns: ArrayLike<number>, universe: ArrayLike<number>, horizon: number): AlphaBeta {
  let n = 0;
  let sx = 0;
  let sy = 0;
  const both = (i: number) => returns[i] - returns[i] === 0 && universe[i] - universe[i] === 0;
  for (let i = 0; i < returns.length; i++) {
    if (!both(i)) continue;
    n++;
    sx += universe[i];
    sy += returns[i];
  }
  const none = { dates: n, alpha: null, annualizedAlpha: null, beta: null };
  if (n < 2) return none;
  const mx = sx / n;
  let scale = 0;
  const my = sy / n;
  let sxx = 0;
  let sxy = 0;
  for (let i = 0; i < returns.length; i++) {
    if (!both(i)) continue;
    scale = Math.max(scale, Math.abs(universe[i]));
    sxx += (universe[i] - mx) ** 2;
    sxy += (universe[i] - mx) * (returns[i] - my);
  }
  if (!(Math.sqrt(sxx / n) > RELATIVE_NOISE * scale)) return none;
  const beta = sxy / sxx;
  const alpha = my - beta * mx;
  return { dates: n, alpha, annualizedAlpha: (1 + alpha) ** (TRADING_DAYS_PER_YEAR / horizon) - 1, beta };
}
