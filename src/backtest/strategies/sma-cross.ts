/**
 * `sma-cross`: per instrument, long when its close crosses above its simple moving average of
 * `period` bars, flat when it crosses below; a signal strategy built on fromSignals (../signals.ts).
 *
 * Each instrument is read over its own bars (rows where it has no close are skipped, so a holiday
 * of its market does not break the average), on adjusted closes (`market.adjustedClose`, so a split
 * is no crossing; NaN where there is no bar). diff = close − SMA(period), the SMA's first value on
 * the instrument's period-th bar. A crossover is judged as backtrader's CrossOver judges it, against
 * the last non-zero difference (its NonZeroDifference line, seeded with the first difference even
 * when that is 0): an up-cross on a bar whose diff is > 0 while the last non-zero diff before it was
 * < 0; a down-cross on a bar whose diff is < 0 while it was > 0. A diff that touches 0 and returns
 * to the same side is no cross; one that passes through 0 crosses on the bar it leaves 0.
 *
 * Up-cross = entry, down-cross = exit, from the first decision row on (fromSignals' rules: flat at
 * the start, one position per instrument, never resized). lookback = period: the SMA is defined on
 * the last warm-up bar, so a cross on the first simulated bar is seen.
 *
 * Size: `size` shares per position, or `percent` of equity per position (not both); neither gives
 * each instrument 100/width percent, so all positions together never exceed equity. `period`
 * defaults to 30, backtrader's SimpleMovingAverage default.
 */
import { InputError } from "../../errors.ts";
import { fromSignals, type SignalSize } from "../signals.ts";
import type { Market, TargetPlan } from "../types.ts";
import type { StrategyKind } from "./types.ts";

export const smaCross: StrategyKind = {
  kind: "sma-cross",
  description: "long each instrument after its close crosses above its moving average, flat after it crosses below",
  defaultRebalance: "daily",
  parameters: [
    { name: "period", type: "integer", min: 1, default: 30, description: "bars in the simple moving average" },
    { name: "size", type: "number", min: 0, exclusiveMin: true, optional: true, description: "shares per position (or give percent)" },
    { name: "percent", type: "number", min: 0, exclusiveMin: true, max: 100, optional: true, description: "percent of equity per position (or give size)" },
  ],
  lookback: (params) => params.period as number,
  allowShort: () => false,
  check(params) {
    if (params.size !== undefined && params.percent !== undefined) throw new InputError("sma-cross: give size or percent, not both");
  },
  targets({ market, decisionRows }, params): TargetPlan {
    const width = market.labels.length;
    const { entries, exits } = crossovers(market, params.period as number);
    const size: SignalSize =
      params.size !== undefined ? { shares: params.size as number } : { percent: params.percent !== undefined ? (params.percent as number) : 100 / width };
    return fromSignals(entries, exits, size, width, decisionRows);
  },
};

/** Up-crosses (entries) and down-crosses (exits) of every instrument, on the market's grid. */
function crossovers(market: Market, period: number): { entries: Uint8Array; exits: Uint8Array } {
  const close = market.adjustedClose;
  const width = market.labels.length;
  const entries = new Uint8Array(close.length);
  const exits = new Uint8Array(close.length);
  const window = new Float64Array(period); // the instrument's last `period` closes, circular
  for (let i = 0; i < width; i++) {
    let bars = 0;
    let lastNonZero = NaN; // NaN until the first diff
    for (let cell = i; cell < close.length; cell += width) {
      const c = close[cell];
      if (c !== c) continue;
      window[bars++ % period] = c;
      if (bars < period) continue;
      // Oldest first, so equal windows give equal sums whatever their phase: the oldest close sits
      // at bars % period; two plain loops instead of a modulo per element.
      const oldest = bars % period;
      let sum = 0;
      for (let j = oldest; j < period; j++) sum += window[j];
      for (let j = 0; j < oldest; j++) sum += window[j];
      const diff = c - sum / period;
      if (diff > 0 && lastNonZero < 0) entries[cell] = 1;
      else if (diff < 0 && lastNonZero > 0) exits[cell] = 1;
      if (diff !== 0 || lastNonZero !== lastNonZero) lastNonZero = diff;
    }
  }
  return { entries, exits };
}
