/**
 * Input lookup with one clear error when a caller forgot an input a factor declares.
 */
import { assertSameShape, type Panel } from "../panel/index.ts";
import type { FactorInputs, FundamentalField } from "./types.ts";
import { InputError } from "../errors.ts";

export function requireCloses(inputs: FactorInputs, factor: string): Panel {
  if (inputs.closes === undefined) throw new InputError(`factor ${factor} needs inputs.closes`);
  return inputs.closes;
}

/** The requested as-of panels, checked to share one shape. */
export function requireFundamentals(inputs: FactorInputs, factor: string, fields: readonly FundamentalField[]): Panel[] {
  const panels = fields.map((field) => {
    const panel = inputs.fundamentals?.[field];
    if (panel === undefined) throw new InputError(`factor ${factor} needs inputs.fundamentals.${field}`);
    return panel;
  });
  for (let i = 1; i < panels.length; i++) assertSameShape(panels[0], panels[i], `factor ${factor}, field ${fields[i]}`);
  return panels;
}
