/**
 * The strategy contract. A strategy kind has named parameters (numbers, text, booleans: what the
 * walk-forward search varies), says how much history it reads before the first simulated day, and
 * turns the market into a target plan for the decision rows it is given.
 *
 * Point-in-time rule, every kind's duty: the targets of row d are computed from rows ≤ d only (the
 * close of d is known when the decision is made; the fill comes later, see ../kernel/simulate.ts).
 */
import type { Panel } from "../../panel/index.ts";
import type { Market, TargetPlan } from "../types.ts";

export type ParameterValue = number | string | boolean;
export type StrategyParameters = Readonly<Record<string, ParameterValue>>;

export interface ParameterSpec {
  readonly name: string;
  readonly type: "number" | "integer" | "text" | "boolean";
  readonly description: string;
  /** Used when the parameter is not given; no default and not `optional` → required. */
  readonly default?: ParameterValue;
  /** May be left out with no default (e.g. one of `n` / `quantile`). */
  readonly optional?: boolean;
  /** Allowed text values. */
  readonly choices?: readonly string[];
  /** Inclusive numeric bounds. */
  readonly min?: number;
  readonly max?: number;
  /** `min` itself is excluded (a quantile in (0, 1]). */
  readonly exclusiveMin?: boolean;
}

export interface StrategyInputs {
  readonly market: Market;
  /** Rows (≥ market.startRow, ascending) on whose close the strategy decides. */
  readonly decisionRows: Int32Array;
  /**
   * Factor scores on the market's grid (same dates and labels), each cell the latest score stored on
   * or before that row's date; present for kinds whose `factorWeights` is defined.
   */
  readonly scores?: Panel;
}

export interface StrategyKind {
  readonly kind: string;
  readonly description: string;
  readonly parameters: readonly ParameterSpec[];
  /** The schedule used when the run gives none (default month-end); signal kinds decide daily. */
  readonly defaultRebalance?: string;
  /** Trading days of history before the first simulated day that the first decision needs. */
  lookback(params: StrategyParameters): number;
  /**
   * Throws InputError for resolved parameters that are each valid but contradict each other or
   * need parsing (`n` and `quantile` both given, a malformed `bounds`); called by resolveParameters.
   */
  check?(params: StrategyParameters): void;
  /** Whether the plan may hold negative targets. */
  allowShort(params: StrategyParameters): boolean;
  /** Composite weights of stored factors to load as `inputs.scores`; undefined when none are read. */
  factorWeights?(params: StrategyParameters): Record<string, number>;
  /** The target plan over the whole grid; rows outside `decisionRows` are NaN. */
  targets(inputs: StrategyInputs, params: StrategyParameters): TargetPlan;
}
