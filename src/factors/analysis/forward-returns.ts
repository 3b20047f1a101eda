/**
 * Forward returns, the target factors are judged against. This is the one place that looks ahead on
 * purpose: it is for evaluation, never an input to a factor.
 *
 * Definition: forward(t, h) = close[t+h] / close[t] − 1, where t+h is the h-th own bar AFTER the bar
 * on date t (own bars as in own-history.ts, so holes are skipped per instrument). No bar on t, or
 * fewer than h bars after it → NaN. Units: simple return over h trading days, fraction, not annualised.
 */
import type { Panel } from "../../panel.ts";
import { ownHistory } from "../own-history.ts";
import { nanPanel, resolveRows } from "../panel-shape.ts";

export function forwardReturns(closes: Panel, horizon: number, at?: readonly number[]): Panel {
  if (!Number.isInteger(horizon) || horizon < 1) throw new RangeError(`horizon must be a positive integer, got ${horizon}`);
  const rows = resolveRows(closes, at);
  const history = ownHistory(closes);
  const nTickers = closes.tickers.length;
  const out = nanPanel(
    rows.map((d) => closes.dates[d]),
    closes.tickers,
  );
  for (let r = 0; r < rows.length; r++) {
    const cellBase = rows[r] * nTickers;
    for (let t = 0; t < nTickers; t++) {
      const k = history.barIndex[cellBase + t];
      if (k < 0) continue;
      const i = history.start[t] + k;
      if (i + horizon < history.start[t + 1]) out.values[r * nTickers + t] = history.close[i + horizon] / history.close[i] - 1;
    }
  }
  return out;
}
