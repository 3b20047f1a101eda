/**
 * The evaluation loop shared by price factors: for each requested date and ticker, find the ticker's
 * own bar on that date (see own-history.ts) and apply the factor's formula to its bar history.
 *
 * `minPriorBars` is the number of own bars the formula needs BEFORE the bar at t; with fewer, the cell
 * stays NaN (too little history yields no value, never 0). The result holds the requested dates only,
 * in the order given.
 */
import type { Panel } from "../panel/index.ts";
import { requireCloses } from "./inputs.ts";
import { type OwnHistory, mapOwnBars } from "./own-history.ts";
import type { Direction, FactorDefinition } from "./types.ts";

/**
 * Formula on own bars: `i` is the flat index of the bar at t in `history.close`/`history.ret`, and
 * `k` its position in the ticker's history (k ≥ minPriorBars is guaranteed; bars i−k..i are usable).
 */
export type BarFormula = (history: OwnHistory, i: number, k: number) => number;

export interface PriceFactorSpec {
  readonly name: string;
  readonly description: string;
  readonly direction: Direction;
  /** Own bars before t the formula reads at most (what a caller must load). */
  readonly lookback: number;
  /** Own bars before t the formula needs at least; fewer → NaN. */
  readonly minPriorBars: number;
  readonly formula: BarFormula;
}

export function definePriceFactor(spec: PriceFactorSpec): FactorDefinition {
  return {
    name: spec.name,
    description: spec.description,
    direction: spec.direction,
    needsCloses: true,
    fundamentals: [],
    lookback: spec.lookback,
    compute: (inputs, at) => evaluateOnBars(requireCloses(inputs, spec.name), at, spec.minPriorBars, spec.formula),
  };
}

function evaluateOnBars(
  closes: Panel,
  at: readonly number[] | undefined,
  minPriorBars: number,
  formula: BarFormula,
): Panel {
  return mapOwnBars(closes, at, (history, i, k) => (k >= minPriorBars ? formula(history, i, k) : NaN));
}
