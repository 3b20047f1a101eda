/**
 * The fixed time grid the tick-window indicators are evaluated on (the original evaluated every
 * second by default): every multiple of `step` since the epoch from `from` to `to`, so grids of one
 * step line up across symbols and sessions (a 1 s grid is the whole seconds). All in epoch
 * microseconds; the step is whole microseconds.
 */
import { InputError } from "../errors.ts";

/** The most grid times one evaluation makes: a guard against a step far too small for the span. */
export const MAX_GRID_POINTS = 5_000_000;

/** Multiples of `step` in [from, to], ascending (none when to < from). */
export function timeGrid(from: number, to: number, step: number): Float64Array {
  if (!Number.isSafeInteger(step) || step < 1) throw new InputError(`the grid step must be whole microseconds ≥ 1, got ${step}`);
  const first = Math.ceil(from / step);
  const last = Math.floor(to / step);
  const count = Math.max(0, last - first + 1);
  if (count > MAX_GRID_POINTS) {
    throw new InputError(
      `a grid every ${step / 1_000_000} s over ${(to - from) / 1_000_000} s has ${count} times, more than ${MAX_GRID_POINTS}: evaluate less often`,
    );
  }
  const grid = new Float64Array(count);
  for (let k = 0; k < count; k++) grid[k] = (first + k) * step;
  return grid;
}
