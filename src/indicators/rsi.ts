/**
 * RSI(period), backtrader's RelativeStrengthIndex with its default moving average, Wilder's SMMA:
 *   up_i = max(x_i − x_{i−1}, 0), down_i = max(x_{i−1} − x_i, 0) (from the second bar on);
 *   maup = SMMA(up, period), madown = SMMA(down, period), seeded with the mean of the first `period`
 *   moves (smma.ts); RSI = 100 − 100 / (1 + maup / madown).
 * A zero down-average: backtrader's default (safediv = False) divides by zero and stops the run with
 * ZeroDivisionError. A value is wanted on every bar, so this follows backtrader's own safe variant
 * (RSI_Safe: safediv = True with its defaults): madown = 0 and maup > 0 → 100 (safehigh, every move
 * up); madown = maup = 0 → 50 (safelow, no move at all).
 * Warm-up: the first move needs two bars (minperiod 2), the SMMA adds period − 1, so minperiod =
 * period + 1 and the first value is on index period.
 */
import { emptyLine } from "./line.ts";
import { smma } from "./smma.ts";

export const rsiMinPeriod = (period: number): number => period + 1;

export function rsi(x: Float64Array, period: number): Float64Array {
  const up = emptyLine(x.length);
  const down = emptyLine(x.length);
  for (let i = 1; i < x.length; i++) {
    up[i] = Math.max(x[i] - x[i - 1], 0);
    down[i] = Math.max(x[i - 1] - x[i], 0);
  }
  const maup = smma(up, period, 1);
  const madown = smma(down, period, 1);
  const out = emptyLine(x.length);
  for (let i = rsiMinPeriod(period) - 1; i < x.length; i++) {
    if (madown[i] === 0) out[i] = maup[i] === 0 ? 50 : 100;
    else out[i] = 100 - 100 / (1 + maup[i] / madown[i]);
  }
  return out;
}
