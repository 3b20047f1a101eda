/**
 * Whether two panels address their cells identically (same dates and tickers, in the same order), the
 * precondition of every cell-by-cell combination. Panels built separately by the caller can differ, so
 * a mismatch is bad input (InputError) naming the input at fault.
 */
import { InputError } from "../errors.ts";
import type { Panel } from "./types.ts";

/** Throws unless `b` has exactly the dates and tickers of `a`; `what` names `b` in the message. */
export function assertSameShape(a: Panel, b: Panel, what: string): void {
  if (!sameLabels(a.dates, b.dates) || !sameLabels(a.tickers, b.tickers)) {
    throw new InputError(`${what}: panel dates/tickers differ from the first input's`);
  }
}

/** The same strings in the same order (identical arrays answer at once). */
export function sameLabels(x: readonly string[], y: readonly string[]): boolean {
  if (x === y) return true;
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
  return true;
}
