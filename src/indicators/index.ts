/**
 * Bar indicators with backtrader's definitions and warm-up rules: the kernels (one file each, over
 * Float64Array), the spec parser (`sma(30),macd(12,26,9)`), evaluation over any bar series, and
 * computeIndicators over an instrument's stored bars.
 */
export { atr, atrMinPeriod, trueRange } from "./atr.ts";
export { bollinger, bollingerMinPeriod, type BollingerLines } from "./bollinger.ts";
export { INDICATORS, INDICATOR_NAMES, type IndicatorDefinition, type IndicatorParameter } from "./catalog.ts";
export { computeIndicators, type ComputeIndicatorsRequest, type IndicatorResult } from "./compute-indicators.ts";
export { ema, emaMinPeriod, exponentialSmoothing } from "./ema.ts";
export { indicatorSeries, type IndicatorPoint, type IndicatorSeries, type TimedPriceColumns } from "./evaluate.ts";
export { highest, lowest } from "./extremes.ts";
export { fsum } from "./fsum.ts";
export type { PriceColumns } from "./line.ts";
export { macd, macdMinPeriod, type MacdLines } from "./macd.ts";
export { momentum, momentumMinPeriod } from "./momentum.ts";
export { roc, rocMinPeriod } from "./roc.ts";
export { rsi, rsiMinPeriod } from "./rsi.ts";
export { sma, smaMinPeriod } from "./sma.ts";
export { smma } from "./smma.ts";
export { lineKeys, MAX_PERIOD, parseIndicators, type IndicatorSpec } from "./spec.ts";
export { stochastic, stochasticMinPeriod, type StochasticLines } from "./stochastic.ts";
export { williamsR, williamsRMinPeriod } from "./williams-r.ts";
export { wma, wmaMinPeriod } from "./wma.ts";
