/**
 * What the market-impact model reads for a fill on row e, as known before that bar: σ, the standard
 * deviation (ddof = 1) of the instrument's last `window` close-to-close simple returns, and ADV, the
 * mean volume of its last `window` bars, both over the instrument's own bars strictly before row e
 * (rows without a bar are skipped, not counted as zero). NaN until `window` returns (σ) or bars (ADV)
 * exist; a NaN volume makes the ADV of every window holding it NaN.
 */
export interface TrailingStats {
  readonly sigma: Float64Array;
  readonly adv: Float64Array;
}

export const IMPACT_WINDOW = 20;

export function trailingStats(close: Float64Array, volume: Float64Array, width: number, window = IMPACT_WINDOW): TrailingStats {
  const rows = close.length / width;
  const sigma = new Float64Array(close.length).fill(NaN);
  const adv = new Float64Array(close.length).fill(NaN);
  const returns = new Float64Array(rows);
  const volumes = new Float64Array(rows);
  for (let i = 0; i < width; i++) {
    let bars = 0;
    let previousClose = NaN;
    for (let d = 0; d < rows; d++) {
      const cell = d * width + i;
      // Statistics of the bars before this row, then this row's bar joins the history.
      if (bars >= window) {
        let sum = 0;
        for (let k = bars - window; k < bars; k++) sum += volumes[k];
        adv[cell] = sum / window;
      }
      if (bars > window) {
        let mean = 0;
        for (let k = bars - window; k < bars; k++) mean += returns[k];
        mean /= window;
        let squares = 0;
        for (let k = bars - window; k < bars; k++) squares += (returns[k] - mean) ** 2;
        sigma[cell] = Math.sqrt(squares / (window - 1));
      }
      const c = close[cell];
      if (c !== c) continue;
      returns[bars] = c / previousClose - 1; // NaN for the first bar, never inside a full window
      volumes[bars] = volume[cell];
      previousClose = c;
      bars++;
    }
  }
  return { sigma, adv };
}
