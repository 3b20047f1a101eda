/**
 * Forward returns, the target factors are judged against. This is the one place that looks ahead on
 * purpose: it is for evaluation, never an input to a factor.
 *
 * Definition: forward(t, h) = close[t+h] / close[t] − 1, where t+h is the h-th own bar AFTER the bar
 * on date t (own bars as in own-history.ts, so holes are skipped per instrument). No bar on t, or
 * fewer than h bars after it → NaN. Units: simple return over h trading days, fraction, not annualised.
 */
import type { Panel } from "../../panel/index.ts";
import { mapOwnBars } from "../own-history.ts";

export function forwardReturns(closes: Panel, horizon: number, at?: readonly number[]): Panel {
  if (!Number.isInteger(horizon) || horizon < 1) throw new RangeError(`horizon must be a positive integer, got ${horizon}`);
  return mapOwnBars(closes, at, (history, i, _k, t) =>
    i + horizon < history.start[t + 1] ? history.close[i + horizon] / history.close[i] - 1 : NaN,
  );
}
