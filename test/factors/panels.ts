/**
 * Small hand-built panels for the factor tests. Dates are consecutive calendar days from 2020-01-01
 * (UTC); only their order matters to the factor code.
 */
import { column as columnOf, type Panel, row as rowOf } from "../../src/panel/index.ts";
import { calendarDays } from "../../src/synthetic/calendar.ts";

/** A panel from one array per ticker (its column), all of the same length. */
export function panelFromColumns(columns: Record<string, readonly number[]>, dates?: readonly string[]): Panel {
  const tickers = Object.keys(columns);
  const nDates = columns[tickers[0]].length;
  const values = new Float64Array(nDates * tickers.length);
  tickers.forEach((ticker, t) => {
    const column = columns[ticker];
    if (column.length !== nDates) throw new Error(`column ${ticker} has ${column.length} values, expected ${nDates}`);
    for (let d = 0; d < nDates; d++) values[d * tickers.length + t] = column[d];
  });
  return { dates: dates ?? calendarDays("2020-01-01", nDates), tickers, values };
}

/** A panel from one array per date (its row). */
export function panelFromRows(tickers: readonly string[], rows: readonly (readonly number[])[], dates?: readonly string[]): Panel {
  const values = new Float64Array(rows.length * tickers.length);
  rows.forEach((row, d) => {
    if (row.length !== tickers.length) throw new Error(`row ${d} has ${row.length} values, expected ${tickers.length}`);
    values.set(row, d * tickers.length);
  });
  return { dates: dates ?? calendarDays("2020-01-01", rows.length), tickers, values };
}

/** Column of ticker index t as a plain array (NaN kept). */
export function column(panel: Panel, t: number): number[] {
  return Array.from(columnOf(panel, t));
}

/** Row d as a plain array (NaN kept). */
export function row(panel: Panel, d: number): number[] {
  return Array.from(rowOf(panel, d));
}
