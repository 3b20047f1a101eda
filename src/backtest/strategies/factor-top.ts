/**
 * `factor-top`: hold the best-scored names of a stored factor or a composite of stored factors.
 *
 * `factor` is a stored factor's name (weight 1) or a composite `name:weight,name:weight` (a term
 * without `:weight` weighs 1); the shell loads the scores and combines them under the composite
 * rules (src/factors/cross-section/composite.ts), each cell the latest score stored on or before
 * the row's date, so the strategy itself reads no price history (lookback 0).
 *
 * At each decision row:
 * - eligible: the k instruments with a bar on the row and a finite score; the others get 0;
 * - ranked by score, highest first, ties by column order;
 * - selected: the top `n` (at most k), or the top ⌈quantile · k⌉ (`n` and `quantile` exclude each
 *   other); with `long-short` also the same number from the bottom, at most ⌊k/2⌋ on each side so the
 *   sides never overlap;
 * - weights: a side's gross (1 long-only; 0.5 long and 0.5 short with `long-short`, dollar-neutral)
 *   split equally, or with `weighting=score` by score rank: of m names the best gets m parts, the
 *   next m − 1, …, the m-th 1 (on the short side the worst-scored gets m parts), names with equal
 *   scores sharing their parts equally. Rank, not the score itself, because scores are z-scores:
 *   unbounded and possibly negative on the long side, so proportional weights would be undefined.
 * - no eligible name (or fewer than 2 with `long-short`): every target 0, all in cash.
 */
import { InputError } from "../../errors.ts";
import type { TargetPlan } from "../types.ts";
import type { StrategyKind, StrategyParameters } from "./types.ts";

const EXAMPLE = "a stored factor's name or a composite such as momentum_12_1:0.5,volatility_252:0.5";

export const factorTop: StrategyKind = {
  kind: "factor-top",
  description: "hold the best-scored names of a stored factor or composite, rebalanced at each decision date",
  parameters: [
    { name: "factor", type: "text", description: EXAMPLE },
    { name: "n", type: "integer", min: 1, optional: true, description: "hold the n best-scored names (or give quantile)" },
    { name: "quantile", type: "number", min: 0, exclusiveMin: true, max: 1, optional: true, description: "hold the best-scored fraction of the names, rounded up (or give n)" },
    { name: "weighting", type: "text", choices: ["equal", "score"], default: "equal", description: "equal weights, or weights by score rank" },
    { name: "long-short", type: "boolean", default: false, description: "also short as many worst-scored names: long 0.5 and short 0.5 of equity" },
  ],
  lookback: () => 0,
  allowShort: (params) => params["long-short"] === true,
  factorWeights: (params) => parseFactorWeights(params.factor as string),
  check(params) {
    parseFactorWeights(params.factor as string);
    if (params.n !== undefined && params.quantile !== undefined) throw new InputError("factor-top: give n or quantile, not both");
    if (params.n === undefined && params.quantile === undefined) throw new InputError("factor-top needs n (hold the top n names) or quantile (hold the top fraction)");
  },
  targets({ market, decisionRows, scores }, params): TargetPlan {
    const width = market.labels.length;
    if (scores === undefined || scores.values.length !== market.close.length || scores.tickers.length !== width) {
      throw new Error("factor-top needs inputs.scores on the market's grid");
    }
    const values = new Float64Array(market.close.length).fill(NaN);
    const longShort = params["long-short"] === true;
    const byRank = params.weighting === "score";
    for (const d of decisionRows) {
      const base = d * width;
      const score = scores.values.subarray(base, base + width);
      const ranked: number[] = [];
      for (let i = 0; i < width; i++) {
        values[base + i] = 0;
        if (market.close[base + i] === market.close[base + i] && Number.isFinite(score[i])) ranked.push(i);
      }
      ranked.sort((a, b) => score[b] - score[a] || a - b);
      const k = ranked.length;
      const wanted = selectionSize(params, k);
      const m = longShort ? Math.min(wanted, Math.floor(k / 2)) : wanted;
      if (m === 0) continue;
      const gross = longShort ? 0.5 : 1;
      writeSide(ranked.slice(0, m), score, byRank, gross, values, base);
      if (longShort) writeSide(ranked.slice(k - m).reverse(), score, byRank, -gross, values, base);
    }
    return { kind: "weight", values };
  },
};

/** `n`, or ⌈quantile · k⌉ (less a rounding tolerance, so 0.1 · 30 is 3, not 4), at most k. */
function selectionSize(params: StrategyParameters, k: number): number {
  if (params.n !== undefined) return Math.min(params.n as number, k);
  return Math.min(Math.ceil((params.quantile as number) * k - 1e-9), k);
}

/** `gross` split over `side` (best first) equally or by rank parts, equal scores sharing parts. */
function writeSide(side: readonly number[], score: Float64Array, byRank: boolean, gross: number, values: Float64Array, base: number): void {
  const m = side.length;
  if (!byRank) {
    for (const i of side) values[base + i] = gross / m;
    return;
  }
  const totalParts = (m * (m + 1)) / 2;
  for (let start = 0; start < m; ) {
    let end = start + 1;
    while (end < m && score[side[end]] === score[side[start]]) end++;
    // positions start … end−1 hold parts m − start … m − end + 1; their mean:
    const parts = m - (start + end - 1) / 2;
    for (let j = start; j < end; j++) values[base + side[j]] = (gross * parts) / totalParts;
    start = end;
  }
}

/** `a` → { a: 1 }; `a:0.5,b:0.5` → { a: 0.5, b: 0.5 }. */
function parseFactorWeights(text: string): Record<string, number> {
  const weights: Record<string, number> = {};
  const fail = (why: string): never => {
    throw new InputError(`factor-top: parameter factor "${text}" ${why}; give ${EXAMPLE}`);
  };
  for (const term of text.split(",")) {
    const [name, weight, extra] = term.trim().split(":");
    if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(name) || extra !== undefined) fail(`has a malformed term "${term.trim()}"`);
    const w = weight === undefined ? 1 : weight.trim() === "" ? NaN : Number(weight);
    if (!Number.isFinite(w)) fail(`gives ${name} the weight "${weight}", not a number`);
    if (Object.hasOwn(weights, name)) fail(`names ${name} twice`);
    weights[name] = w;
  }
  if (Object.values(weights).every((w) => w === 0)) fail("gives every factor a zero weight");
  return weights;
}
