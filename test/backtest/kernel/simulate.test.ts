import { describe, expect, it } from "vitest";
import { simulate } from "../../../src/backtest/kernel/simulate.ts";
import type { Market, SimulationResult, TargetPlan } from "../../../src/backtest/types.ts";
import { mulberry32 } from "../../../src/synthetic/index.ts";
import { grid, options, plan } from "./grid.ts";

const trades = (r: SimulationResult) =>
  Array.from({ length: r.trades.count }, (_, t) => ({
    row: r.trades.row[t],
    instrument: r.trades.instrument[t],
    shares: r.trades.shares[t],
    price: r.trades.price[t],
    commission: r.trades.commission[t],
    slippage: r.trades.slippage[t],
    reason: r.trades.reason[t],
  }));

describe("simulate: closed forms", () => {
  const closes = [[10], [11], [12], [13]];
  const opens = [[9.5], [10.5], [11.5], [12.5]];
  const holdAll = plan([[1], [null], [null], [null]]);

  it("buys at the next open in whole shares and marks to each close", () => {
    const r = simulate(grid(closes, { open: opens }), holdAll, options());
    expect(trades(r)).toEqual([{ row: 1, instrument: 0, shares: 95, price: 10.5, commission: 0, slippage: 0, reason: 0 }]);
    expect(Array.from(r.equity.value)).toEqual([1000, 1047.5, 1142.5, 1237.5]);
    expect(Array.from(r.equity.cash)).toEqual([1000, 2.5, 2.5, 2.5]);
    expect(r.finalCash).toBe(2.5);
  });

  it("charges slippage against the trade and the minimum commission", () => {
    const costs = { slippageBps: 10, commissionBps: 5, commissionPerShare: 0, commissionMin: 1 };
    const r = simulate(grid(closes, { open: opens }), holdAll, options({ costs }));
    const [fill] = trades(r);
    expect(fill.shares).toBe(95);
    expect(fill.price).toBeCloseTo(10.5105, 12);
    expect(fill.commission).toBe(1); // 95 × 10.5105 × 5 bp = 0.499 < minimum
    expect(fill.slippage).toBeCloseTo(0.9975, 12);
    expect(r.finalCash).toBeCloseTo(0.5025, 9);
    expect(r.equity.value[3]).toBeCloseTo(1235.5025, 9);
    expect(r.equity.costs[1]).toBeCloseTo(1.9975, 12);
  });

  it("fits a fractional buy to the cash with proportional costs: value = cash × close / (open × (1+s) × (1+c))", () => {
    const costs = { slippageBps: 10, commissionBps: 5, commissionPerShare: 0, commissionMin: 0 };
    const r = simulate(grid(closes, { open: opens }), holdAll, options({ costs, fractional: true }));
    expect(r.equity.value[3] / ((1000 * 13) / (10.5 * 1.001 * 1.0005))).toBeCloseTo(1, 9);
    expect(r.finalCash).toBeGreaterThanOrEqual(0);
  });

  it("rebalances two names to equal weight at the close: V_t = V_{t−1}(1 + ½r₁ + ½r₂)", () => {
    const prices = [[10, 20], [11, 19], [12.1, 20.9], [11, 22]];
    const half = plan(prices.map(() => [0.5, 0.5]));
    const r = simulate(grid(prices), half, options({ fill: "close", fractional: true }));
    let expected = 1000;
    for (let d = 0; d < prices.length; d++) {
      if (d > 0) expected *= 1 + 0.5 * (prices[d][0] / prices[d - 1][0] - 1) + 0.5 * (prices[d][1] / prices[d - 1][1] - 1);
      expect(r.equity.value[d]).toBeCloseTo(expected, 9);
    }
  });

  it("counts the orders too small for one whole share instead of placing them", () => {
    const r = simulate(grid([[600, 10], [600, 10]]), plan([[0.5, 0.5], [null, null]]), options());
    expect(trades(r).map(({ instrument, shares }) => [instrument, shares])).toEqual([[1, 50]]);
    expect(r.belowOneShare).toBe(1); // 500 of cash buys 0.83 of a 600 share
    expect(simulate(grid([[600, 10], [600, 10]]), plan([[0.5, 0.5], [null, null]]), options({ fractional: true })).belowOneShare).toBe(0);
  });

  it("sells before it buys, so a switch is funded by what it sells", () => {
    const r = simulate(grid([[10, 20], [10, 20], [10, 20]]), plan([[1, 0], [0, 1], [null, null]]), options());
    expect(trades(r).map(({ row, instrument, shares }) => [row, instrument, shares])).toEqual([[1, 0, 100], [2, 0, -100], [2, 1, 50]]);
    expect(Array.from(r.equity.value)).toEqual([1000, 1000, 1000]);
    expect(r.finalCash).toBe(0);
  });

  it("scales buys down together to the cash without leverage, and borrows with it", () => {
    const prices = [[10, 10], [10, 10]];
    const over = plan([[0.6, 0.6], [null, null]]);
    const fitted = simulate(grid(prices), over, options());
    expect(trades(fitted).map((t) => t.shares)).toEqual([49, 49]);
    expect(fitted.finalCash).toBe(20);
    const levered = simulate(grid(prices), over, options({ allowLeverage: true }));
    expect(trades(levered).map((t) => t.shares)).toEqual([60, 60]);
    expect(levered.finalCash).toBe(-200);
  });
});

