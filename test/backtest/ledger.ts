/**
 * Test helpers for end-to-end backtests: the daily invariant checked by replaying a run's ledger,
 * and seeding bars into a test database.
 *
 * The replay starts from the initial cash and no shares and walks the simulated rows: a split of
 * ratio r multiplies the shares held (with whole shares the fraction is paid out at the last close
 * ÷ r, as the kernel does), a dividend credits shares × amount, each fill of the day moves shares
 * and cash (cash −= signed shares × price + commission), and the day's value is cash + Σ shares ×
 * last close. Every equity point must equal it within 1e-6 (currency), and the report's trades must
 * be the simulation's fills as dated, unsigned, rounded rows.
 */
import { expect } from "vitest";
import { roundMoney } from "../../src/backtest/build-report.ts";
import type { BacktestRun } from "../../src/backtest/run-backtest.ts";
import { TRADE_REASONS } from "../../src/backtest/types.ts";
import type { Database } from "../../src/db/index.ts";
import { repositories } from "../../src/repositories/index.ts";
import type { NewOhlcvBar } from "../../src/schema/index.ts";

export function expectLedgerInvariant(run: BacktestRun): void {
  const { market, simulation, report } = run;
  expect(report.config.borrowFeeBps).toBe(0); // the replay charges no borrow fee
  const width = market.instruments.length;
  const { trades } = simulation;
  expect(report.trades).toEqual(
    Array.from({ length: trades.count }, (_, t) => ({
      date: market.dates[trades.row[t]],
      ticker: market.instruments[trades.instrument[t]].ticker,
      region: market.instruments[trades.instrument[t]].region,
      side: trades.shares[t] > 0 ? "buy" : "sell",
      shares: Math.abs(trades.shares[t]),
      price: roundMoney(trades.price[t]),
      commission: roundMoney(trades.commission[t]),
      slippage: roundMoney(trades.slippage[t] + trades.impact[t]),
      reason: TRADE_REASONS[trades.reason[t]],
    })),
  );
  const fractional = report.config.shares === "fractional";
  const shares = new Float64Array(width);
  const lastClose = new Float64Array(width).fill(NaN);
  let cash = report.initialCash;
  let t = 0;
  const replayed: number[] = [];
  const replayedCash: number[] = [];
  for (let d = 0; d < market.dates.length; d++) {
    if (d >= market.startRow) {
      for (let i = 0; i < width; i++) {
        const r = market.splitRatio[d * width + i];
        if (r !== 1) {
          lastClose[i] /= r;
          shares[i] *= r;
          if (!fractional && shares[i] !== 0) {
            cash += (shares[i] - Math.trunc(shares[i])) * lastClose[i];
            shares[i] = Math.trunc(shares[i]);
          }
        }
        if (shares[i] !== 0) cash += shares[i] * market.dividend[d * width + i];
      }
      for (; t < trades.count && trades.row[t] === d; t++) {
        shares[trades.instrument[t]] += trades.shares[t];
        cash -= trades.shares[t] * trades.price[t] + trades.commission[t];
      }
    }
    for (let i = 0; i < width; i++) if (!Number.isNaN(market.close[d * width + i])) lastClose[i] = market.close[d * width + i];
    if (d < market.startRow) continue;
    let value = cash;
    for (let i = 0; i < width; i++) if (shares[i] !== 0) value += shares[i] * lastClose[i];
    replayed.push(value);
    replayedCash.push(cash);
  }
  expect(t).toBe(trades.count); // every fill is on a simulated row
  const k = replayed.length;
  expect(simulation.equity.value.length).toBe(k);
  for (let day = 0; day < k; day++) {
    expect(Math.abs(simulation.equity.value[day] - replayed[day]), `value on ${market.dates[market.startRow + day]}`).toBeLessThanOrEqual(1e-6);
    expect(Math.abs(simulation.equity.cash[day] - replayedCash[day]), `cash on ${market.dates[market.startRow + day]}`).toBeLessThanOrEqual(1e-6);
  }
  expect(report.equity.map((p) => [p.date, p.value, p.cash])).toEqual(
    Array.from({ length: k }, (_, day) => [market.dates[market.startRow + day], roundMoney(simulation.equity.value[day]), roundMoney(simulation.equity.cash[day])]),
  );
}

/** A daily raw bar; open, high and low default to the close. */
export function dayBar(ticker: string, date: string, close: number, extra: Partial<NewOhlcvBar> = {}): NewOhlcvBar {
  return { ticker, region: "US", timeframe: "1d", date, open: close, high: close, low: close, close, volume: 1_000_000, source: "test", priceBasis: "raw", ...extra };
}

export async function storeBars(db: Database, bars: readonly NewOhlcvBar[]): Promise<void> {
  await repositories(db).prices.upsertBars(bars, { refreshAggregates: false });
}

const RUN_TABLES = ["strategies", "backtest_results", "portfolio_transactions", "portfolio_holdings", "backtest_equity"] as const;

/** Row counts of the tables a saved run writes, by table. */
export async function runTableCounts(db: Database): Promise<Record<string, number>> {
  const [row] = await db.query<Record<string, number>>(`SELECT ${RUN_TABLES.map((t) => `(SELECT count(*)::int FROM ${t}) AS ${t}`).join(", ")}`);
  return row;
}

/** Empties the market and research tables between tests of one suite. */
export async function clearTables(db: Database): Promise<void> {
  for (const table of ["ohlcv_data", "dividends", "splits", "tickers", "factor_scores", "fetch_coverage", ...RUN_TABLES]) await db.query(`DELETE FROM ${table}`);
}
