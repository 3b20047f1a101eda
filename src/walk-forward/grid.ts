/**
 * The walk-forward search space: a parameter grid, its combinations, and seeded random draws from it.
 *
 * A grid is `key → values` from repeatable `--grid "key=v1,v2,…"` texts; values stay text (trimmed)
 * and the strategy's parameter specs type them, as for `--param` (../backtest/strategies/parameters.ts).
 * Duplicates are judged on the trimmed text: "10" and "10.0" are two values.
 *
 * Grid order, the order every tie between parameter sets breaks by: the cartesian product with the
 * first key varying slowest and the last fastest, each key's values in the order given. Keys keep
 * the order of the `--grid` texts (Object key order; grid keys are parameter names, never integers).
 *
 * Random search draws N distinct combinations with mulberry32(seed) (a partial Fisher–Yates over the
 * indexes) and returns them in grid order, so ties still break by grid order and a draw is a subset
 * of the full grid search, not a reordering of it.
 */
import { InputError } from "../errors.ts";
import { resolveParameters, type ParameterValue, type StrategyKind, type StrategyParameters } from "../backtest/strategies/index.ts";
import { mulberry32 } from "../synthetic/random.ts";

export type ParameterGrid = Readonly<Record<string, readonly string[]>>;

/** `key=v1,v2,…` texts into one grid; each key once, each of its values once and non-empty. */
export function parseGrid(texts: readonly string[]): Record<string, string[]> {
  const grid: Record<string, string[]> = {};
  for (const text of texts) {
    const eq = text.indexOf("=");
    const key = eq < 0 ? "" : text.slice(0, eq).trim();
    const values = eq < 0 ? [] : text.slice(eq + 1).split(",").map((value) => value.trim());
    if (key === "" || values.some((value) => value === "")) throw new InputError(`--grid expects key=v1,v2,…, got "${text}"`);
    if (Object.hasOwn(grid, key)) throw new InputError(`--grid ${key} is given twice (give all its values in one --grid)`);
    const repeated = values.find((value, i) => values.indexOf(value) !== i);
    if (repeated !== undefined) throw new InputError(`--grid ${key} lists ${repeated} twice`);
    grid[key] = values;
  }
  return grid;
}

/**
 * Every combination of the grid in grid order (see the header), each merged with `fixed` and
 * resolved against the kind's specs (defaults filled, unknown names and bad values refused by
 * resolveParameters). An empty grid is one trial: the fixed parameters alone.
 */
export function gridCombinations(
  kind: StrategyKind,
  grid: ParameterGrid,
  fixed: Readonly<Record<string, ParameterValue>> = {},
): StrategyParameters[] {
  const keys = Object.keys(grid);
  const both = keys.find((key) => Object.hasOwn(fixed, key));
  if (both !== undefined) throw new InputError(`${kind.kind}: parameter ${both} is both fixed (--param) and searched (--grid); give it once`);
  let combinations: Record<string, ParameterValue>[] = [{ ...fixed }];
  for (const key of keys) {
    // Extending each earlier combination by this key's values keeps earlier keys slowest.
    combinations = combinations.flatMap((partial) => grid[key]!.map((value) => ({ ...partial, [key]: value })));
  }
  return combinations.map((given) => resolveParameters(kind, given));
}

/**
 * `count` distinct combinations drawn with mulberry32(seed), in grid order. A count at or above
 * the number of combinations is the whole grid (random search then equals grid search).
 */
export function randomDraws<T>(combinations: readonly T[], count: number, seed: number): T[] {
  if (!Number.isInteger(count) || count < 1) throw new InputError(`--random expects a whole number ≥ 1, got ${count}`);
  if (!Number.isInteger(seed)) throw new InputError(`--seed expects a whole number, got ${seed}`);
  if (count >= combinations.length) return [...combinations];
  const uniform = mulberry32(seed);
  const indexes = combinations.map((_, i) => i);
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(uniform() * (indexes.length - i));
    [indexes[i], indexes[j]] = [indexes[j]!, indexes[i]!];
  }
  return indexes
    .slice(0, count)
    .sort((a, b) => a - b)
    .map((i) => combinations[i]!);
}
