/**
 * Row indices a computation evaluates: `at` when given, otherwise every row of the panel. Evaluation
 * dates are passed as row indices so a caller can compute month-ends or one day without paying for
 * the whole history. An index that is not a row is a programming error (RangeError).
 */
import type { Panel } from "./types.ts";

export function resolveRows(panel: Panel, at: readonly number[] | undefined): readonly number[] {
  if (at === undefined) return Array.from(panel.dates, (_, d) => d);
  for (const d of at) {
    if (!Number.isInteger(d) || d < 0 || d >= panel.dates.length) {
      throw new RangeError(`row index ${d} is outside the panel's ${panel.dates.length} dates`);
    }
  }
  return at;
}
