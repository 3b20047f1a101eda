/**
 * Shape helpers for factor panels (see src/panel.ts: dates × tickers, row-major, NaN = missing).
 *
 * Factor functions never mutate their inputs; every result is a new panel. Evaluation dates are given
 * as row indices into the input panel (`at`), so a caller can compute month-ends or one day without
 * paying for the whole history.
 */
import type { Panel } from "../panel.ts";

/** A panel of the given shape with every cell missing. */
export function nanPanel(dates: readonly string[], tickers: readonly string[]): Panel {
  return { dates, tickers, values: new Float64Array(dates.length * tickers.length).fill(NaN) };
}

/** Row indices to evaluate: `at` when given (validated), otherwise every row of the panel. */
export function resolveRows(panel: Panel, at: readonly number[] | undefined): readonly number[] {
  if (at === undefined) return Array.from(panel.dates, (_, d) => d);
  for (const d of at) {
    if (!Number.isInteger(d) || d < 0 || d >= panel.dates.length) {
      throw new RangeError(`row index ${d} is outside the panel's ${panel.dates.length} dates`);
    }
  }
  return at;
}

/** Throws unless `b` has exactly the dates and tickers of `a` (cells are then addressed identically). */
export function assertSameShape(a: Panel, b: Panel, what: string): void {
  if (a.dates === b.dates && a.tickers === b.tickers) return;
  if (!sameStrings(a.dates, b.dates) || !sameStrings(a.tickers, b.tickers)) {
    throw new Error(`${what}: panel dates/tickers differ from the first input's`);
  }
}

function sameStrings(x: readonly string[], y: readonly string[]): boolean {
  if (x === y) return true;
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}

/** Map each date to its row index; throws on a date the panel does not hold. */
export function rowsOfDates(panel: Panel, dates: readonly string[]): number[] {
  const rowOf = new Map<string, number>();
  panel.dates.forEach((date, d) => rowOf.set(date, d));
  return dates.map((date) => {
    const d = rowOf.get(date);
    if (d === undefined) throw new Error(`date ${date} is not in the panel`);
    return d;
  });
}
