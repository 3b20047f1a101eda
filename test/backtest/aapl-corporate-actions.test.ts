/**
 * The recorded AAPL 2020 history (test/fixtures/yahoo, ingested offline; bars stored on Yahoo's split
 * basis): 2020-01-02, then 2020-08-31 … 2020-11-06, with the 4:1 split on 2020-08-31 and the 0.205
 * dividend ex 2020-11-06. Buy-and-hold traded on raw prices, with the split and the dividend applied
 * as of each day, equals buy-and-hold of the total-return series.
 *
 * Why they differ at all, and by how much: with fill close and fractional shares, s = cash ÷ 300.35
 * shares are bought on 2020-01-02 (Yahoo's 75.0875 × 4). Raw: 4s shares on 11-06 worth 4s × c6, plus
 * the dividend 4s × D held as cash. Total: the adjusted series divides every close before the ex-date
 * by 1 ÷ (1 − D / c5) (c5 the 11-05 close), so the run ends at 4s × c6 ÷ (1 − D / c5): the dividend
 * reinvested at c5 rather than held. total ÷ raw = c6 ÷ ((1 − D / c5)(c6 + D)), so
 * total ÷ raw − 1 = D (c6 − c5 + D) ÷ ((c5 − D)(c6 + D)) = 0.205 × (118.69 − 119.03 + 0.205) ÷ (118.825 × 118.895)
 * = −1.96e-6 (the stock fell 0.34 on the ex-date, more than the dividend): the tolerance is 3e-6.
 */
import { expect, it } from "vitest";
import { runBacktest } from "../../src/backtest/run-backtest.ts";
import { createYahooClient } from "../../src/ingest/yahoo/client.ts";
import { ingestYahoo } from "../../src/ingest/yahoo/ingest.ts";
import { replayTransport } from "../../src/ingest/yahoo/replay.ts";
import { DEFAULT_RETRY } from "../../src/ingest/yahoo/retry.ts";
import { describeEachEngine } from "../engines.ts";
import { YAHOO_RECORDINGS } from "../ingest/yahoo/recordings.ts";
import { expectLedgerInvariant } from "./ledger.ts";

const JAN_2 = 300.3500061035156; // raw close (Yahoo's 75.0875015258789 × 4)
const NOV_5 = 119.02999877929688;
const DIVIDEND = 0.205;

describeEachEngine("AAPL 2020: the 4:1 split and the dividend on raw prices equal the total-return series", (db) => {
  it("buys once, quadruples the shares on 2020-08-31, credits the dividend on 2020-11-06", async () => {
    const now = () => new Date("2025-03-25T00:00:00Z");
    const client = createYahooClient({ transport: replayTransport(YAHOO_RECORDINGS), retry: DEFAULT_RETRY, concurrency: 1, log: () => {}, now });
    const [ingested] = await ingestYahoo(db(), { symbols: [{ symbol: "AAPL" }], from: "2020-01-01", to: "2020-11-07", interval: "1d", refetchDays: 5, concurrency: 1, client, now });
    expect(ingested).toMatchObject({ status: "ok", splits: 1 });

    const request = { database: db(), strategy: "buy-and-hold", tickers: "AAPL", from: "2020-01-02", to: "2020-11-06", fill: "close", shares: "fractional" } as const;
    const raw = await runBacktest({ ...request, priceBasis: "raw" });
    const total = await runBacktest({ ...request, priceBasis: "total" });
    expectLedgerInvariant(raw);
    expectLedgerInvariant(total);

    const { market, simulation, report } = raw;
    const row = (date: string) => market.dates.indexOf(date);
    expect([market.dates.length, market.dates[0], market.dates[1], market.dates.at(-1)]).toEqual([50, "2020-01-02", "2020-08-31", "2020-11-06"]);
    expect(market.close[0]).toBe(JAN_2);
    expect(market.close[row("2020-11-05")]).toBe(NOV_5);
    // The split and the dividend sit on their own rows, nowhere else.
    expect(Array.from(market.splitRatio).flatMap((r, d) => (r === 1 ? [] : [[market.dates[d], r]]))).toEqual([["2020-08-31", 4]]);
    expect(Array.from(market.dividend).flatMap((v, d) => (v === 0 ? [] : [[market.dates[d], v]]))).toEqual([["2020-11-06", DIVIDEND]]);

    expect(report.trades).toHaveLength(1);
    const [buy] = report.trades;
    expect([buy.date, buy.side, buy.price, simulation.trades.price[0]]).toEqual(["2020-01-02", "buy", 300.3500061, JAN_2]);
    expect(Math.abs(buy.shares / (1_000_000 / JAN_2) - 1)).toBeLessThan(1e-11);
    expect(simulation.finalShares[0]).toBe(4 * buy.shares);
    // The equity on 2020-08-31 already counts four times the shares, at the post-split close.
    const cash = 1_000_000 - buy.shares * JAN_2;
    const aug31 = market.close[row("2020-08-31")];
    expect(simulation.equity.value[row("2020-08-31")]).toBeCloseTo(cash + 4 * buy.shares * aug31, 6);
    expect(simulation.equity.cash[row("2020-11-05")]).toBe(simulation.equity.cash[0]);
    expect(report.metrics.dividends).toBe(4 * buy.shares * DIVIDEND);
    expect(simulation.finalCash).toBe(simulation.equity.cash[0] + 4 * buy.shares * DIVIDEND);

    const c6 = market.close[row("2020-11-06")];
    expect(total.market.close[row("2020-11-06")]).toBe(c6);
    expect(total.market.close[0]).toBeCloseTo((JAN_2 / 4) * (1 - DIVIDEND / NOV_5), 12);
    expect(total.simulation.finalShares[0]).toBeCloseTo(1_000_000 / total.market.close[0], 6);
    expect(total.report.metrics.dividends).toBe(0);
    const rawFinal = simulation.equity.value.at(-1)!;
    const totalFinal = total.simulation.equity.value.at(-1)!;
    expect(Math.abs(rawFinal / (4 * (1_000_000 / JAN_2) * (c6 + DIVIDEND)) - 1)).toBeLessThan(1e-11);
    expect(Math.abs(totalFinal / rawFinal - c6 / ((1 - DIVIDEND / NOV_5) * (c6 + DIVIDEND)))).toBeLessThan(1e-11);
    expect(Math.abs(totalFinal / rawFinal - 1)).toBeLessThan(3e-6);
    expect(Math.abs(totalFinal / rawFinal - 1)).toBeGreaterThan(1e-6); // held vs reinvested: a real, small difference
    // Every day, not only the last: before the ex-date the two runs hold the same value.
    for (let d = 0; d < row("2020-11-06"); d++) {
      expect(Math.abs(total.simulation.equity.value[d] / simulation.equity.value[d] - 1), market.dates[d]).toBeLessThan(1e-11);
    }
  });
});
