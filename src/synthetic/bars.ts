/**
 * Synthetic daily OHLCV bars for one instrument: a geometric random walk from `start`.
 *
 * Model, per bar: open = previous close × e^(0.005·z), close = open × e^(0.02·z) (daily log-return
 * σ ≈ 2%, no drift), high and low up to 1% beyond the larger and smaller of open and close, volume
 * = baseVolume × e^(0.5·z), rounded to a whole number (z standard normal). Prices are rounded to
 * `decimals` places and never fall below one unit of the last place. Bars carry no dates: the caller
 * lays them on a calendar (./calendar.ts) and turns them into rows (./bar-rows.ts). Same `uniform`
 * source (./random.ts), same bars.
 */
import { normalSampler } from "./random.ts";

export interface Bars {
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
}

/** `n` bars; `decimals` rounds prices (0 for won, 2 for dollars); `baseVolume` scales volume. */
export function randomBars(uniform: () => number, n: number, start: number, decimals: number, baseVolume: number): Bars {
  const gauss = normalSampler(uniform);
  const scale = 10 ** decimals;
  const round = (x: number) => Math.max(1 / scale, Math.round(x * scale) / scale);
  const bars: Bars = {
    open: new Float64Array(n),
    high: new Float64Array(n),
    low: new Float64Array(n),
    close: new Float64Array(n),
    volume: new Float64Array(n),
  };
  let previous = start;
  for (let i = 0; i < n; i++) {
    const open = previous * Math.exp(0.005 * gauss());
    const close = open * Math.exp(0.02 * gauss());
    bars.open[i] = round(open);
    bars.close[i] = round(close);
    bars.high[i] = round(Math.max(open, close) * (1 + 0.01 * uniform()));
    bars.low[i] = round(Math.min(open, close) * (1 - 0.01 * uniform()));
    bars.volume[i] = Math.round(baseVolume * Math.exp(0.5 * gauss()));
    previous = close;
  }
  return bars;
}
