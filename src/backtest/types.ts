/**
 * The backtest's shared shapes: the market a simulation reads, the target plan a strategy writes,
 * and the result the kernel returns. Everything is dense typed arrays over a date × instrument grid.
 *
 * Grid: row-major like a Panel (`[d * width + i]`), rows are trading days ascending (a day with a bar
 * for any instrument of the universe), columns are the universe's instruments. Rows before
 * `startRow` are warm-up history: strategies read them, the simulation neither trades nor reports them.
 * Missing values are NaN; an instrument "has a bar" on a row when its close is a number.
 */
import type { InstrumentKey } from "../repositories/index.ts";

export interface Market {
  readonly dates: readonly string[];
  readonly instruments: readonly InstrumentKey[];
  /** `ticker` when one region is involved, else `ticker.region` (as the panels label columns). */
  readonly labels: readonly string[];
  /** Traded prices and volume, on the basis the simulation trades (raw, or total-return adjusted). */
  readonly open: Float64Array;
  readonly close: Float64Array;
  readonly volume: Float64Array;
  /**
   * Closes adjusted for splits and dividends as of the run's last day: what strategies read. For a
   * signal that only compares prices inside a window ending on row d (returns, moving averages,
   * covariances) this equals the series adjusted as of d, since every event after d scales the whole
   * window by one factor; no price after d enters the value of row d.
   */
  readonly adjustedClose: Float64Array;
  /** Split ratio effective at the start of the row (4 = 4-for-1); 1 where there is none. */
  readonly splitRatio: Float64Array;
  /** Cash dividend per share with ex-date on the row, in that day's shares; 0 where there is none. */
  readonly dividend: Float64Array;
  /** Row on whose close a delisted instrument's position is closed, −1 when it stays listed. */
  readonly delistRow: Int32Array;
  /** First simulated row (the `from` date); rows before it are warm-up. */
  readonly startRow: number;
}

/**
 * What a strategy wants, decided on a row's close. A NaN cell leaves the instrument as it is (and any
 * order still waiting for it stands); a number replaces its pending order:
 * - "weight": a fraction of equity (negative = short), sized into shares when the order fills;
 * - "shares": a share count (negative = short).
 */
export interface TargetPlan {
  readonly kind: "weight" | "shares";
  readonly values: Float64Array;
  /** What the strategy could not do and the user must know (e.g. an optimizer window that failed). */
  readonly notes?: readonly string[];
}

export type FillTiming = "next-open" | "close";

export interface SimulationOptions {
  readonly initialCash: number;
  readonly fill: FillTiming;
  /** Whole shares (default) or fractions. */
  readonly fractional: boolean;
  /** Allow short positions (long-short strategies only). */
  readonly allowShort: boolean;
  /** Allow cash below zero (buying on margin). */
  readonly allowLeverage: boolean;
  /** Annual borrow fee on the value of short positions, in bps, charged daily (/252). */
  readonly borrowFeeBps: number;
  /** Trade a name only when |target − current weight| exceeds this (weight plans only); 0 = always. */
  readonly driftBand: number;
  readonly costs: import("./costs/index.ts").CostModel;
}

/** Why a trade happened. */
export const TRADE_REASONS = ["rebalance", "delisting"] as const;
export type TradeReason = (typeof TRADE_REASONS)[number];

/** Fills, one entry per trade, as parallel arrays (the kernel's hot loop appends without objects). */
export interface TradeLog {
  readonly count: number;
  readonly row: Int32Array;
  readonly instrument: Int32Array;
  /** Signed shares: > 0 bought, < 0 sold. */
  readonly shares: Float64Array;
  readonly price: Float64Array;
  readonly commission: Float64Array;
  readonly slippage: Float64Array;
  readonly impact: Float64Array;
  /** Index into TRADE_REASONS. */
  readonly reason: Uint8Array;
}

/** Positions after the fills of a day on which something traded, as parallel arrays. */
export interface HoldingLog {
  readonly count: number;
  readonly row: Int32Array;
  readonly instrument: Int32Array;
  readonly shares: Float64Array;
  /** The close the position is marked at (the last known close). */
  readonly price: Float64Array;
}

/** One value per simulated row (rows startRow … end). */
export interface EquityCurve {
  readonly value: Float64Array;
  readonly cash: Float64Array;
  /** Σ |shares × close| and Σ shares × close. */
  readonly gross: Float64Array;
  readonly net: Float64Array;
  /** Value of the day's fills, Σ |shares × fill price|. */
  readonly traded: Float64Array;
  /** Costs charged on the day: commission + slippage + impact + borrow fee. */
  readonly costs: Float64Array;
}

export interface SimulationResult {
  readonly equity: EquityCurve;
  readonly trades: TradeLog;
  readonly holdings: HoldingLog;
  /** Final shares per instrument (columns of the market). */
  readonly finalShares: Float64Array;
  readonly finalCash: number;
  readonly dividendsReceived: number;
  readonly borrowFees: number;
  /** Shares a participation cap cancelled, and the number of orders it cut. */
  readonly cancelledShares: number;
  readonly cancelledOrders: number;
  /** Orders to open a position worth less than one whole share, which whole shares cannot place. */
  readonly belowOneShare: number;
}
