/**
 * The simulation kernel: a target plan played against the market, day by day, over typed arrays.
 * Pure: no I/O, no clock, no randomness; the same inputs give the same result bit for bit.
 *
 * Each simulated row d (startRow … last), in this order:
 *   1. Corporate actions dated d (raw prices; the shell passes none for total-return prices): a split
 *      of ratio r multiplies held shares and share-count orders by r and divides the last close by r;
 *      with whole shares the fraction a split leaves is paid out in cash at that adjusted close. A
 *      cash dividend credits shares × amount (a short pays it). Events come from the row they are
 *      dated on, so nothing dated after d touches d.
 *   2. Fills at the open (`fill: "next-open"`, the default): every waiting order of an instrument
 *      with a bar on d fills at its open (its close when the bar has no open). An instrument with
 *      no bar on d keeps its order waiting for its next bar.
 *   3. The close: the last close of every instrument with a bar on d becomes that close.
 *   4. Delisting: a position whose instrument is delisted on d (market.delistRow) is closed at that
 *      close without costs, reported as a "delisting" trade; its waiting order is dropped.
 *   5. Borrow fee on shorts: value × borrowFeeBps / 10,000 / 252.
 *   6. Decision: the plan's row d replaces the waiting order of each instrument with a number there.
 *      With `fill: "close"` these orders (and any still waiting) fill at once at d's close, the
 *      optimistic assumption of trading on the price that made the decision.
 *   7. Equity = cash + Σ shares × last close, recorded with cash and gross/net exposure. Positions are
 *      never closed at the end: the last point marks them to the last close.
 * Sizing at fill time: a weight target w becomes w × V / p shares, V the portfolio valued at the fill
 *   prices (last close for instruments without a bar), p the reference price; whole shares round
 *   toward zero. With a drift band b > 0, a weight order is dropped when |w − current weight| ≤ b.
 * Order of fills within a day: sells (and short sales) before buys, so a rebalance is funded by what
 *   it sells. Without leverage, buys that would take cash below zero are scaled down together, in
 *   whole shares, until they fit (costs included).
 * Costs per fill: ../costs (participation cap → slippage and impact → commission). Impact reads σ and
 *   ADV20 from the bars before the fill bar (trailing-stats.ts). An order whose cost cannot be computed
 *   (NaN: no volume figure under a cap, too little history for impact) waits for a bar where it can;
 *   a zero-volume bar under a cap fills nothing and cancels the order (counted in cancelledShares).
 */
import { fillCostInto, type FillCost, type FillCostSlot, type Side } from "../costs/index.ts";
import type { Market, SimulationOptions, SimulationResult, TargetPlan } from "../types.ts";
import { TRADE_REASONS } from "../types.ts";
import { GrowableColumns } from "./columns.ts";
import { trailingStats, type TrailingStats } from "./trailing-stats.ts";

const REBALANCE = TRADE_REASONS.indexOf("rebalance");
const DELISTING = TRADE_REASONS.indexOf("delisting");
const DAYS_PER_YEAR = 252;

interface TradeColumns {
  row: Int32Array; instrument: Int32Array; shares: Float64Array; price: Float64Array;
  commission: Float64Array; slippage: Float64Array; impact: Float64Array; reason: Uint8Array;
}
interface HoldingColumns { row: Int32Array; instrument: Int32Array; shares: Float64Array; price: Float64Array }

