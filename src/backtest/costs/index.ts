/**
 * Execution costs of one order on its fill bar: participation cap, slippage, market impact and
 * commission, combined as the backtest simulator applies them (each model lives in its own file).
 *
 * Order of application (`fillCost`):
 *   1. participation cap (participation.ts): the fillable part of the order; the rest is cancelled;
 *   2. slippage (slippage.ts) and square-root impact (market-impact.ts), both fractions of the
 *      reference price, move the price against the trade:
 *        buy at price × (1 + s + impact), sell at price × (1 − s − impact), s = slippageBps / 10,000;
 *   3. commission (commission.ts) on the filled shares at that fill price, minimum per order.
 * Units: `shares`, `fillShares` and `cancelledShares` are unsigned share counts, the side gives the
 *   direction; `price` is the reference price of the fill bar (its open for next-open fills, its
 *   close for close fills), in currency per share; `commission`, `slippage` and `impact` are currency
 *   amounts, slippage and impact measured as |fillShares| × price × fraction.
 * Optional models: `impactK` undefined → no impact (0, and σ and ADV20 are not read);
 *   `maxParticipation` undefined → no cap (everything fills, volume is not read).
 * Nothing filled (a capped zero-volume bar, or a zero-share order) → all costs 0 and fillPrice NaN,
 *   since there is no fill to price.
 * NaN in, NaN out: when a value cannot be computed (NaN price; a cap with a missing or NaN volume;
 *   impact with a missing σ or an ADV20 of 0 or NaN) it is NaN, never 0.
 * `checkCostModel` refuses a model with a negative or non-finite rate, or a cap outside (0, 1].
 */
import { InputError } from "../../errors.ts";
import { commission } from "./commission.ts";
import { marketImpact } from "./market-impact.ts";
import { fillableShares } from "./participation.ts";
import { sideSign, slippageCost, slippedPrice, type Side } from "./slippage.ts";

export { commission, type CommissionRates } from "./commission.ts";
export { marketImpact } from "./market-impact.ts";
export { fillableShares, participation, type Participation } from "./participation.ts";
export { sideSign, slippage, slippageCost, slippedPrice, type Side, type Slippage } from "./slippage.ts";

export interface CostModel {
  /** Slippage in basis points of the reference price. */
  readonly slippageBps: number;
  /** Commission in basis points of the traded value at the fill price. */
  readonly commissionBps: number;
  /** Commission in currency per share traded. */
  readonly commissionPerShare: number;
  /** Minimum commission per order, in currency. */
  readonly commissionMin: number;
  /** Square-root impact coefficient k; undefined → no impact. */
  readonly impactK?: number;
  /** Largest fraction of the fill bar's volume an order may take, in (0, 1]; undefined → no cap. */
  readonly maxParticipation?: number;
}

export interface Order {
  readonly side: Side;
  /** Shares wanted, ≥ 0 (the side gives the direction). */
  readonly shares: number;
  /** Reference price of the fill bar. */
  readonly price: number;
  /** The fill bar's volume in shares; read only with a participation cap. */
  readonly volume?: number;
  /** Stdev of daily simple returns over the trailing window known at decision time; read only with impact. */
  readonly sigmaDaily?: number;
  /** Mean volume of the last 20 bars known at decision time; read only with impact. */
  readonly adv20?: number;
  /** Allow fractional shares under the participation cap (default whole shares). */
  readonly fractional?: boolean;
}

export interface FillCost {
  readonly fillShares: number;
  readonly cancelledShares: number;
  readonly fillPrice: number;
  readonly commission: number;
  readonly slippage: number;
  readonly impact: number;
}

export function fillCost(order: Order, model: CostModel): FillCost {
  return fillCostInto({ fillShares: 0, cancelledShares: 0, fillPrice: 0, commission: 0, slippage: 0, impact: 0 }, order, model);
}

/** A FillCost whose fields `fillCostInto` overwrites. */
export type FillCostSlot = { -readonly [K in keyof FillCost]: FillCost[K] };

/** fillCost written into `out` (returned): the simulator's hot path reuses one slot and allocates nothing. */
export function fillCostInto(out: FillCostSlot, order: Order, model: CostModel): FillCostSlot {
  if (order.shares < 0) {
    throw new InputError(`order shares must be ≥ 0 (got ${order.shares}); the side gives the direction`);
  }
  const fillShares = fillableShares(order.shares, order.volume ?? Number.NaN, model.maxParticipation, order.fractional);
  out.fillShares = fillShares;
  out.cancelledShares = order.shares - fillShares;
  if (fillShares === 0) {
    out.fillPrice = Number.NaN;
    out.commission = out.slippage = out.impact = 0;
    return out;
  }
  const impactFraction =
    model.impactK === undefined
      ? 0
      : marketImpact(fillShares, order.sigmaDaily ?? Number.NaN, order.adv20 ?? Number.NaN, model.impactK);
  const fillPrice = slippedPrice(order.side, order.price, model.slippageBps) + sideSign(order.side) * order.price * impactFraction;
  out.fillPrice = fillPrice;
  out.commission = commission(fillShares, fillPrice, { bps: model.commissionBps, perShare: model.commissionPerShare, minimum: model.commissionMin });
  out.slippage = slippageCost(fillShares, order.price, model.slippageBps);
  out.impact = fillShares * order.price * impactFraction;
  return out;
}

/** Refuses a cost model that would make costs negative or undefined; returns it unchanged. */
export function checkCostModel(model: CostModel): CostModel {
  const rates: [string, number | undefined][] = [
    ["slippageBps", model.slippageBps],
    ["commissionBps", model.commissionBps],
    ["commissionPerShare", model.commissionPerShare],
    ["commissionMin", model.commissionMin],
    ["impactK", model.impactK],
  ];
  for (const [name, value] of rates) {
    if (value !== undefined && !(Number.isFinite(value) && value >= 0)) {
      throw new InputError(`cost model ${name} must be a finite number ≥ 0 (got ${value})`);
    }
  }
  const cap = model.maxParticipation;
  if (cap !== undefined && !(cap > 0 && cap <= 1)) {
    throw new InputError(`cost model maxParticipation must be in (0, 1] (got ${cap}); leave it out for no cap`);
  }
  return model;
}
