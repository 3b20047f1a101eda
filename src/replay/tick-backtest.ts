/**
 * `runTickBacktest(database, sessionId, options)`: a strategy fed event by event from a session's
 * replay (replay-session.ts, unpaced), its orders filled on later trades with the backtest module's
 * cost model (src/backtest/costs: participation cap, slippage, commission) and the kernel's
 * accounting: a fill of signed shares q at fill price p with commission c moves the position by q and
 * the cash by −(q × p + c).
 *
 * Orders: the strategy returns target positions `{ symbol, target }` in shares (contracts); a target
 * replaces the symbol's waiting order, as a "shares" target plan does. An order decided on an event
 * fills at the next trade of its symbol after that event (never on the event that decided it: no
 * look-ahead), sized then: target − position, whole shares unless `fractional` (toward zero), no
 * short position unless `allowShort`. The trade's price is the reference price; its volume is what a
 * participation cap reads (a trade without a volume cannot be costed under a cap: the order waits for
 * the next trade). Without `allowLeverage` a buy larger than the cash is scaled down to what the cash
 * pays, costs included. Cancelled shares (cap) are dropped, not carried.
 * On each trade, in order: the symbol's waiting order fills, the last price becomes the trade's, then
 * the strategy sees the event. Equity = cash + Σ position × last trade price. Market impact needs daily
 * σ and ADV, which ticks do not define: a cost model with `impactK` is refused.
 */
import { checkCostModel, fillCost, type CostModel, type FillCost } from "../backtest/costs/index.ts";
import type { Queryable } from "../db/index.ts";
import { InputError } from "../errors.ts";
import { replaySession, type ReplayOptions } from "./replay-session.ts";
import type { PriceEvent, ReplayEvent } from "./types.ts";

export interface TickOrder {
  readonly symbol: string;
  /** Position wanted, in shares (negative: short). */
  readonly target: number;
}

/** What the strategy may read: the account after the fills of the current event. */
export interface TickAccount {
  readonly cash: number;
  position(symbol: string): number;
  /** The symbol's last trade price so far; NaN before its first trade. */
  lastPrice(symbol: string): number;
  /** cash + Σ position × last price. */
  equity(): number;
}

export type TickStrategy = (event: ReplayEvent, account: TickAccount) => TickOrder | readonly TickOrder[] | undefined | void;

export interface TickBacktestOptions extends Omit<ReplayOptions, "acceleration" | "clock"> {
  strategy: TickStrategy;
  initialCash: number;
  /** Default: no costs. */
  costs?: CostModel;
  fractional?: boolean;
  allowShort?: boolean;
  allowLeverage?: boolean;
}

export interface TickFill {
  /** The filling trade's instant (epoch micros) and seq. */
  ts: number;
  seq: number;
  symbol: string;
  side: "buy" | "sell";
  /** Shares filled (unsigned). */
  shares: number;
  /** Fill price after slippage. */
  price: number;
  commission: number;
  slippage: number;
  positionAfter: number;
  cashAfter: number;
}

export interface TickBacktestResult {
  fills: TickFill[];
  events: number;
  finalCash: number;
  /** Positions at the end, by symbol (symbols never traded are absent). */
  positions: Record<string, number>;
  lastPrices: Record<string, number>;
  finalEquity: number;
  totalCommission: number;
  totalSlippage: number;
  cancelledShares: number;
  cancelledOrders: number;
  /** Orders still waiting at the end (no later trade of their symbol). */
  unfilledOrders: number;
}

const NO_COSTS: CostModel = { slippageBps: 0, commissionBps: 0, commissionPerShare: 0, commissionMin: 0 };
/** Attempts at fitting a buy to the cash (a minimum commission can need more than one). */
const FIT_ATTEMPTS = 8;

