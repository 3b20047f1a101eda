/**
 * Slippage: a fixed cost in basis points that moves the fill price against the trade.
 *
 * Units: `bps` in basis points (1 bp = 0.0001), s = bps / 10,000; prices in currency per share;
 *   `shares` a share count whose sign is ignored (the side gives the direction).
 * Rule: a buy fills at price × (1 + s), a sell at price × (1 − s); the cost reported is the currency
 *   amount |shares| × price × s, measured against the reference (unslipped) price.
 * NaN in, NaN out: a NaN price or bps gives a NaN fill price and cost (never 0).
 */
export type Side = "buy" | "sell";

/** +1 for a buy, −1 for a sell: the direction in which costs move the price. */
export function sideSign(side: Side): 1 | -1 {
  return side === "buy" ? 1 : -1;
}

export interface Slippage {
  /** The price after slippage, against the trade. */
  readonly fillPrice: number;
  /** Currency amount the slippage cost: |shares| × price × s. */
  readonly cost: number;
}

export function slippage(side: Side, shares: number, price: number, bps: number): Slippage {
  return { fillPrice: slippedPrice(side, price, bps), cost: slippageCost(shares, price, bps) };
}

/** The price after slippage: price × (1 ± bps / 10,000), against the trade. */
export function slippedPrice(side: Side, price: number, bps: number): number {
  return price * (1 + (sideSign(side) * bps) / 10_000);
}

/** What slippage costs in currency: |shares| × price × bps / 10,000. */
export function slippageCost(shares: number, price: number, bps: number): number {
  return (Math.abs(shares) * price * bps) / 10_000;
}
