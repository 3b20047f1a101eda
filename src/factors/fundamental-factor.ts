/**
 * The evaluation loop shared by fundamental factors: a formula applied cell by cell to the as-of
 * panels of the fields it needs (see types.ts). Point-in-time is inherited from the as-of panels: cell
 * (d, t) of the result reads cell (d, t) of each input and nothing else.
 *
 * A cell where any input is NaN stays NaN; the formula itself returns NaN where it has no value
 * (e.g. a non-positive denominator). The result holds the requested rows only, in the order given.
 */
import { nanPanel, type Panel, resolveRows } from "../panel/index.ts";
import { requireFundamentals } from "./inputs.ts";
import type { Direction, FactorDefinition, FactorInputs, FundamentalField } from "./types.ts";

/** Formula on one cell; `x[f]` is the value of the f-th declared field (all finite). */
export type CellFormula = (x: Float64Array) => number;

export interface FundamentalFactorSpec {
  readonly name: string;
  readonly description: string;
  readonly direction: Direction;
  readonly fields: readonly FundamentalField[];
  readonly formula: CellFormula;
}

export function defineFundamentalFactor(spec: FundamentalFactorSpec): FactorDefinition {
  return {
    name: spec.name,
    description: spec.description,
    direction: spec.direction,
    needsCloses: false,
    fundamentals: spec.fields,
    lookback: 0,
    compute: (inputs, at) => evaluateOnFundamentals(inputs, spec, at),
  };
}

function evaluateOnFundamentals(inputs: FactorInputs, spec: FundamentalFactorSpec, at: readonly number[] | undefined): Panel {
  const { fields, formula } = spec;
  const panels = requireFundamentals(inputs, spec.name, fields);
  const shape = panels[0];
  const rows = resolveRows(shape, at);
  const nTickers = shape.tickers.length;
  const out = nanPanel(
    rows.map((d) => shape.dates[d]),
    shape.tickers,
  );
  const x = new Float64Array(fields.length);
  for (let r = 0; r < rows.length; r++) {
    const cellBase = rows[r] * nTickers;
    cells: for (let t = 0; t < nTickers; t++) {
      for (let f = 0; f < panels.length; f++) {
        const v = panels[f].values[cellBase + t];
        if (!Number.isFinite(v)) continue cells;
        x[f] = v;
      }
      out.values[r * nTickers + t] = formula(x);
    }
  }
  return out;
}

/** numerator / denominator where the denominator is > 0; NaN otherwise (no meaningful ratio). */
export function positiveRatio(numerator: number, denominator: number): number {
  return denominator > 0 ? numerator / denominator : NaN;
}
