/**
 * runTickBacktest on both engines over the tiny session (tiny-session.ts): orders fill on the next
 * trade of their symbol, never on the event that decided them; fills, cash and equity exact, with
 * the backtest module's slippage, commission minimum and participation cap; buys fitted to the cash;
 * no shorts unless allowed; refusals.
 */
import { beforeAll, expect, it } from "vitest";
import { InputError } from "../../src/errors.ts";
import { runTickBacktest, type TickBacktestOptions, type TickStrategy } from "../../src/replay/index.ts";
import { describeEachEngine } from "../engines.ts";
import { seedTinySession, T0, TINY } from "./tiny-session.ts";

const s = (second: number) => T0 + second * 1_000_000;
const run = (db: Parameters<typeof runTickBacktest>[0], options: Partial<TickBacktestOptions> & { strategy: TickStrategy }) =>
  runTickBacktest(db, TINY, { initialCash: 10_000, ...options });

/** Targets keyed by "symbol kind seq" of the deciding event. */
const on = (decisions: Record<string, { symbol: string; target: number }>): TickStrategy => (event) => decisions[`${event.symbol} ${event.kind} ${event.seq}`];

describeEachEngine("runTickBacktest", (db) => {
  beforeAll(async () => seedTinySession(db()));

  it("fills on the symbol's next trade, no costs: cash and equity exact", async () => {
    const seen: [string, number, number][] = [];
    const result = await run(db(), {
      strategy: (event, account) => {
        seen.push([`${event.symbol} ${event.kind} ${event.seq}`, account.position("X_USDT"), account.cash]);
        return on({ "X_USDT price 1": { symbol: "X_USDT", target: 10 }, "X_USDT price 4": { symbol: "X_USDT", target: 0 } })(event, account);
      },
    });
    expect(result.fills).toEqual([
      { ts: s(1), seq: 2, symbol: "X_USDT", side: "buy", shares: 10, price: 101, commission: 0, slippage: 0, positionAfter: 10, cashAfter: 8_990 },
      { ts: s(4), seq: 5, symbol: "X_USDT", side: "sell", shares: 10, price: 104, commission: 0, slippage: 0, positionAfter: 0, cashAfter: 10_030 },
    ]);
    // The strategy sees the account after the event's fill: the buy is there from X trade 2 on.
    expect(seen.slice(0, 3)).toEqual([["X_USDT price 1", 0, 10_000], ["Y_USDT orderbook 1", 0, 10_000], ["X_USDT price 2", 10, 8_990]]);
    expect(result).toMatchObject({ events: 9, finalCash: 10_030, finalEquity: 10_030, positions: { X_USDT: 0 }, lastPrices: { X_USDT: 104, Y_USDT: 51 }, unfilledOrders: 0 });
  });

  it("an order decided on a book fills on that symbol's next trade, not another symbol's", async () => {
    const result = await run(db(), { strategy: on({ "Y_USDT orderbook 1": { symbol: "Y_USDT", target: 3 } }) });
    expect(result.fills).toEqual([{ ts: s(1), seq: 1, symbol: "Y_USDT", side: "buy", shares: 3, price: 50, commission: 0, slippage: 0, positionAfter: 3, cashAfter: 9_850 }]);
    expect(result.finalEquity).toBe(9_850 + 3 * 51);
  });

  it("slippage and commission with its minimum, as the backtest's cost model applies them", async () => {
    const costs = { slippageBps: 10, commissionBps: 5, commissionPerShare: 0, commissionMin: 1 };
    const result = await run(db(), { costs, strategy: on({ "X_USDT price 1": { symbol: "X_USDT", target: 10 }, "X_USDT price 4": { symbol: "X_USDT", target: 0 } }) });
    const buy = 101 * 1.001;
    const sell = 104 * 0.999;
    expect(result.fills.map((f) => [f.side, f.shares, f.price, f.commission, f.slippage])).toEqual([
      ["buy", 10, buy, 1, (10 * 101 * 10) / 10_000],
      ["sell", 10, sell, 1, (10 * 104 * 10) / 10_000],
    ]);
    expect(result.finalCash).toBeCloseTo(10_000 - (10 * buy + 1) + (10 * sell - 1), 9);
    expect(result.totalCommission).toBe(2);
    expect(result.totalSlippage).toBeCloseTo(1.01 + 1.04, 12);
  });

  it("without leverage a buy is cut to what the cash pays; with it, cash goes negative", async () => {
    const strategy = on({ "X_USDT price 1": { symbol: "X_USDT", target: 10 } });
    const cut = await run(db(), { initialCash: 500, strategy });
    expect(cut.fills.map((f) => [f.shares, f.price, f.cashAfter])).toEqual([[4, 101, 96]]);
    const levered = await run(db(), { initialCash: 500, allowLeverage: true, strategy });
    expect(levered.fills.map((f) => [f.shares, f.cashAfter])).toEqual([[10, -510]]);
    expect(levered.finalEquity).toBe(-510 + 10 * 104);
  });

  it("a participation cap cuts an order to the trade's volume; a trade without volume cannot be costed, the order waits", async () => {
    const costs = { slippageBps: 0, commissionBps: 0, commissionPerShare: 0, commissionMin: 0, maxParticipation: 0.5 };
    const result = await run(db(), { costs, strategy: on({ "X_USDT price 1": { symbol: "X_USDT", target: 10 }, "X_USDT price 2": { symbol: "X_USDT", target: 10 } }) });
    // Trade 2 (volume 5) fills 2 and cancels 8; the new target waits past trade 3 (no volume) and fills 8 on trade 4 (volume 20).
    expect(result.fills.map((f) => [f.seq, f.shares, f.price])).toEqual([[2, 2, 101], [4, 8, 103]]);
    expect([result.cancelledShares, result.cancelledOrders, result.positions.X_USDT]).toEqual([8, 1, 10]);
  });

  it("no short positions unless allowed; whole shares unless fractional; an order with no later trade stays unfilled", async () => {
    const short = on({ "X_USDT price 1": { symbol: "X_USDT", target: -5.7 } });
    expect((await run(db(), { strategy: short })).fills).toEqual([]);
    const allowed = await run(db(), { strategy: short, allowShort: true });
    expect(allowed.fills.map((f) => [f.side, f.shares, f.positionAfter])).toEqual([["sell", 5, -5]]);
    const fractional = await run(db(), { strategy: short, allowShort: true, fractional: true });
    expect(fractional.fills.map((f) => f.positionAfter)).toEqual([-5.7]);
    const late = await run(db(), { strategy: on({ "X_USDT price 5": { symbol: "X_USDT", target: 1 } }) });
    expect([late.fills, late.unfilledOrders]).toEqual([[], 1]);
  });

  it("refuses impact, bad cash, an order for a symbol it does not play, a non-finite target", async () => {
    const none: TickStrategy = () => undefined;
    await expect(run(db(), { strategy: none, costs: { slippageBps: 0, commissionBps: 0, commissionPerShare: 0, commissionMin: 0, impactK: 0.5 } })).rejects.toThrow(
      "tick backtests take slippage, commission and a participation cap; market impact needs daily σ and ADV, which ticks do not define: leave impactK out",
    );
    await expect(run(db(), { strategy: none, initialCash: -1 })).rejects.toThrow("initialCash must be a finite number ≥ 0, got -1");
    await expect(run(db(), { strategy: none, costs: { slippageBps: -1, commissionBps: 0, commissionPerShare: 0, commissionMin: 0 } })).rejects.toThrow(InputError);
    await expect(run(db(), { symbols: ["X_USDT"], strategy: () => ({ symbol: "Y_USDT", target: 1 }) })).rejects.toThrow("strategy ordered Y_USDT, which this replay does not play (X_USDT)");
    await expect(run(db(), { strategy: () => ({ symbol: "X_USDT", target: Number.NaN }) })).rejects.toThrow("strategy ordered a target of NaN X_USDT: give a finite number of shares");
  });
});
