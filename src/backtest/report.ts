/**
 * A backtest run as one document: what `scripts/backtest.ts --json` prints, what `--save` stores and
 * what reading a stored run gives back (identical, `runId` included).
 *
 * Units: money in the instruments' currency, rounded to 8 decimals (the ledger's `numeric(24, 8)`
 * precision) so a stored run reads back exactly; shares as traded (whole unless fractional);
 * returns and ratios as decimals. A metric that cannot be computed is null (NaN in the library).
 */
import type { FillTiming, TradeReason } from "./types.ts";
import type { StrategyParameters } from "./strategies/types.ts";

export interface BacktestTrade {
  readonly date: string;
  readonly ticker: string;
  readonly region: string;
  readonly side: "buy" | "sell";
  /** Unsigned share count. */
  readonly shares: number;
  /** Fill price per share, slippage and impact included. */
  readonly price: number;
  readonly commission: number;
  /** Slippage plus market impact, in currency. */
  readonly slippage: number;
  readonly reason: TradeReason;
}

export interface BacktestEquityPoint {
  readonly date: string;
  readonly value: number;
  readonly cash: number;
  /** Σ |position value| ÷ value, and Σ position value ÷ value. */
  readonly grossExposure: number;
  readonly netExposure: number;
}

export interface BacktestHolding {
  readonly date: string;
  readonly ticker: string;
  readonly region: string;
  readonly shares: number;
  /** The close the position is marked at, its value and its weight in equity. */
  readonly price: number;
  readonly value: number;
  readonly weight: number;
}

/** Everything that determines a run, as given (after defaults), so a stored run can be repeated. */
export interface BacktestConfig {
  readonly strategy: string;
  readonly params: StrategyParameters;
  readonly universe: { readonly tickers?: readonly string[]; readonly region?: string; readonly assetTypes?: readonly string[] };
  readonly from: string;
  readonly to: string;
  readonly rebalance: string;
  readonly driftBand: number;
  readonly initialCash: number;
  readonly fill: FillTiming;
  readonly shares: "whole" | "fractional";
  readonly priceBasis: "raw" | "total";
  readonly commissionBps: number;
  readonly commissionPerShare: number;
  readonly commissionMin: number;
  readonly slippageBps: number;
  readonly impactK: number | null;
  readonly maxParticipation: number | null;
  readonly borrowFeeBps: number;
  readonly allowLeverage: boolean;
  readonly benchmark: string | null;
}

export interface BacktestReport {
  /** The backtest_results id, once saved. */
  readonly runId?: number;
  readonly strategy: string;
  readonly params: StrategyParameters;
  readonly from: string;
  readonly to: string;
  /** Instruments in the universe. */
  readonly instruments: number;
  readonly initialCash: number;
  readonly finalValue: number;
  readonly finalCash: number;
  /** true for `fill: "close"`: trading on the close that made the decision is optimistic. */
  readonly optimistic: boolean;
  readonly metrics: Readonly<Record<string, number | null>>;
  readonly trades: readonly BacktestTrade[];
  readonly equity: readonly BacktestEquityPoint[];
  readonly holdings: readonly BacktestHolding[];
  readonly config: BacktestConfig;
  /** The bars read: first and last date (warm-up included) and the number of bar rows. */
  readonly data: { readonly from: string; readonly to: string; readonly rows: number };
  /** The code that ran: the package version and, when known, the git commit. */
  readonly codeVersion: string;
  /** Things the user should know: cancelled shares, delistings, optimistic fills. */
  readonly notes: readonly string[];
}