describe("simulate: corporate actions, delisting, waiting orders", () => {
  it("multiplies shares on a split and keeps the value continuous", () => {
    const r = simulate(grid([[100], [100], [25], [26]], { split: [[null], [null], [4], [null]] }), plan([[1], [null], [null], [null]]), options());
    expect(Array.from(r.equity.value)).toEqual([1000, 1000, 1000, 1040]);
    expect(r.finalShares[0]).toBe(40);
  });

  it("pays the fraction a split leaves in cash at the adjusted close", () => {
    const r = simulate(grid([[100], [100], [66], [66]], { split: [[null], [null], [1.5], [null]] }), plan([[1], [null], [null], [null]]), options({ initialCash: 500 }));
    expect(r.finalShares[0]).toBe(7);
    expect(r.finalCash).toBeCloseTo(100 / 3, 12); // half a share at 100 / 1.5
    expect(r.equity.value[2]).toBeCloseTo(100 / 3 + 7 * 66, 9);
  });

  it("credits a cash dividend on its ex-date", () => {
    const r = simulate(grid([[10], [10], [10]], { dividend: [[null], [null], [0.5]] }), plan([[1], [null], [null]]), options());
    expect(r.dividendsReceived).toBe(50);
    expect(Array.from(r.equity.value)).toEqual([1000, 1000, 1050]);
  });

  it("closes a delisted position at its last close without costs", () => {
    const costs = { slippageBps: 0, commissionBps: 0, commissionPerShare: 0, commissionMin: 5 };
    const r = simulate(grid([[10], [11], [12], [null]], { delistRow: [2] }), plan([[1], [null], [null], [null]]), options({ costs }));
    expect(trades(r)).toEqual([
      { row: 1, instrument: 0, shares: 90, price: 11, commission: 5, slippage: 0, reason: 0 },
      { row: 2, instrument: 0, shares: -90, price: 12, commission: 0, slippage: 0, reason: 1 },
    ]);
    expect(Array.from(r.equity.value)).toEqual([1000, 995, 1085, 1085]);
  });

  it("lets an order wait for the instrument's next bar", () => {
    const r = simulate(grid([[10, 10], [10, null], [10, 10]]), plan([[0.5, 0.5], [null, null], [null, null]]), options());
    expect(trades(r).map(({ row, instrument, shares }) => [row, instrument, shares])).toEqual([[1, 0, 50], [2, 1, 50]]);
  });

  it("caps an order at its share of the bar's volume and reports the cancelled rest", () => {
    const capped = { slippageBps: 0, commissionBps: 0, commissionPerShare: 0, commissionMin: 0, maxParticipation: 0.1 };
    const r = simulate(grid([[10], [10]], { volume: [[300], [300]] }), plan([[1], [null]]), options({ costs: capped }));
    expect(trades(r).map((t) => t.shares)).toEqual([30]);
    expect([r.cancelledShares, r.cancelledOrders]).toEqual([70, 1]);
    const blocked = simulate(grid([[10], [10]], { volume: [[300], [0]] }), plan([[1], [null]]), options({ costs: capped }));
    expect([blocked.trades.count, blocked.cancelledShares, blocked.cancelledOrders]).toEqual([0, 100, 1]);
  });

  it("skips a weight order inside the drift band", () => {
    const prices = [[10, 10], [10, 10], [10.4, 10], [10.4, 10]];
    const r = simulate(grid(prices), plan(prices.map(() => [0.5, 0.5])), options({ fractional: true, driftBand: 0.02 }));
    // After day 2 A weighs 0.5098…: inside the band, so only the first rebalance trades.
    expect(trades(r).map((t) => t.row)).toEqual([1, 1]);
  });

  it("refuses negative targets unless shorting is allowed, and charges the borrow fee daily", () => {
    const prices = [[100], [100], [100]];
    const short = plan([[-0.5], [null], [null]]);
    expect(simulate(grid(prices), short, options()).trades.count).toBe(0);
    const r = simulate(grid(prices), short, options({ allowShort: true, borrowFeeBps: 252 }));
    expect(r.finalShares[0]).toBe(-5);
    expect(r.borrowFees).toBeCloseTo(0.1, 12); // 500 × 2.52% / 252 on two days
    expect(r.equity.value[2]).toBeCloseTo(999.9, 9);
  });

  it("trades share-count plans and scales waiting share orders on a split", () => {
    const market = grid([[10], [null], [2.5]], { split: [[null], [null], [4]] });
    const r = simulate(market, plan([[20], [null], [null]], "shares"), options());
    expect(trades(r).map(({ row, shares, price }) => [row, shares, price])).toEqual([[2, 80, 2.5]]);
  });
});

