/**
 * The tick-window indicators by name, as the specs name them (`twpa(300,0)`, `spread_pct`): the
 * original system's (source-systems.md §4; names are its indicator types in lower case), each with
 * its parameters in seconds and the original's defaults, its one line (`value`) and its kernel over a
 * symbol's trades or order-book snapshots on a time grid. Formulas, and what was fixed from the
 * original, are in each kernel's header.
 */
import { bidAskImbalance } from "./bid-ask-imbalance.ts";
import type { IndicatorParameter } from "./catalog.ts";
import { priceVelocity } from "./price-velocity.ts";
import { spreadPct } from "./spread-pct.ts";
import type { TickColumns } from "./tick-columns.ts";
import { twpaRatio } from "./twpa-ratio.ts";
import { twpa } from "./twpa.ts";
import { volumeSurgeRatio } from "./volume-surge-ratio.ts";

export interface TickIndicatorDefinition {
  name: string;
  description: string;
  parameters: readonly IndicatorParameter[];
  lines: readonly string[];
  /** What the kernel reads: the symbol's trades or its order-book snapshots. */
  reads: "trades" | "books";
  conflict?(args: readonly number[]): string | undefined;
  /** One line per name in `lines`, one value per grid time. */
  compute(columns: TickColumns, grid: Float64Array, args: readonly number[]): Float64Array[];
}

/** What is wrong with the window from `start` to `end` seconds ago, undefined when it is a window. */
function window(startName: string, start: number, endName: string, end: number): string | undefined {
  return start > end ? undefined : `the window from ${startName} = ${start} s ago must start before its end ${endName} = ${end} s ago`;
}

const positive = (name: string, value: number): string | undefined => (value > 0 ? undefined : `${name} must be more than 0 seconds, got ${value}`);

/** Windows (t1, t2) and (t3, t4). */
const twoWindows = ([t1, t2, t3, t4]: readonly number[]) => window("t1", t1, "t2", t2) ?? window("t3", t3, "t4", t4);

/** A one-line indicator with parameters in seconds (name and default each). */
function tickIndicator(
  name: string,
  description: string,
  reads: "trades" | "books",
  parameters: readonly [string, number][],
  kernel: (columns: TickColumns, grid: Float64Array, args: readonly number[]) => Float64Array,
  conflict?: (args: readonly number[]) => string | undefined,
): TickIndicatorDefinition {
  return {
    name,
    description,
    parameters: parameters.map(([parameter, value]) => ({ name: parameter, default: value, kind: "seconds" })),
    lines: ["value"],
    reads,
    conflict,
    compute: (columns, grid, args) => [kernel(columns, grid, args)],
  };
}

export const TICK_INDICATORS: readonly TickIndicatorDefinition[] = [
  tickIndicator("twpa", "time-weighted average trade price from t1 to t2 seconds ago", "trades", [["t1", 300], ["t2", 0]],
    ({ trades }, grid, [t1, t2]) => twpa(trades, grid, t1, t2), ([t1, t2]) => window("t1", t1, "t2", t2)),
  tickIndicator("twpa_ratio", "TWPA(t1, t2) / TWPA(t3, t4)", "trades", [["t1", 300], ["t2", 60], ["t3", 1800], ["t4", 300]],
    ({ trades }, grid, [t1, t2, t3, t4]) => twpaRatio(trades, grid, t1, t2, t3, t4), twoWindows),
  tickIndicator("price_velocity", "% per second from the TWPA of the last t seconds d seconds earlier to the current one", "trades", [["t", 10], ["d", 30]],
    ({ trades }, grid, [t, d]) => priceVelocity(trades, grid, t, d), ([t, d]) => positive("t", t) ?? positive("d", d)),
  tickIndicator("volume_surge_ratio", "mean trade volume from t1 to t2 seconds ago / median trade volume from t3 to t4 seconds ago", "trades",
    [["t1", 30], ["t2", 0], ["t3", 600], ["t4", 30]], ({ trades }, grid, [t1, t2, t3, t4]) => volumeSurgeRatio(trades, grid, t1, t2, t3, t4), twoWindows),
  tickIndicator("bid_ask_imbalance", "(bid qty − ask qty) / (bid qty + ask qty) × 100 over all book levels, time-weighted over the last t seconds", "books",
    [["t", 30]], ({ books }, grid, [t]) => bidAskImbalance(books, grid, t)),
  tickIndicator("spread_pct", "(best ask − best bid) / mid × 100, of the standing book (t = 0) or time-weighted over the last t seconds", "books",
    [["t", 0]], ({ books }, grid, [t]) => spreadPct(books, grid, t)),
];

export const TICK_INDICATOR_NAMES: readonly string[] = TICK_INDICATORS.map((d) => d.name);
