/**
 * The row index of each date in a panel, for evaluating on another panel's dates (a factor stored on
 * month-ends against the daily closes). A date the panel does not hold is bad input (InputError).
 */
import { InputError } from "../errors.ts";
import type { Panel } from "./types.ts";

export function rowsOfDates(panel: Panel, dates: readonly string[]): number[] {
  const rowOf = new Map<string, number>();
  panel.dates.forEach((date, d) => rowOf.set(date, d));
  return dates.map((date) => {
    const d = rowOf.get(date);
    if (d === undefined) throw new InputError(`date ${date} is not in the panel`);
    return d;
  });
}
