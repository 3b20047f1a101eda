/**
 * A panel of synthetic daily closes for a large universe (the factor benchmark's input).
 *
 * Model, per ticker: geometric Brownian motion from a start price drawn in [10, 100), daily log
 * return 0.0003 − σ²/2 + σ·z with annual volatility σ·√252 drawn in [15%, 60%); one ticker in ten
 * lists late (NaN before a listing day drawn in the first 60% of the dates); after listing, 0.2% of
 * closes are missing (NaN) at random. Dates are the caller's (weekdays for daily bars, see
 * ./calendar.ts). One mulberry32 stream from `seed`, drawn ticker by ticker, so a seed fixes the panel.
 */
import type { Panel } from "../panel/index.ts";
import { mulberry32, normalSampler } from "./random.ts";

export function randomClosePanel(tickers: readonly string[], dates: readonly string[], seed: number): Panel {
  const uniform = mulberry32(seed);
  const gaussian = normalSampler(uniform);
  const nTickers = tickers.length;
  const nDates = dates.length;
  const values = new Float64Array(nDates * nTickers).fill(NaN);
  for (let t = 0; t < nTickers; t++) {
    const dailyVol = (0.15 + 0.45 * uniform()) / Math.sqrt(252);
    const listed = uniform() < 0.1 ? Math.floor(uniform() * nDates * 0.6) : 0;
    let close = 10 + 90 * uniform();
    for (let d = listed; d < nDates; d++) {
      close *= Math.exp(0.0003 - 0.5 * dailyVol * dailyVol + dailyVol * gaussian());
      if (uniform() >= 0.002) values[d * nTickers + t] = close;
    }
  }
  return { dates, tickers, values };
}
