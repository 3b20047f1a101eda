/**
 * Point-in-time "as of" panels: the input every fundamental factor reads (see types.ts).
 *
 * Rule: cell (d, t) = the value of the record of ticker t that is KNOWN on date d (knownDate ≤ d) and
 * describes the LATEST period (greatest periodEnd); among records for that same period, the latest
 * known one (a restatement replaces the figure it restates from its own known date on). A restatement
 * of an older period never displaces a newer period's figure. Nothing is known → NaN.
 * Consequence, and the point-in-time guarantee: a record whose knownDate is after d cannot change any
 * cell on or before d. Figures are not aged out; a caller wanting a staleness limit filters records.
 *
 * Records with a non-finite value are skipped (a record that lacks this field says nothing about it).
 * Dates are `YYYY-MM-DD` strings, compared as strings (which orders them correctly). Records of
 * tickers not in the panel are ignored.
 */
import { nanPanel, type Panel } from "../panel/index.ts";

export interface PointInTimeRecord {
  readonly ticker: string;
  /** Last day of the period the figure describes. */
  readonly periodEnd: string;
  /** First day the figure could have been used (collection or filing date). */
  readonly knownDate: string;
  readonly value: number;
}

export function asOfPanel(
  records: readonly PointInTimeRecord[],
  dates: readonly string[],
  tickers: readonly string[],
): Panel {
  const out = nanPanel(dates, tickers);
  const column = new Map<string, number>();
  tickers.forEach((ticker, t) => column.set(ticker, t));
  const byTicker = new Map<number, PointInTimeRecord[]>();
  for (const record of records) {
    const t = column.get(record.ticker);
    if (t === undefined || !Number.isFinite(record.value)) continue;
    let list = byTicker.get(t);
    if (list === undefined) byTicker.set(t, (list = []));
    list.push(record);
  }
  const nTickers = tickers.length;
  for (const [t, list] of byTicker) {
    list.sort((a, b) => compare(a.knownDate, b.knownDate));
    let next = 0;
    let current: PointInTimeRecord | undefined;
    for (let d = 0; d < dates.length; d++) {
      while (next < list.length && list[next].knownDate <= dates[d]) {
        const candidate = list[next++];
        // Sorted by knownDate, so a candidate for the same period is the later-known one.
        if (current === undefined || candidate.periodEnd >= current.periodEnd) current = candidate;
      }
      if (current !== undefined) out.values[d * nTickers + t] = current.value;
    }
  }
  return out;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
