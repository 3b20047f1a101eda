/**
 * No look-ahead, end to end through the database, for equal-weight, sma-cross, optimizer and
 * factor-top, with costs and whole shares:
 * - changing the future: after a run over [a, b], every bar after t is rewritten (opens, closes, highs
 *   and lows scaled by 1.3 to 1.7 varying by instrument and day, volumes cut, a few bars removed) and
 *   every factor score after t changed; the rerun's equity points, trades, holdings and dated notes
 *   on or before t are identical to the first run's (and something after t did change);
 * - window invariance: a run over [a, t] is the first part of the run over [a, b]: its equity points,
 *   trades, holdings and notes are exactly those of the long run dated ≤ t, its final value and cash
 *   are the long run's on t, and its total return the long run's return to t. What differs is only
 *   what lies after t: with next-open fills the orders decided on t's close, which the short run never
 *   fills (the long run fills them at t + 1's open), and the metrics and data range of the longer period.
 * Both with next-open fills and with close fills: with next-open fills a decision on t trades on t + 1,
 * outside the compared part, so only close fills show that the decision on t itself read nothing
 * after t. t is 2024-03-29, a Friday and a month end, so t's close is a decision of every schedule here.
 */
import { beforeEach, expect, it } from "vitest";
import type { BacktestReport } from "../../src/backtest/report.ts";
import { runBacktest, type BacktestRequest } from "../../src/backtest/run-backtest.ts";
import { repositories } from "../../src/repositories/index.ts";
import { mulberry32, weekdaysFrom } from "../../src/synthetic/index.ts";
import { describeEachEngine } from "../engines.ts";
import { clearTables, dayBar, expectLedgerInvariant, storeBars } from "./ledger.ts";

const DATES = weekdaysFrom("2024-01-02", 90);
const TICKERS = ["AAA", "BBB", "CCC", "DDD", "EEE"];
const A = DATES[30]; // 2024-02-13: 30 rows of history before it, more than any warm-up here
const T = DATES[63]; // 2024-03-29
const B = DATES[89]; // 2024-05-06

/** Random walks (±1.5 % a day), opens within ±0.5 % of the previous close; scores uniform in [−2, 2). */
async function seed(db: Parameters<typeof storeBars>[0]): Promise<void> {
  const uniform = mulberry32(20240329);
  const bars = TICKERS.flatMap((ticker) => {
    let close = 40 + 80 * uniform();
    return DATES.map((date) => {
      const open = close * (1 + 0.01 * (uniform() - 0.5));
      close *= 1 + 0.03 * (uniform() - 0.5);
      return dayBar(ticker, date, close, { open, high: Math.max(open, close), low: Math.min(open, close), volume: 1e5 + 1e6 * uniform() });
    });
  });
  await storeBars(db, bars);
  const scores = DATES.flatMap((date) => TICKERS.map((ticker) => ({ ticker, region: "US", date, factorName: "mom", score: 4 * uniform() - 2 })));
  await repositories(db).factorScores.replace("mom", DATES, scores);
}

/** Rewrite every bar and score after `t`; one instrument loses three bars (not its last). */
async function changeAfter(db: Parameters<typeof storeBars>[0], t: string): Promise<void> {
  const f = "(1.3 + 0.1 * ((extract(doy FROM date)::int * 7 + ascii(ticker)) % 5))";
  await db.query(`UPDATE ohlcv_data SET open = open * ${f}, close = close * ${f}, high = high * ${f}, low = low * ${f}, volume = volume * 0.3 WHERE date > $1::date`, [t]);
  await db.query(`DELETE FROM ohlcv_data WHERE ticker = 'CCC' AND date IN (SELECT date FROM ohlcv_data WHERE ticker = 'CCC' AND date > $1::date ORDER BY date LIMIT 3)`, [t]);
  await db.query(`UPDATE factor_scores SET score = 1 - 2 * score WHERE date > $1::date`, [t]);
}

/** What a report says about days up to `t`. */
function upTo(report: BacktestReport, t: string) {
  return {
    equity: report.equity.filter((p) => p.date <= t),
    trades: report.trades.filter((x) => x.date <= t),
    holdings: report.holdings.filter((h) => h.date <= t),
    notes: report.notes.filter((n) => /^\d{4}-\d\d-\d\d: /.test(n) && n.slice(0, 10) <= t),
  };
}

const COSTS = { commissionBps: 5, commissionMin: 1, slippageBps: 5, cash: 1_000_000 };

const CASES: [string, Partial<BacktestRequest>][] = [
  ["equal-weight", { rebalance: "weekly" }],
  ["sma-cross", { params: { period: 5 }, rebalance: "daily" }],
  ["optimizer", { params: { lookback: 20 }, rebalance: "weekly" }],
  ["factor-top", { params: { factor: "mom", n: 2 }, rebalance: "weekly" }],
];

describeEachEngine("backtests do not look ahead", (db) => {
  beforeEach(async () => {
    await clearTables(db());
    await seed(db());
  });

  const run = async (strategy: string, options: Partial<BacktestRequest>, from: string, to: string) => {
    const result = await runBacktest({ strategy, tickers: TICKERS.join(","), from, to, ...COSTS, ...options, database: db() });
    expectLedgerInvariant(result);
    return result.report;
  };

  const FILLS = ["next-open", "close"] as const;
  it.each(CASES.flatMap(([strategy, options]) => FILLS.map((fill) => [strategy, fill, { ...options, fill }] as const)))(
    "%s, fill %s: a run over [a, t] is the long run up to t; changing everything after t changes nothing up to t",
    async (strategy, fill, options) => {
      const long = await run(strategy, options, A, B);
      const known = upTo(long, T);
      expect(known.equity).toHaveLength(34); // 2024-02-13 … 2024-03-29
      expect(known.trades.length).toBeGreaterThan(0);
      expect(long.trades.some((x) => x.date > T)).toBe(true);
      // t's own decisions trade on t with close fills (inside the compared part), after t with next-open fills.
      const decidedOnT = (report: BacktestReport) => report.trades.filter((x) => x.date === (fill === "close" ? T : DATES[64]));
      expect(decidedOnT(long).length).toBeGreaterThan(0);

      const short = await run(strategy, options, A, T);
      expect([short.equity, short.trades, short.holdings]).toEqual([known.equity, known.trades, known.holdings]);
      expect(short.notes.filter((n) => /^\d{4}-/.test(n))).toEqual(known.notes);
      expect([short.finalValue, short.finalCash]).toEqual([known.equity.at(-1)!.value, known.equity.at(-1)!.cash]);
      expect(short.metrics.totalReturn).toBeCloseTo(known.equity.at(-1)!.value / COSTS.cash - 1, 12);

      await changeAfter(db(), T);
      const changed = await run(strategy, options, A, B);
      expect(upTo(changed, T)).toEqual(known);
      expect(changed.equity.filter((p) => p.date > T)).not.toEqual(long.equity.filter((p) => p.date > T));
    },
  );
});
