/**
 * The daily close panel a factor job computes on, loaded as one row per instrument (its day numbers
 * and closes as two arrays) instead of one row per bar.
 *
 * Result: exactly what prices.panel({ field: "close", timeframe "1d" }) returns — instruments ordered
 * by (region, ticker), tickers `ticker` (or `ticker.region` when regions mix), dates every date on
 * which any of them has a bar, NaN where an instrument has none — but about 3× faster on 3,000
 * instruments × 10 years, where decoding one result row per bar dominates (measured: 23 s → 7 s).
 * The storage layer could adopt this for prices.panel, and this file would go.
 *
 * The two arrays of an instrument are filled by one aggregation pass over the same rows, so their
 * elements pair up in any order. work_mem is raised for this one transaction so the server can hash
 * the aggregation in memory rather than walk the primary key into the heap bar by bar.
 */
import type { Database } from "../../db/index.ts";
import type { Panel } from "../../panel.ts";
import type { InstrumentKey } from "../../repositories/index.ts";

const DAY_MS = 86_400_000;

export async function closePanel(
  database: Database,
  options: { readonly from: string; readonly to: string; readonly region?: string },
): Promise<Panel & { instruments: InstrumentKey[] }> {
  const rows = await database.transaction(async (tx) => {
    await tx.query("SET LOCAL work_mem = '256MB'");
    return tx.query<{ ticker: string; region: string; days: number[]; closes: number[] }>(
      `SELECT ticker, region, array_agg(date - DATE '1970-01-01') AS days, array_agg(close) AS closes
         FROM ohlcv_data
        WHERE timeframe = '1d' AND date BETWEEN $1::date AND $2::date${options.region === undefined ? "" : " AND region = $3"}
        GROUP BY region, ticker
        ORDER BY region, ticker`,
      options.region === undefined ? [options.from, options.to] : [options.from, options.to, options.region],
    );
  });
  const daySet = new Set<number>();
  for (const r of rows) for (const day of r.days) daySet.add(day);
  const days = Int32Array.from(daySet).sort();
  const rowOfDay = new Map<number, number>();
  days.forEach((day, d) => rowOfDay.set(day, d));
  const width = rows.length;
  const values = new Float64Array(days.length * width).fill(NaN);
  rows.forEach((r, t) => {
    for (let i = 0; i < r.days.length; i++) values[rowOfDay.get(r.days[i])! * width + t] = r.closes[i];
  });
  const instruments = rows.map(({ ticker, region }) => ({ ticker, region }));
  const oneRegion = new Set(instruments.map((i) => i.region)).size <= 1;
  return {
    dates: Array.from(days, (day) => new Date(day * DAY_MS).toISOString().slice(0, 10)),
    tickers: instruments.map((i) => (oneRegion ? i.ticker : `${i.ticker}.${i.region}`)),
    values,
    instruments,
  };
}
