/**
 * `buy-and-hold`: on the first decision row, 1/k of equity in each of the k instruments with a bar
 * on that row, then never traded again (every later cell NaN), so the weights drift with prices.
 * A benchmark: no parameters, no history read.
 */
import type { TargetPlan } from "../types.ts";
import { writeEqualWeights } from "./equal-weight.ts";
import type { StrategyKind } from "./types.ts";

export const buyAndHold: StrategyKind = {
  kind: "buy-and-hold",
  description: "equal weights in every instrument with a bar on the first day, never rebalanced",
  parameters: [],
  lookback: () => 0,
  allowShort: () => false,
  targets({ market, decisionRows }): TargetPlan {
    const values = new Float64Array(market.close.length).fill(NaN);
    if (decisionRows.length > 0) writeEqualWeights(market, decisionRows[0], values);
    return { kind: "weight", values };
  },
};
