/**
 * What a factor consumes and what the registry knows about it.
 *
 * Inputs are panels over the same dates and tickers (one region, one currency):
 * - `closes`: daily closes on one price basis (split- or total-adjusted as stored), NaN where the
 *   instrument has no bar;
 * - `fundamentals`: one "as of" panel per fundamental field, where cell (d, t) holds the latest value
 *   of that field KNOWN on date d (known_date ≤ d; see as-of-panel.ts for the exact rule), NaN when
 *   nothing is known yet. Building these panels is the only place point-in-time is enforced, so every
 *   fundamental factor is point-in-time by construction: it reads cell (d, t) and nothing later.
 * Field names are the `ticker_fundamentals` row properties; money in the instrument's currency.
 */
import type { Panel } from "../panel/index.ts";

export const FUNDAMENTAL_FIELDS = [
  "marketCap",
  "netIncome",
  "totalEquity",
  "totalLiabilities",
  "operatingProfit",
  "revenue",
  "dividendPerShare",
  "sharesOutstanding",
] as const;
export type FundamentalField = (typeof FUNDAMENTAL_FIELDS)[number];

/** Latest-known value of each field on each date; only the fields a factor needs must be present. */
export type FundamentalsAsOf = Partial<Record<FundamentalField, Panel>>;

export interface FactorInputs {
  readonly closes?: Panel;
  readonly fundamentals?: FundamentalsAsOf;
}

/** +1: a higher raw value is better; −1: lower is better (score = direction × z-score). */
export type Direction = 1 | -1;

export interface FactorDefinition {
  readonly name: string;
  /** One line: formula and units. */
  readonly description: string;
  readonly direction: Direction;
  /** Whether `inputs.closes` is required. */
  readonly needsCloses: boolean;
  /** Fundamental as-of panels required in `inputs.fundamentals`. */
  readonly fundamentals: readonly FundamentalField[];
  /**
   * Trading days of history to load before the first evaluation date so that every value is exact
   * (own bars before t the formula reads); 0 for fundamental factors.
   */
  readonly lookback: number;
  /** Raw factor values on the rows `at` of the input panels (default: every row); result rows = `at`. */
  compute(inputs: FactorInputs, at?: readonly number[]): Panel;
}