export function simulate(market: Market, plan: TargetPlan, options: SimulationOptions): SimulationResult {
  const width = market.instruments.length;
  const rows = market.dates.length;
  const start = market.startRow;
  const days = rows - start;
  const { open, close, volume, splitRatio, dividend, delistRow } = market;
  const targets = plan.values;
  const byWeight = plan.kind === "weight";
  const { costs, fractional, allowShort, allowLeverage } = options;
  const stats: TrailingStats | undefined = costs.impactK === undefined ? undefined : trailingStats(close, volume, width);
  const borrowRate = options.borrowFeeBps / 10_000 / DAYS_PER_YEAR;

  const shares = new Float64Array(width);
  const lastClose = new Float64Array(width).fill(NaN);
  const pending = new Float64Array(width).fill(NaN);
  let pendingCount = 0;
  let cash = options.initialCash;
  let dividendsReceived = 0;
  let borrowFees = 0;

  // Warm-up rows give every instrument its last close before the first simulated day.
  for (let d = 0; d < start; d++) {
    for (let i = 0; i < width; i++) {
      const c = close[d * width + i];
      if (c === c) lastClose[i] = c;
    }
  }

  // Sized so they rarely grow: an order fills at most once and a delisting closes a position once, so
  // the plan's decided cells + width bound the fills; positions are logged on days that trade, about
  // as many as the days with decisions.
  // The same pass marks the days with corporate actions or delistings, so other days skip those loops.
  let decidedCells = 0;
  let decisionDays = 0;
  const eventDay = new Uint8Array(rows);
  const delistDay = new Uint8Array(rows);
  for (let d = start; d < rows; d++) {
    let decided = 0;
    for (let cell = d * width; cell < (d + 1) * width; cell++) {
      if (targets[cell] === targets[cell]) decided++;
      if (splitRatio[cell] !== 1 || dividend[cell] !== 0) eventDay[d] = 1;
    }
    decidedCells += decided;
    if (decided > 0) decisionDays++;
  }
  for (let i = 0; i < width; i++) if (delistRow[i] >= start) delistDay[delistRow[i]] = 1;
  const trades = new GrowableColumns({
    row: Int32Array, instrument: Int32Array, shares: Float64Array, price: Float64Array,
    commission: Float64Array, slippage: Float64Array, impact: Float64Array, reason: Uint8Array,
  }, decidedCells + width);
  const holdings = new GrowableColumns(
    { row: Int32Array, instrument: Int32Array, shares: Float64Array, price: Float64Array },
    Math.max(1024, Math.min(days, decisionDays + 8) * width),
  );
  const equity = {
    value: new Float64Array(days), cash: new Float64Array(days), gross: new Float64Array(days),
    net: new Float64Array(days), traded: new Float64Array(days), costs: new Float64Array(days),
  };

  // Scratch for one day's fills.
  const sellList = new Int32Array(width);
  const buyList = new Int32Array(width);
  const wanted = new Float64Array(width);
  const orderTarget = new Float64Array(width);
  const fillPrice = new Float64Array(width);
  // The buys as last costed while fitting them to the cash, so booking does not cost them again.
  const costedBuys = Array.from({ length: width }, (): FillCostSlot => ({ fillShares: 0, cancelledShares: 0, fillPrice: 0, commission: 0, slippage: 0, impact: 0 }));
  let dayTraded = 0;
  let dayCosts = 0;
  let cancelledShares = 0;
  let cancelledOrders = 0;
  let belowOneShare = 0;

  function record(d: number, i: number, signedShares: number, price: number, commission: number, slip: number, impact: number, reason: number): void {
    const k = trades.push();
    const c = trades.columns as TradeColumns;
    c.row[k] = d;
    c.instrument[k] = i;
    c.shares[k] = signedShares;
    c.price[k] = price;
    c.commission[k] = commission;
    c.slippage[k] = slip;
    c.impact[k] = impact;
    c.reason[k] = reason;
  }

  /** Book a costed fill (buy: size > 0, sell: size < 0) and its cancelled rest. */
  function book(d: number, i: number, signedShares: number, fill: FillCost): void {
    if (fill.cancelledShares !== 0) {
      cancelledShares += Math.abs(fill.cancelledShares);
      cancelledOrders++;
    }
    if (fill.fillShares === 0) return;
    shares[i] += signedShares;
    cash -= signedShares * fill.fillPrice + fill.commission;
    dayTraded += fill.fillShares * fill.fillPrice;
    dayCosts += fill.commission + fill.slippage + fill.impact;
    record(d, i, signedShares, fill.fillPrice, fill.commission, fill.slippage, fill.impact, REBALANCE);
  }

  /** NaN anywhere in a fill means its cost could not be computed. */
  function uncostable(fill: FillCost): boolean {
    return fill.fillShares !== fill.fillShares || fill.commission !== fill.commission || (fill.fillShares > 0 && fill.fillPrice !== fill.fillPrice);
  }

  // One order and one result slot, reused for every fill: the hot loop allocates nothing.
  const order = { side: "buy" as Side, shares: 0, price: 0, volume: 0, sigmaDaily: NaN, adv20: NaN, fractional };
  const slot: FillCostSlot = { fillShares: 0, cancelledShares: 0, fillPrice: 0, commission: 0, slippage: 0, impact: 0 };
  /** The costs of filling `size` shares of instrument i on row d at `price`, in `into` (default the shared slot). */
  function costOf(d: number, i: number, side: Side, size: number, price: number, into: FillCostSlot = slot): FillCost {
    const cell = d * width + i;
    order.side = side;
    order.shares = size;
    order.price = price;
    order.volume = volume[cell];
    if (stats !== undefined) {
      order.sigmaDaily = stats.sigma[cell];
      order.adv20 = stats.adv[cell];
    }
    return fillCostInto(into, order, costs);
  }

  /** Fill a sell (size > 0 shares) now; false when its cost cannot be computed (the order waits). */
  function sell(d: number, i: number, size: number, price: number): boolean {
    const fill = costOf(d, i, "sell", size, price);
    if (uncostable(fill)) return false;
    book(d, i, -fill.fillShares, fill);
    return true;
  }

  /** Orders of instruments with a bar on d, at `prices` (open or close): sized, then sells before buys. */
  function fillOrders(d: number, prices: Float64Array): void {
    const base = d * width;
    let value = cash;
    for (let i = 0; i < width; i++) {
      if (shares[i] === 0) continue;
      const c = close[base + i];
      const p = c === c ? (prices[base + i] === prices[base + i] ? prices[base + i] : c) : lastClose[i];
      value += shares[i] * p;
    }
    let sells = 0;
    let buys = 0;
    for (let i = 0; i < width; i++) {
      const target = pending[i];
      if (target !== target) continue;
      const c = close[base + i];
      if (c !== c) continue; // no bar: the order waits
      const p = prices[base + i] === prices[base + i] ? prices[base + i] : c;
      let goal = byWeight ? (target * value) / p : target;
      if (byWeight && options.driftBand > 0 && Math.abs(target - (shares[i] * p) / value) <= options.driftBand) goal = shares[i];
      if (!fractional) {
        // A position smaller than one share cannot be opened in whole shares: counted, so it is told.
        if (goal !== 0 && Math.trunc(goal) === 0 && shares[i] === 0) belowOneShare++;
        goal = Math.trunc(goal);
      }
      if (!allowShort && goal < 0) goal = 0;
      const delta = goal - shares[i];
      pending[i] = NaN;
      pendingCount--;
      if (delta === 0 || delta !== delta) continue;
      orderTarget[i] = target;
      wanted[i] = delta;
      fillPrice[i] = p;
      if (delta < 0) sellList[sells++] = i;
      else buyList[buys++] = i;
    }
    for (let k = 0; k < sells; k++) {
      const i = sellList[k];
      if (!sell(d, i, -wanted[i], fillPrice[i])) waitAgain(i);
    }
    if (buys > 0) fillBuys(d, buys);
  }

  /** An order that could not be costed waits, with the same target, for the instrument's next bar. */
  function waitAgain(i: number): void {
    pending[i] = orderTarget[i];
    pendingCount++;
  }

  function fillBuys(d: number, buys: number): void {
    // Without leverage, scale every buy down together until they fit the cash, costs included.
    let scale = 1;
    let costedScale = NaN;
    for (let attempt = 0; attempt < 8 && !allowLeverage; attempt++) {
      let spend = 0;
      for (let k = 0; k < buys; k++) {
        const i = buyList[k];
        const size = sized(wanted[i] * scale);
        if (size === 0) continue;
        const fill = costOf(d, i, "buy", size, fillPrice[i], costedBuys[i]);
        if (!uncostable(fill) && fill.fillShares > 0) spend += fill.fillShares * fill.fillPrice + fill.commission;
      }
      costedScale = scale;
      if (spend <= cash) break;
      // Aim a hair below the cash (rounding); later attempts shave more, for minimum commissions.
      scale *= Math.max(0, (cash * (1 - 1e-12)) / spend) * (attempt < 2 ? 1 : 0.99);
    }
    for (let k = 0; k < buys; k++) {
      const i = buyList[k];
      const size = sized(wanted[i] * scale);
      if (size === 0) continue;
      const fill = costedScale === scale ? costedBuys[i] : costOf(d, i, "buy", size, fillPrice[i]);
      if (uncostable(fill)) {
        waitAgain(i);
        continue;
      }
      if (!allowLeverage && fill.fillShares > 0 && fill.fillShares * fill.fillPrice + fill.commission > cash) continue; // nothing left for it
      book(d, i, fill.fillShares, fill);
    }
  }

  function sized(size: number): number {
    return fractional ? size : Math.floor(size);
  }

  for (let d = start; d < rows; d++) {
    const base = d * width;
    const day = d - start;
    dayTraded = 0;
    dayCosts = 0;
    const tradesBefore = trades.count;

    for (let i = 0; eventDay[d] === 1 && i < width; i++) {
      const r = splitRatio[base + i];
      if (r !== 1 && r === r) {
        lastClose[i] /= r;
        if (!byWeight && pending[i] === pending[i]) pending[i] *= r;
        if (shares[i] !== 0) {
          shares[i] *= r;
          if (!fractional) {
            const whole = Math.trunc(shares[i]);
            cash += (shares[i] - whole) * lastClose[i];
            shares[i] = whole;
          }
        }
      }
      const amount = dividend[base + i];
      if (amount !== 0 && shares[i] !== 0 && amount === amount) {
        cash += shares[i] * amount;
        dividendsReceived += shares[i] * amount;
      }
    }

    if (options.fill === "next-open" && pendingCount > 0) fillOrders(d, open);

    for (let i = 0; i < width; i++) {
      const c = close[base + i];
      if (c === c) lastClose[i] = c;
    }

    for (let i = 0; delistDay[d] === 1 && i < width; i++) {
      if (delistRow[i] !== d) continue;
      if (pending[i] === pending[i]) {
        pending[i] = NaN;
        pendingCount--;
      }
      if (shares[i] === 0) continue;
      cash += shares[i] * lastClose[i];
      dayTraded += Math.abs(shares[i] * lastClose[i]);
      record(d, i, -shares[i], lastClose[i], 0, 0, 0, DELISTING);
      shares[i] = 0;
    }

    if (borrowRate > 0) {
      let fee = 0;
      for (let i = 0; i < width; i++) if (shares[i] < 0) fee -= shares[i] * lastClose[i] * borrowRate;
      cash -= fee;
      borrowFees += fee;
      dayCosts += fee;
    }

    for (let i = 0; i < width; i++) {
      const target = targets[base + i];
      if (target !== target || (delistRow[i] >= 0 && delistRow[i] <= d)) continue;
      if (pending[i] !== pending[i]) pendingCount++;
      pending[i] = target;
    }
    if (options.fill === "close" && pendingCount > 0) fillOrders(d, close);

    let gross = 0;
    let net = 0;
    for (let i = 0; i < width; i++) {
      if (shares[i] === 0) continue;
      const positionValue = shares[i] * lastClose[i];
      gross += Math.abs(positionValue);
      net += positionValue;
    }
    equity.value[day] = cash + net;
    equity.cash[day] = cash;
    equity.gross[day] = gross;
    equity.net[day] = net;
    equity.traded[day] = dayTraded;
    equity.costs[day] = dayCosts;

    if (trades.count > tradesBefore) {
      for (let i = 0; i < width; i++) {
        if (shares[i] === 0) continue;
        const k = holdings.push();
        const c = holdings.columns as HoldingColumns;
        c.row[k] = d;
        c.instrument[k] = i;
        c.shares[k] = shares[i];
        c.price[k] = lastClose[i];
      }
    }
  }

  const tradeColumns = trades.filled();
  const holdingColumns = holdings.filled();
  return {
    equity,
    trades: { count: trades.count, ...tradeColumns } as SimulationResult["trades"],
    holdings: { count: holdings.count, ...holdingColumns } as SimulationResult["holdings"],
    finalShares: shares,
    finalCash: cash,
    dividendsReceived,
    borrowFees,
    cancelledShares,
    cancelledOrders,
    belowOneShare,
  };
}
