/** Overfitting statistics over all the trials of a parameter search: PSR, DSR and PBO. */
export { inverseNormalCdf, normalCdf, normalPdf } from "./normal.ts";
export { EULER_MASCHERONI, deflatedSharpeRatio, expectedMaxSharpe, probabilisticSharpeRatio } from "./sharpe-ratio.ts";
export type { DeflatedSharpe, DeflatedSharpeInput, ProbabilisticSharpeInput } from "./sharpe-ratio.ts";
export { probabilityOfBacktestOverfitting } from "./backtest-overfitting.ts";
export type { BacktestOverfitting, OverfittingOptions } from "./backtest-overfitting.ts";
export { skewAndKurtosis } from "./moments.ts";
