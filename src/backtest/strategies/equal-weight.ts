/**
 * `equal-weight`: at every decision row, 1/k of equity in each of the k instruments with a bar on
 * that row and 0 in the others (an instrument without a bar that day is sold at its next bar). A
 * benchmark: no parameters, no history read.
 */
import type { Market, TargetPlan } from "../types.ts";
import type { StrategyKind } from "./types.ts";

export const equalWeight: StrategyKind = {
  kind: "equal-weight",
  description: "equal weights in every instrument with a bar, rebalanced at each decision date",
  parameters: [],
  lookback: () => 0,
  allowShort: () => false,
  targets({ market, decisionRows }): TargetPlan {
    const values = new Float64Array(market.close.length).fill(NaN);
    for (const d of decisionRows) writeEqualWeights(market, d, values);
    return { kind: "weight", values };
  },
};

/** Row d of `values`: 1/k for the k instruments with a bar on d, 0 for the others. */
export function writeEqualWeights(market: Market, d: number, values: Float64Array): void {
  const width = market.labels.length;
  const base = d * width;
  let k = 0;
  for (let i = 0; i < width; i++) if (market.close[base + i] === market.close[base + i]) k++;
  for (let i = 0; i < width; i++) values[base + i] = market.close[base + i] === market.close[base + i] ? 1 / k : 0;
}
