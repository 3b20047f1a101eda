/**
 * A strategy's parameters as given (command-line `key=value` text, or typed values from the REPL)
 * checked against its ParameterSpecs and completed with defaults.
 *
 * Conversions: text "12" / "0.5" / "1e3" for numbers and integers, "true" / "false" for booleans;
 * a text parameter takes text only. Optional parameters without a default stay absent when not
 * given. Every failure is one InputError line naming the strategy and the parameter; after the
 * per-parameter checks the kind's `check` judges the combination.
 */
import { InputError } from "../../errors.ts";
import type { ParameterSpec, ParameterValue, StrategyKind, StrategyParameters } from "./types.ts";

export function resolveParameters(kind: StrategyKind, given: Readonly<Record<string, ParameterValue>>): StrategyParameters {
  const names = kind.parameters.map((spec) => spec.name);
  for (const name of Object.keys(given)) {
    if (!names.includes(name)) {
      throw new InputError(
        names.length === 0
          ? `${kind.kind} takes no parameters (got "${name}")`
          : `${kind.kind} has no parameter "${name}" (its parameters: ${names.join(", ")})`,
      );
    }
  }
  const params: Record<string, ParameterValue> = {};
  for (const spec of kind.parameters) {
    const value = given[spec.name];
    if (value !== undefined) params[spec.name] = convert(kind.kind, spec, value);
    else if (spec.default !== undefined) params[spec.name] = spec.default;
    else if (!spec.optional) throw new InputError(`${kind.kind} needs parameter ${spec.name}: ${spec.description}`);
  }
  kind.check?.(params);
  return params;
}

function convert(strategy: string, spec: ParameterSpec, value: ParameterValue): ParameterValue {
  const fail = (what: string): never => {
    throw new InputError(`${strategy}: parameter ${spec.name} must be ${what}, got ${JSON.stringify(value)}`);
  };
  switch (spec.type) {
    case "text":
      if (typeof value !== "string") fail("text");
      if (spec.choices && !spec.choices.includes(value as string)) fail(`one of ${spec.choices.join(", ")}`);
      return value;
    case "boolean":
      if (typeof value === "boolean") return value;
      if (value === "true" || value === "false") return value === "true";
      return fail("true or false");
    case "number":
    case "integer": {
      const x = typeof value === "number" ? value : typeof value === "string" && value.trim() !== "" ? Number(value) : NaN;
      if (!Number.isFinite(x)) fail(spec.type === "integer" ? "a whole number" : "a number");
      if (spec.type === "integer" && !Number.isInteger(x)) fail("a whole number");
      const belowMin = spec.min !== undefined && (spec.exclusiveMin ? x <= spec.min : x < spec.min);
      if (belowMin || (spec.max !== undefined && x > spec.max)) fail(rangeText(spec));
      return x;
    }
  }
}

/** "≥ 1", "> 0", "in (0, 1]", "in [0, 100]". */
function rangeText(spec: ParameterSpec): string {
  const { min, max } = spec;
  if (max === undefined) return `${spec.exclusiveMin ? ">" : "≥"} ${min}`;
  if (min === undefined) return `≤ ${max}`;
  return `in ${spec.exclusiveMin ? "(" : "["}${min}, ${max}]`;
}