/** A random market (5 instruments, 80 days, gaps, splits, dividends) and random weight decisions. */
function randomCase(seed: number): { market: Market; targets: TargetPlan } {
  const uniform = mulberry32(seed);
  const rows = 80;
  const width = 5;
  const closes: (number | null)[][] = [];
  const opens: (number | null)[][] = [];
  const split: (number | null)[][] = [];
  const dividend: (number | null)[][] = [];
  const targets: (number | null)[][] = [];
  const last = Array(width).fill(50);
  for (let d = 0; d < rows; d++) {
    const row: (number | null)[] = [];
    const openRow: (number | null)[] = [];
    const splitRow: (number | null)[] = [];
    const dividendRow: (number | null)[] = [];
    for (let i = 0; i < width; i++) {
      const ratio = d > 0 && uniform() < 0.01 ? 2 : 1;
      last[i] = (last[i] / ratio) * (1 + (uniform() - 0.5) * 0.06);
      const hasBar = uniform() > 0.05;
      row.push(hasBar ? last[i] : null);
      openRow.push(hasBar ? last[i] * (1 + (uniform() - 0.5) * 0.01) : null);
      splitRow.push(ratio === 1 ? null : ratio);
      dividendRow.push(uniform() < 0.02 ? 0.3 : null);
    }
    closes.push(row);
    opens.push(openRow);
    split.push(splitRow);
    dividend.push(dividendRow);
    const decide = uniform() < 0.3;
    const raw = Array.from({ length: width }, () => uniform());
    const sum = raw.reduce((a, b) => a + b, 0);
    targets.push(raw.map((w) => (decide ? w / sum : null)));
  }
  return { market: grid(closes, { open: opens, split, dividend, delistRow: [-1, -1, -1, 60, -1] }), targets: plan(targets) };
}

describe("simulate: invariants", () => {
  const costs = { slippageBps: 7, commissionBps: 3, commissionPerShare: 0.01, commissionMin: 1 };

  it("keeps equity = cash + Σ shares × last close and cash ≥ 0 on every day, as the ledger replays", () => {
    for (let seed = 1; seed <= 20; seed++) {
      const { market, targets } = randomCase(seed);
      const r = simulate(market, targets, options({ initialCash: 100_000, costs }));
      const width = market.instruments.length;
      const shares = new Float64Array(width);
      const lastClose = new Float64Array(width).fill(NaN);
      let cash = 100_000;
      let t = 0;
      for (let d = 0; d < market.dates.length; d++) {
        for (let i = 0; i < width; i++) {
          const ratio = market.splitRatio[d * width + i];
          if (ratio !== 1) {
            lastClose[i] /= ratio;
            const split = shares[i] * ratio;
            cash += (split - Math.trunc(split)) * lastClose[i];
            shares[i] = Math.trunc(split);
          }
          cash += shares[i] * market.dividend[d * width + i];
        }
        for (let i = 0; i < width; i++) if (market.close[d * width + i] === market.close[d * width + i]) lastClose[i] = market.close[d * width + i];
        for (; t < r.trades.count && r.trades.row[t] === d; t++) {
          const i = r.trades.instrument[t];
          shares[i] += r.trades.shares[t];
          cash -= r.trades.shares[t] * r.trades.price[t] + r.trades.commission[t];
        }
        let value = cash;
        for (let i = 0; i < width; i++) if (shares[i] !== 0) value += shares[i] * lastClose[i];
        expect(r.equity.cash[d]).toBeCloseTo(cash, 6);
        expect(r.equity.value[d]).toBeCloseTo(value, 6);
        expect(r.equity.cash[d]).toBeGreaterThanOrEqual(0);
      }
      expect(Array.from(r.finalShares)).toEqual(Array.from(shares));
      expect(r.finalShares[3]).toBe(0); // delisted on row 60
    }
  });

  it("is unchanged up to day t when every price and decision after t changes", () => {
    const { market, targets } = randomCase(42);
    const t = 40;
    const width = market.instruments.length;
    const base = simulate(market, targets, options({ initialCash: 100_000, costs }));
    const future = (values: Float64Array, scale: number) => values.map((v, cell) => (cell >= (t + 1) * width ? v * scale : v));
    const changed: Market = { ...market, open: future(market.open, 1.7), close: future(market.close, 0.6), volume: future(market.volume, 3) };
    const changedPlan: TargetPlan = { kind: "weight", values: targets.values.map((v, cell) => (cell >= (t + 1) * width ? 0.2 : v)) };
    const other = simulate(changed, changedPlan, options({ initialCash: 100_000, costs }));
    expect(Array.from(other.equity.value.subarray(0, t + 1))).toEqual(Array.from(base.equity.value.subarray(0, t + 1)));
    const upTo = (r: SimulationResult) => trades(r).filter((x) => x.row <= t);
    expect(upTo(other)).toEqual(upTo(base));
    expect(other.equity.value[t + 5]).not.toBe(base.equity.value[t + 5]);
  });

  it("is deterministic: the same inputs give the same result", () => {
    const { market, targets } = randomCase(7);
    expect(simulate(market, targets, options({ costs }))).toEqual(simulate(market, targets, options({ costs })));
  });
});
