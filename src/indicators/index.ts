/**
 * Bar indicators with backtrader's definitions and warm-up rules: the kernels, one file each, over
 * Float64Array.
 */
export { atr, atrMinPeriod, trueRange } from "./atr.ts";
export { bollinger, bollingerMinPeriod, type BollingerLines } from "./bollinger.ts";
export { ema, emaMinPeriod, exponentialSmoothing } from "./ema.ts";
export { highest, lowest } from "./extremes.ts";
export { fsum } from "./fsum.ts";
export type { PriceColumns } from "./line.ts";
export { macd, macdMinPeriod, type MacdLines } from "./macd.ts";
export { momentum, momentumMinPeriod } from "./momentum.ts";
export { roc, rocMinPeriod } from "./roc.ts";
export { rsi, rsiMinPeriod } from "./rsi.ts";
export { sma, smaMinPeriod } from "./sma.ts";
export { smma } from "./smma.ts";
export { stochastic, stochasticMinPeriod, type StochasticLines } from "./stochastic.ts";
export { williamsR, williamsRMinPeriod } from "./williams-r.ts";
export { wma, wmaMinPeriod } from "./wma.ts";
