/**
 * Test helper for kernel tests: a Market from tables of opens and closes (rows = dates, null = no
 * bar) with optional volumes, splits, dividends and delistings, and a weight or share plan from a
 * table of targets (null = no decision for that cell).
 */
import type { Market, SimulationOptions, TargetPlan } from "../../../src/backtest/types.ts";
import { weekdaysFrom } from "../../../src/synthetic/index.ts";

type Table = readonly (readonly (number | null)[])[];

const flat = (table: Table) => Float64Array.from(table.flat(), (v) => v ?? NaN);

export function grid(
  closes: Table,
  options: { open?: Table; volume?: Table; split?: Table; dividend?: Table; delistRow?: readonly number[]; startRow?: number } = {},
): Market {
  const width = closes[0].length;
  const labels = Array.from({ length: width }, (_, i) => String.fromCharCode(65 + i));
  const close = flat(closes);
  return {
    dates: weekdaysFrom("2024-01-01", closes.length),
    instruments: labels.map((ticker) => ({ ticker, region: "US" })),
    labels,
    open: options.open ? flat(options.open) : close,
    close,
    adjustedClose: close,
    volume: options.volume ? flat(options.volume) : close.map((c) => (c === c ? 1e9 : NaN)),
    splitRatio: options.split ? Float64Array.from(options.split.flat(), (v) => v ?? 1) : new Float64Array(close.length).fill(1),
    dividend: options.dividend ? Float64Array.from(options.dividend.flat(), (v) => v ?? 0) : new Float64Array(close.length),
    delistRow: Int32Array.from(options.delistRow ?? Array(width).fill(-1)),
    startRow: options.startRow ?? 0,
  };
}

export function plan(targets: Table, kind: TargetPlan["kind"] = "weight"): TargetPlan {
  return { kind, values: flat(targets) };
}

export function options(overrides: Partial<SimulationOptions> = {}): SimulationOptions {
  return {
    initialCash: 1000,
    fill: "next-open",
    fractional: false,
    allowShort: false,
    allowLeverage: false,
    borrowFeeBps: 0,
    driftBand: 0,
    costs: { slippageBps: 0, commissionBps: 0, commissionPerShare: 0, commissionMin: 0 },
    ...overrides,
  };
}
