/**
 * A strategy from weights you already have: a panel of target weights (dates × labels, e.g. from a
 * notebook or another model). At each decision row d the targets are the panel's latest row dated on
 * or before dates[d] (point in time: a row dated after d is never read for d); an instrument of the
 * market that the panel does not name, or a NaN cell, is held at 0. A panel labelled with tickers
 * that are not in the market is bad input (a typo would silently leave money in cash).
 * Negative weights are shorts, allowed when the panel holds any.
 */
import { InputError } from "../../errors.ts";
import type { Panel } from "../../panel/index.ts";
import type { TargetPlan } from "../types.ts";
import type { StrategyKind } from "./types.ts";

export function weightsStrategy(weights: Panel, name = "weights"): StrategyKind {
  const short = weights.values.some((w) => w < 0);
  return {
    kind: name,
    description: "target weights from a panel, the latest row on or before each decision date",
    parameters: [],
    lookback: () => 0,
    allowShort: () => short,
    targets({ market, decisionRows }): TargetPlan {
      const width = market.labels.length;
      const columnOf = new Map(market.labels.map((label, i) => [label, i]));
      const unknown = weights.tickers.filter((t) => !columnOf.has(t));
      if (unknown.length > 0) {
        throw new InputError(`weights name ${unknown.slice(0, 5).join(", ")}, not in the universe (${market.labels.slice(0, 5).join(", ")}, …); label columns as the universe does`);
      }
      const values = new Float64Array(market.close.length).fill(NaN);
      const panelWidth = weights.tickers.length;
      let row = -1;
      for (const d of decisionRows) {
        while (row + 1 < weights.dates.length && weights.dates[row + 1] <= market.dates[d]) row++;
        if (row < 0) continue;
        values.fill(0, d * width, (d + 1) * width);
        for (let t = 0; t < panelWidth; t++) {
          const w = weights.values[row * panelWidth + t];
          if (w === w) values[d * width + columnOf.get(weights.tickers[t])!] = w;
        }
      }
      return { kind: "weight", values };
    },
  };
}