export async function runTickBacktest(database: Queryable, sessionId: string, options: TickBacktestOptions): Promise<TickBacktestResult> {
  const { strategy, initialCash, fractional = false, allowShort = false, allowLeverage = false } = options;
  const costs = checkCostModel(options.costs ?? NO_COSTS);
  if (costs.impactK !== undefined) throw new InputError("tick backtests take slippage, commission and a participation cap; market impact needs daily σ and ADV, which ticks do not define: leave impactK out");
  if (!(Number.isFinite(initialCash) && initialCash >= 0)) throw new InputError(`initialCash must be a finite number ≥ 0, got ${initialCash}`);
  if (typeof strategy !== "function") throw new InputError("strategy must be a function (event, account) => orders");

  const replay = replaySession(database, sessionId, options);
  const positions = new Map<string, number>();
  const lastPrices = new Map<string, number>();
  const pending = new Map<string, number>();
  const fills: TickFill[] = [];
  let cash = initialCash;
  let totalCommission = 0;
  let totalSlippage = 0;
  let cancelledShares = 0;
  let cancelledOrders = 0;
  let events = 0;

  const account: TickAccount = {
    get cash() {
      return cash;
    },
    position: (symbol) => positions.get(symbol) ?? 0,
    lastPrice: (symbol) => lastPrices.get(symbol) ?? Number.NaN,
    equity() {
      let value = cash;
      for (const [symbol, shares] of positions) value += shares * (lastPrices.get(symbol) ?? Number.NaN);
      return value;
    },
  };

  const sized = (shares: number) => (fractional ? shares : Math.floor(shares));
  const uncostable = (fill: FillCost) => fill.fillShares !== fill.fillShares || fill.commission !== fill.commission || (fill.fillShares > 0 && fill.fillPrice !== fill.fillPrice);
  const costOf = (side: "buy" | "sell", shares: number, trade: PriceEvent) =>
    fillCost({ side, shares, price: trade.price, volume: trade.volume ?? Number.NaN, fractional }, costs);

  /** Fill the symbol's waiting order on `trade`; false when it cannot be costed (it keeps waiting). */
  function fill(trade: PriceEvent, target: number): boolean {
    const held = positions.get(trade.symbol) ?? 0;
    let goal = fractional ? target : Math.trunc(target);
    if (!allowShort && goal < 0) goal = 0;
    const delta = goal - held;
    if (delta === 0) return true;
    const side = delta > 0 ? "buy" : "sell";
    let cost = costOf(side, Math.abs(delta), trade);
    if (uncostable(cost)) return false;
    for (let attempt = 0; side === "buy" && !allowLeverage && attempt < FIT_ATTEMPTS; attempt++) {
      const spend = cost.fillShares * cost.fillPrice + cost.commission;
      if (spend <= cash || cost.fillShares === 0) break;
      // Aim a hair below the cash (rounding); later attempts shave more, for minimum commissions.
      cost = costOf(side, sized(cost.fillShares * Math.max(0, (cash * (1 - 1e-12)) / spend) * (attempt < 2 ? 1 : 0.99)), trade);
    }
    if (cost.cancelledShares !== 0) {
      cancelledShares += Math.abs(cost.cancelledShares);
      cancelledOrders++;
    }
    if (cost.fillShares === 0 || (side === "buy" && !allowLeverage && cost.fillShares * cost.fillPrice + cost.commission > cash)) return true;
    const signed = side === "buy" ? cost.fillShares : -cost.fillShares;
    const position = held + signed;
    positions.set(trade.symbol, position);
    cash -= signed * cost.fillPrice + cost.commission;
    totalCommission += cost.commission;
    totalSlippage += cost.slippage;
    fills.push({ ts: trade.ts, seq: trade.seq, symbol: trade.symbol, side, shares: cost.fillShares, price: cost.fillPrice, commission: cost.commission, slippage: cost.slippage, positionAfter: position, cashAfter: cash });
    return true;
  }

  for await (const event of replay) {
    events++;
    if (event.kind === "price") {
      const target = pending.get(event.symbol);
      if (target !== undefined && fill(event, target)) pending.delete(event.symbol);
      lastPrices.set(event.symbol, event.price);
    }
    const decided = strategy(event, account);
    if (decided === undefined) continue;
    for (const order of Array.isArray(decided) ? decided : [decided as TickOrder]) {
      if (!replay.symbols.includes(order.symbol)) throw new InputError(`strategy ordered ${order.symbol}, which this replay does not play (${replay.symbols.join(", ")})`);
      if (!Number.isFinite(order.target)) throw new InputError(`strategy ordered a target of ${order.target} ${order.symbol}: give a finite number of shares`);
      pending.set(order.symbol, order.target);
    }
  }

  return {
    fills,
    events,
    finalCash: cash,
    positions: Object.fromEntries(positions),
    lastPrices: Object.fromEntries(lastPrices),
    finalEquity: account.equity(),
    totalCommission,
    totalSlippage,
    cancelledShares,
    cancelledOrders,
    unfilledOrders: pending.size,
  };
}

