/**
 * Indicators: bar indicators with backtrader's definitions and warm-up rules, and the original tick
 * system's tick-window indicators on a time grid. The kernels (one file each, over Float64Array), the
 * spec parser (`sma(30),macd(12,26,9),twpa(300,0)`), evaluation over any bar series or a symbol's
 * ticks, computeIndicators over an instrument's stored bars and computeSessionIndicators over a tick
 * session's symbol, both able to save what they compute into indicator_values.
 */
export { atr, atrMinPeriod, trueRange } from "./atr.ts";
export { bidAskImbalance } from "./bid-ask-imbalance.ts";
export { bollinger, bollingerMinPeriod, type BollingerLines } from "./bollinger.ts";
export { INDICATORS, INDICATOR_NAMES, type IndicatorDefinition, type IndicatorParameter } from "./catalog.ts";
export { computeIndicators, type ComputeIndicatorsRequest, type IndicatorResult } from "./compute-indicators.ts";
export { ema, emaMinPeriod, exponentialSmoothing } from "./ema.ts";
export { indicatorSeries, tickIndicatorSeries, type IndicatorPoint, type IndicatorSeries, type TimedPriceColumns } from "./evaluate.ts";
export { ExactSum } from "./exact-sum.ts";
export { highest, lowest } from "./extremes.ts";
export { fsum } from "./fsum.ts";
export type { PriceColumns } from "./line.ts";
export { macd, macdMinPeriod, type MacdLines } from "./macd.ts";
export { momentum, momentumMinPeriod } from "./momentum.ts";
export { priceVelocity } from "./price-velocity.ts";
export { roc, rocMinPeriod } from "./roc.ts";
export { rsi, rsiMinPeriod } from "./rsi.ts";
export { SAVE_MODES, type SavedLine } from "./save-series.ts";
export { readBookColumns, readTradeColumns } from "./session-columns.ts";
export { computeSessionIndicators, type SessionIndicatorResult, type SessionIndicatorsRequest } from "./session-indicators.ts";
export { sma, smaMinPeriod } from "./sma.ts";
export { smma } from "./smma.ts";
export {
  isTickSpec,
  lineKeys,
  MAX_PERIOD,
  MAX_WINDOW_SECONDS,
  parseIndicators,
  parseSessionIndicators,
  type IndicatorSpec,
  type SessionIndicatorSpec,
  type TickIndicatorSpec,
} from "./spec.ts";
export { spreadPct } from "./spread-pct.ts";
export { stochastic, stochasticMinPeriod, type StochasticLines } from "./stochastic.ts";
export { TICK_INDICATORS, TICK_INDICATOR_NAMES, type TickIndicatorDefinition } from "./tick-catalog.ts";
export type { BookColumns, TickColumns, TradeColumns } from "./tick-columns.ts";
export { MAX_GRID_POINTS, timeGrid } from "./time-grid.ts";
export { timeWeightedMeans } from "./time-weighted.ts";
export { twpaRatio } from "./twpa-ratio.ts";
export { twpa } from "./twpa.ts";
export { volumeSurgeRatio } from "./volume-surge-ratio.ts";
export { williamsR, williamsRMinPeriod } from "./williams-r.ts";
export { wma, wmaMinPeriod } from "./wma.ts";
