/**
 * The probabilistic and deflated Sharpe ratios of Bailey & López de Prado ("The Sharpe Ratio Efficient
 * Frontier", 2012; "The Deflated Sharpe Ratio", 2014).
 *
 * Conventions: `sharpe` is the per-period Sharpe ratio (mean ÷ standard deviation of the periods'
 * returns, not annualised), `observations` the number of periods it was measured on, `skew` the
 * returns' skewness γ3 and `kurtosis` their RAW kurtosis γ4 (3 for a normal distribution, not the
 * excess kurtosis 0). `varianceOfTrialSharpes` is the variance of the per-period Sharpe ratios of all
 * the trials the chosen one was picked from. Every input must be a finite number; anything else, or a
 * Sharpe estimate with no positive variance, is an InputError.
 */
import { InputError } from "../../errors.ts";
import { inverseNormalCdf, normalCdf } from "./normal.ts";

/** Euler–Mascheroni constant γ. */
export const EULER_MASCHERONI = 0.5772156649015329;

export interface ProbabilisticSharpeInput {
  sharpe: number;
  observations: number;
  skew: number;
  /** Raw kurtosis: 3 for normal returns. */
  kurtosis: number;
  /** The per-period Sharpe ratio SR* to beat; 0 by default. */
  benchmark?: number;
}

/**
 * PSR = Φ((SR − SR*)·√(n − 1) ÷ √(1 − γ3·SR + (γ4 − 1)/4·SR²)): the probability that the true Sharpe
 * ratio exceeds SR*, given the estimate SR from n observations with skewness γ3 and raw kurtosis γ4.
 */
export function probabilisticSharpeRatio(input: ProbabilisticSharpeInput): number {
  const { sharpe, observations, skew, kurtosis, benchmark = 0 } = input;
  requireFinite({ sharpe, skew, kurtosis, benchmark });
  if (!Number.isInteger(observations) || observations < 2) {
    throw new InputError(`observations must be a whole number of periods, at least 2, got ${observations}`);
  }
  const variance = 1 - skew * sharpe + ((kurtosis - 1) / 4) * sharpe * sharpe;
  if (!(variance > 0)) {
    throw new InputError(`1 − skew·sharpe + (kurtosis − 1)/4·sharpe² is ${variance}, not positive: check that kurtosis is raw (3 for normal returns), not excess`);
  }
  return normalCdf(((sharpe - benchmark) * Math.sqrt(observations - 1)) / Math.sqrt(variance));
}

/**
 * E[max SR] of `trials` independent zero-mean trials whose Sharpe ratios have variance V:
 * √V·((1 − γ)·Φ⁻¹(1 − 1/N) + γ·Φ⁻¹(1 − 1/(N·e))), γ the Euler–Mascheroni constant. One trial involves
 * no selection: its expected maximum is its mean, 0 (the formula would give −∞).
 */
export function expectedMaxSharpe(trials: number, varianceOfTrialSharpes: number): number {
  if (!Number.isInteger(trials) || trials < 1) throw new InputError(`trials must be a whole number of at least 1, got ${trials}`);
  if (!(varianceOfTrialSharpes >= 0) || !Number.isFinite(varianceOfTrialSharpes)) {
    throw new InputError(`varianceOfTrialSharpes must be a finite number ≥ 0, got ${varianceOfTrialSharpes}`);
  }
  if (trials === 1) return 0;
  const quantiles = (1 - EULER_MASCHERONI) * inverseNormalCdf(1 - 1 / trials) + EULER_MASCHERONI * inverseNormalCdf(1 - 1 / (trials * Math.E));
  return Math.sqrt(varianceOfTrialSharpes) * quantiles;
}

export interface DeflatedSharpeInput {
  sharpe: number;
  observations: number;
  /** How many parameter sets (trials) the Sharpe ratio was selected from. */
  trials: number;
  varianceOfTrialSharpes: number;
  skew: number;
  /** Raw kurtosis: 3 for normal returns. */
  kurtosis: number;
}

export interface DeflatedSharpe {
  /** The benchmark SR*: expectedMaxSharpe(trials, varianceOfTrialSharpes). */
  expectedMaxSharpe: number;
  /** DSR = PSR with SR* = expectedMaxSharpe. */
  dsr: number;
}

/** The PSR against the Sharpe ratio the best of `trials` skill-less trials would show by luck alone. */
export function deflatedSharpeRatio(input: DeflatedSharpeInput): DeflatedSharpe {
  const benchmark = expectedMaxSharpe(input.trials, input.varianceOfTrialSharpes);
  const dsr = probabilisticSharpeRatio({ sharpe: input.sharpe, observations: input.observations, skew: input.skew, kurtosis: input.kurtosis, benchmark });
  return { expectedMaxSharpe: benchmark, dsr };
}

function requireFinite(values: Record<string, number>): void {
  for (const [name, value] of Object.entries(values)) {
    if (typeof value !== "number" || !Number.isFinite(value)) throw new InputError(`${name} must be a finite number, got ${value}`);
  }
}
