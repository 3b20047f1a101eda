/**
 * Every factor the platform computes, by its stored `factor_name`.
 *
 * Each entry says what it needs (closes, fundamental fields), how much history to load before the first
 * date (`lookback`, trading days), its direction (+1 higher is better, −1 lower is better) and how to
 * compute raw values on a set of panel rows. Cross-sectional scoring is separate (cross-section/).
 */
import { bookToPrice } from "./book-to-price.ts";
import { debtToEquity } from "./debt-to-equity.ts";
import { dividendYield } from "./dividend-yield.ts";
import { earningsYield } from "./earnings-yield.ts";
import { logMarketCap } from "./log-market-cap.ts";
import { momentum12_1 } from "./momentum-12-1.ts";
import { operatingMargin } from "./operating-margin.ts";
import { returnOnEquity } from "./return-on-equity.ts";
import { reversal1m } from "./reversal-1m.ts";
import { rsi14 } from "./rsi-14.ts";
import type { FactorDefinition } from "./types.ts";
import { volatility252 } from "./volatility-252.ts";
import { InputError } from "../errors.ts";

export const FACTORS: readonly FactorDefinition[] = [
  momentum12_1,
  reversal1m,
  volatility252,
  rsi14,
  logMarketCap,
  earningsYield,
  bookToPrice,
  dividendYield,
  returnOnEquity,
  debtToEquity,
  operatingMargin,
];

const byName = new Map(FACTORS.map((factor) => [factor.name, factor]));

export const FACTOR_NAMES: readonly string[] = FACTORS.map((factor) => factor.name);

/** Factors computed from closes alone. */
export const PRICE_FACTORS: readonly FactorDefinition[] = FACTORS.filter((factor) => factor.needsCloses);

/** The named factor; an unknown name is a usage error that lists the known ones. */
export function factorByName(name: string): FactorDefinition {
  const factor = byName.get(name);
  if (factor === undefined) {
    throw new InputError(`unknown factor "${name}"; known factors: ${FACTOR_NAMES.join(", ")}`);
  }
  return factor;
}
