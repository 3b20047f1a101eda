/**
 * `computeIndicators(database, { ticker, region, timeframe, from, to, indicators })`: indicator specs
 * (spec.ts) over one instrument's stored bars (the prices repository), as
 * `{ series: { "<spec>.<line>": [[date, value], …] } }` with the points dated from `from` to `to`.
 *
 * Warm-up rule: every stored bar of the instrument up to `to` is read, those before `from` included,
 * so a value at `from` is the one backtrader gives when fed the instrument's whole stored history.
 * For the window indicators (SMA, WMA, Bollinger, Williams %R, ROC, Momentum, the Stochastic) this
 * only needs minperiod − 1 earlier bars; the smoothed ones (EMA, MACD, RSI, ATR) are seeded on the
 * first bars of the history and depend on every bar since, so a value does not depend on the `from`
 * asked for. A line has no points before its indicator's warm-up is complete (on fewer bars than
 * minperiod, none at all), and a point on every bar after it. Bars after `to` are never read.
 * Prices are as stored (each bar's own price basis); daily, weekly or monthly bars (`timeframe`).
 * `save: { mode }` stores each line's points in `indicator_values` under the bar series (ticker,
 * region, timeframe) and the id `<spec>.<line>` (`sma(30).value`), a bar's value at its date's UTC
 * midnight, all lines in one transaction (save-series.ts); `append` adds values (a stored date takes
 * the new value), `overwrite` replaces each id's stored values with the points computed now.
 */
import type { Session } from "../db/index.ts";
import { InputError } from "../errors.ts";
import type { SaveMode } from "../repositories/indicator-values.ts";
import { repositories } from "../repositories/index.ts";
import { TIMEFRAMES, type Timeframe } from "../schema/index.ts";
import { firstOnOrAfter, isIsoDate } from "../util/dates.ts";
import { indicatorSeries, type IndicatorSeries } from "./evaluate.ts";
import { saveMode, saveSeries, type SavedLine } from "./save-series.ts";
import { parseIndicators, type IndicatorSpec } from "./spec.ts";

export interface ComputeIndicatorsRequest {
  ticker: string;
  region: string;
  /** Default `1d`. */
  timeframe?: Timeframe;
  /** First and last date of the points, `YYYY-MM-DD`, inclusive. */
  from: string;
  to: string;
  /** Specs as text (`"sma(30),rsi(14)"`) or already parsed. */
  indicators: string | readonly IndicatorSpec[];
  save?: { mode: SaveMode };
}

export interface IndicatorResult {
  series: IndicatorSeries;
  /** With `save`: each stored line, in the order of `series`. */
  saved?: SavedLine[];
}

/** Before any stored bar: the read starts at the instrument's first bar. */
const HISTORY_START = "0001-01-01";

export async function computeIndicators(database: Session, request: ComputeIndicatorsRequest): Promise<IndicatorResult> {
  const { ticker, region, from, to } = request;
  const timeframe = request.timeframe ?? "1d";
  if (ticker.trim() === "" || region.trim() === "") throw new InputError("give a ticker and a region, e.g. ticker AAPL, region US");
  if (!TIMEFRAMES.includes(timeframe)) throw new InputError(`timeframe must be one of ${TIMEFRAMES.join(", ")}; got "${timeframe}"`);
  for (const [name, date] of [["from", from], ["to", to]]) {
    if (!isIsoDate(date)) throw new InputError(`${name} must be a date YYYY-MM-DD, got "${date}"`);
  }
  if (from > to) throw new InputError(`from ${from} is after to ${to}`);
  const mode = request.save === undefined ? undefined : saveMode(request.save.mode);
  const specs = typeof request.indicators === "string" ? parseIndicators(request.indicators) : request.indicators;
  const bars = await repositories(database).prices.series(ticker, region, HISTORY_START, to, timeframe);
  const shownFrom = firstOnOrAfter(bars.dates, from);
  if (shownFrom === bars.dates.length) throw new InputError(`no ${timeframe} bars of ${ticker} in region ${region} from ${from} to ${to}`);
  const series = indicatorSeries({ times: bars.dates, high: bars.high, low: bars.low, close: bars.close }, specs, shownFrom);
  if (mode === undefined) return { series };
  return { series, saved: await saveSeries(database, series, (line) => ({ ticker, region, timeframe, indicator: line }), mode) };
}
