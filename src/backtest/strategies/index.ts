/**
 * The built-in strategy kinds by name, and parameter resolution. A kind is looked up by the name the
 * command line and stored runs use (`strategies.kind`).
 */
import { InputError } from "../../errors.ts";
import { buyAndHold } from "./buy-and-hold.ts";
import { equalWeight } from "./equal-weight.ts";
import { factorTop } from "./factor-top.ts";
import { optimizer } from "./optimizer.ts";
import { smaCross } from "./sma-cross.ts";
import type { StrategyKind } from "./types.ts";

export type { ParameterSpec, ParameterValue, StrategyInputs, StrategyKind, StrategyParameters } from "./types.ts";
export { resolveParameters } from "./parameters.ts";

export const strategyKinds: Readonly<Record<string, StrategyKind>> = Object.fromEntries(
  [buyAndHold, equalWeight, factorTop, optimizer, smaCross].map((kind) => [kind.kind, kind]),
);

export function strategyKind(name: string): StrategyKind {
  const kind = Object.hasOwn(strategyKinds, name) ? strategyKinds[name] : undefined;
  if (kind === undefined) throw new InputError(`unknown strategy "${name}" (one of ${Object.keys(strategyKinds).join(", ")})`);
  return kind;
}
