/**
 * Entry/exit signals turned into a target plan, vectorbt's `Portfolio.from_signals` idea: each
 * instrument is flat or long, an entry while flat opens a position of a fixed size, an exit while
 * long closes it.
 *
 * Rules, per instrument:
 * - Signals are grids like the market's (`[row * width + column]`, truthy = signal: 1, true, or any
 *   non-zero number; NaN is no signal); a Panel can be passed as is.
 * - State machine over the rows from the first decision row on (earlier signals are ignored: the
 *   position starts flat at the first decision row). An entry sets the wanted state to long, an exit
 *   to flat; an entry while long and an exit while flat change nothing (no pyramiding, no resizing).
 *   An entry and an exit on the same row cancel each other, in either state (vectorbt's default
 *   conflict mode, "ignore").
 * - On a decision row whose wanted state differs from the position, the plan gets a target: the
 *   size when entering (kind "shares": `shares`; kind "weight": `percent` / 100 of equity), 0 when
 *   exiting. Every other cell is NaN, so an open position is never resized while it is held. Between
 *   decision rows (a weekly schedule) the latest signal wins at the next decision row.
 *
 * A signal strategy in a few lines, e.g. long after a 5 % up day, flat after a 5 % down day:
 *
 *   const close = market.adjustedClose, width = market.labels.length;
 *   const entries = new Uint8Array(close.length), exits = new Uint8Array(close.length);
 *   for (let cell = width; cell < close.length; cell++) {
 *     entries[cell] = close[cell] > 1.05 * close[cell - width] ? 1 : 0;
 *     exits[cell] = close[cell] < 0.95 * close[cell - width] ? 1 : 0;
 *   }
 *   const plan = fromSignals(entries, exits, { percent: 10 }, width, decisionRows);
 */
import { InputError } from "../errors.ts";
import type { TargetPlan } from "./types.ts";

export type SignalGrid = ArrayLike<number | boolean> | { readonly values: ArrayLike<number | boolean> };

/** Shares per position, or a percentage of equity per position. */
export type SignalSize = { readonly shares: number } | { readonly percent: number };

/** `decisionRows` (ascending) are the rows that may trade; default every row. */
export function fromSignals(entries: SignalGrid, exits: SignalGrid, size: SignalSize, width: number, decisionRows?: ArrayLike<number>): TargetPlan {
  const entry = cells(entries);
  const exit = cells(exits);
  if (!(Number.isInteger(width) && width >= 1)) throw new InputError(`signals: width must be a whole number ≥ 1 (got ${width})`);
  if (entry.length !== exit.length || entry.length % width !== 0) {
    throw new InputError(`signals: entries (${entry.length} cells) and exits (${exit.length} cells) must be grids of the same rows × ${width} columns`);
  }
  const { kind, target } = sizeTarget(size);
  const nRows = entry.length / width;
  const rows = decisionRows ?? Int32Array.from({ length: nRows }, (_, d) => d);
  for (let r = 0; r < rows.length; r++) {
    if (!(Number.isInteger(rows[r]) && rows[r] >= (r === 0 ? 0 : rows[r - 1] + 1) && rows[r] < nRows)) {
      throw new RangeError(`decision rows must ascend within the ${nRows} rows (row ${rows[r]} at position ${r})`);
    }
  }
  const values = new Float64Array(entry.length).fill(NaN);
  if (rows.length === 0) return { kind, values };
  const wanted = new Uint8Array(width);
  const held = new Uint8Array(width);
  let next = 0; // index into rows of the next decision row
  for (let d = rows[0]; d < nRows && next < rows.length; d++) {
    const base = d * width;
    for (let i = 0; i < width; i++) {
      const enter = Boolean(entry[base + i]);
      if (enter !== Boolean(exit[base + i])) wanted[i] = enter ? 1 : 0;
    }
    if (d !== rows[next]) continue;
    next++;
    for (let i = 0; i < width; i++) {
      if (wanted[i] !== held[i]) {
        held[i] = wanted[i];
        values[base + i] = held[i] === 1 ? target : 0;
      }
    }
  }
  return { kind, values };
}

/** A Panel's values, or the array itself (a Panel has no length; typed arrays have a `values` method). */
function cells(grid: SignalGrid): ArrayLike<number | boolean> {
  return "length" in grid ? grid : grid.values;
}

function sizeTarget(size: SignalSize): { kind: TargetPlan["kind"]; target: number } {
  if ("shares" in size) {
    if (!(size.shares > 0 && size.shares < Infinity)) throw new InputError(`signals: shares per position must be a number > 0 (got ${size.shares})`);
    return { kind: "shares", target: size.shares };
  }
  if (!(size.percent > 0 && size.percent < Infinity)) throw new InputError(`signals: percent of equity per position must be a number > 0 (got ${size.percent})`);
  return { kind: "weight", target: size.percent / 100 };
}
