/**
 * Bollinger bands (period, devfactor), backtrader's BollingerBands:
 *   mid = SMA(close, period); std = population standard deviation of the same window (÷ period);
 *   top = mid + devfactor × std; bot = mid − devfactor × std.
 * backtrader computes std as sqrt(|mean(x²) − mean(x)²|), which cancels catastrophically when the
 * spread is small beside the price (a flat series can get a non-zero std); this computes the same
 * quantity in two passes, sqrt(fsum((x − mid)²) / period), so a constant window has std exactly 0.
 * Warm-up: minperiod = period for all three lines; the first values are on index period − 1.
 */
import { fsum } from "./fsum.ts";
import { emptyLine } from "./line.ts";
import { sma } from "./sma.ts";

export const bollingerMinPeriod = (period: number): number => period;

export interface BollingerLines {
  top: Float64Array;
  mid: Float64Array;
  bot: Float64Array;
}

export function bollinger(x: Float64Array, period: number, devfactor: number): BollingerLines {
  const mid = sma(x, period);
  const top = emptyLine(x.length);
  const bot = emptyLine(x.length);
  const squares = new Float64Array(period);
  for (let i = bollingerMinPeriod(period) - 1; i < x.length; i++) {
    for (let k = 0; k < period; k++) squares[k] = (x[i - period + 1 + k] - mid[i]) ** 2;
    const width = devfactor * Math.sqrt(fsum(squares, 0, period) / period);
    top[i] = mid[i] + width;
    bot[i] = mid[i] - width;
  }
  return { top, mid, bot };
}
