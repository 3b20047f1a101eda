/**
 * Summary of a per-date statistic (IC, spread, turnover, …) over the dates where it exists.
 *
 * mean; std = SAMPLE standard deviation (ddof = 1); ir = mean / std, the information ratio per
 * observation period, NOT annualised (for daily ICs multiply by √252 yourself if you want that; note
 * that overlapping forward windows, e.g. 21-day returns on daily dates, make successive values
 * dependent, so ir overstates significance). Values that cannot be computed are null, never 0:
 * mean needs 1 value, std 2, ir a positive std.
 */
export interface SeriesSummary {
  /** Dates that contributed (finite values). */
  readonly count: number;
  readonly mean: number | null;
  readonly std: number | null;
  readonly ir: number | null;
}

export function summarize(series: ArrayLike<number>): SeriesSummary {
  let n = 0;
  let sum = 0;
  for (let i = 0; i < series.length; i++) {
    const v = series[i];
    if (v - v === 0) {
      n++;
      sum += v;
    }
  }
  if (n === 0) return { count: 0, mean: null, std: null, ir: null };
  const mean = sum / n;
  if (n < 2) return { count: n, mean, std: null, ir: null };
  let squares = 0;
  for (let i = 0; i < series.length; i++) {
    const v = series[i];
    if (v - v === 0) squares += (v - mean) * (v - mean);
  }
  const std = Math.sqrt(squares / (n - 1));
  return { count: n, mean, std, ir: std > 0 ? mean / std : null };
}
