/**
 * Composite score: weighted sum of factor scores, weights as in a strategy's `factor_weights`
 * (`{ momentum_12_1: 0.5, volatility_252: 0.5 }`).
 *
 * Inputs are SCORES (direction-adjusted z-scores, score-factor.ts), so a positive weight always means
 * "more of what the factor rewards": weight 0.5 on volatility_252 favours LOW volatility.
 * composite(d, t) = Σ_i w_i · s_i(d, t) when every weighted component is present.
 * Missing components: the sum runs over the present ones and is scaled by Σ|w| / Σ_present |w|, so a
 * name missing one factor is scored on the others at the same scale (with all components present the
 * scale is 1, the plain weighted sum). If the present components carry less than `minCoverage` of Σ|w|
 * (default one half), the composite is NaN: too little of the recipe to call it the same score.
 * Zero weights are ignored. All score panels must share dates and tickers.
 */
import { assertSameShape, nanPanel, type Panel } from "../../panel/index.ts";
import { InputError } from "../../errors.ts";

export interface CompositeOptions {
  /** Least share of Σ|w| that must be present for a value, 0 < minCoverage ≤ 1. Default 0.5. */
  readonly minCoverage?: number;
}

export function composite(
  scores: Readonly<Record<string, Panel>>,
  weights: Readonly<Record<string, number>>,
  options: CompositeOptions = {},
): Panel {
  const minCoverage = options.minCoverage ?? 0.5;
  if (!(minCoverage > 0 && minCoverage <= 1)) throw new RangeError(`minCoverage must be in (0, 1], got ${minCoverage}`);
  const components = Object.entries(weights).filter(([, w]) => w !== 0);
  if (components.length === 0) throw new InputError("composite: no factor has a non-zero weight");
  const panels = components.map(([name, w]) => {
    if (!Number.isFinite(w)) throw new InputError(`composite: weight of ${name} is not a finite number`);
    const panel = scores[name];
    if (panel === undefined) throw new InputError(`composite: no scores given for weighted factor ${name}`);
    return panel;
  });
  const w = Float64Array.from(components, ([, weight]) => weight);
  let totalAbs = 0;
  for (const x of w) totalAbs += Math.abs(x);
  panels.forEach((panel, i) => assertSameShape(panels[0], panel, `composite, factor ${components[i][0]}`));

  const out = nanPanel(panels[0].dates, panels[0].tickers);
  const minPresent = minCoverage * totalAbs * (1 - 1e-12); // tolerate rounding in Σ|w|
  for (let cell = 0; cell < out.values.length; cell++) {
    let sum = 0;
    let presentAbs = 0;
    for (let i = 0; i < panels.length; i++) {
      const s = panels[i].values[cell];
      if (s - s === 0) {
        sum += w[i] * s;
        presentAbs += Math.abs(w[i]);
      }
    }
    if (presentAbs > 0 && presentAbs >= minPresent) out.values[cell] = presentAbs === totalAbs ? sum : (sum * totalAbs) / presentAbs;
  }
  return out;
}
