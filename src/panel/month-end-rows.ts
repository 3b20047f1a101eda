/**
 * Row index of the last trading date of each calendar month in `dates` (a panel's `YYYY-MM-DD`
 * dates, ascending). The final month counts with its last available date even when the month is not
 * over yet (the latest month-end "so far").
 */
export function monthEndRows(dates: readonly string[]): number[] {
  const rows: number[] = [];
  for (let d = 0; d < dates.length; d++) {
    if (d === dates.length - 1 || dates[d + 1].slice(0, 7) !== dates[d].slice(0, 7)) rows.push(d);
  }
  return rows;
}
