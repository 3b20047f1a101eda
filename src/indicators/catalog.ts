/**
 * The bar indicators by name, as the indicator specs name them (`sma(30)`, `bbands(20,2)`): each
 * one's parameters with backtrader's defaults, its lines, its warm-up (minperiod) and its kernel.
 * The kernels read the close, except ATR, Stochastic and Williams %R, which also read high and low.
 */
import { atr, atrMinPeriod } from "./atr.ts";
import { bollinger, bollingerMinPeriod } from "./bollinger.ts";
import { ema, emaMinPeriod } from "./ema.ts";
import type { PriceColumns } from "./line.ts";
import { macd, macdMinPeriod } from "./macd.ts";
import { momentum, momentumMinPeriod } from "./momentum.ts";
import { roc, rocMinPeriod } from "./roc.ts";
import { rsi, rsiMinPeriod } from "./rsi.ts";
import { sma, smaMinPeriod } from "./sma.ts";
import { stochastic, stochasticMinPeriod } from "./stochastic.ts";
import { williamsR, williamsRMinPeriod } from "./williams-r.ts";
import { wma, wmaMinPeriod } from "./wma.ts";

export interface IndicatorParameter {
  name: string;
  /** backtrader's default, used when the spec leaves the argument out. */
  default: number;
  /**
   * A whole number of bars ≥ 1, any number > 0, or a time in seconds ≥ 0 to the microsecond (the
   * tick-window indicators' windows, tick-catalog.ts).
   */
  kind: "bars" | "positive" | "seconds";
}

export interface IndicatorDefinition {
  name: string;
  description: string;
  parameters: readonly IndicatorParameter[];
  /** Line names, `value` for a single-line indicator. */
  lines: readonly string[];
  /** What the arguments must satisfy together, as a sentence, or undefined when they do. */
  conflict?(args: readonly number[]): string | undefined;
  /** backtrader's minperiod: bars needed for the first value (on index minPeriod − 1). */
  minPeriod(args: readonly number[]): number;
  /** One line per name in `lines`, each as long as the bars. */
  compute(bars: PriceColumns, args: readonly number[]): Float64Array[];
}

const bars = (name: string, value: number): IndicatorParameter => ({ name, default: value, kind: "bars" });

/** A one-line indicator of one period. */
function onePeriod(
  name: string,
  description: string,
  period: number,
  kernel: (bars: PriceColumns, period: number) => Float64Array,
  minPeriod: (period: number) => number,
): IndicatorDefinition {
  return {
    name,
    description,
    parameters: [bars("period", period)],
    lines: ["value"],
    minPeriod: ([p]) => minPeriod(p),
    compute: (b, [p]) => [kernel(b, p)],
  };
}

/** The same, reading only the close. */
const ofClose = (
  name: string,
  description: string,
  period: number,
  kernel: (x: Float64Array, period: number) => Float64Array,
  minPeriod: (period: number) => number,
): IndicatorDefinition => onePeriod(name, description, period, (b, p) => kernel(b.close, p), minPeriod);

export const INDICATORS: readonly IndicatorDefinition[] = [
  ofClose("sma", "simple moving average of the close", 30, sma, smaMinPeriod),
  ofClose("ema", "exponential moving average of the close, seeded with the SMA, alpha 2/(period+1)", 30, ema, emaMinPeriod),
  ofClose("wma", "linearly weighted moving average of the close (newest weighs most)", 30, wma, wmaMinPeriod),
  ofClose("rsi", "Wilder's relative strength index (0..100)", 14, rsi, rsiMinPeriod),
  onePeriod("atr", "Wilder's average true range", 14, atr, atrMinPeriod),
  {
    name: "bbands",
    description: "Bollinger bands: SMA ± devfactor population standard deviations",
    parameters: [bars("period", 20), { name: "devfactor", default: 2, kind: "positive" }],
    lines: ["top", "mid", "bot"],
    minPeriod: ([p]) => bollingerMinPeriod(p),
    compute: ({ close }, [p, k]) => {
      const { top, mid, bot } = bollinger(close, p, k);
      return [top, mid, bot];
    },
  },
  {
    name: "macd",
    description: "MACD: EMA(fast) − EMA(slow), its EMA signal and the histogram",
    parameters: [bars("fast", 12), bars("slow", 26), bars("signal", 9)],
    lines: ["macd", "signal", "histo"],
    conflict: ([fast, slow]) => (fast < slow ? undefined : `the fast period (${fast}) must be shorter than the slow one (${slow})`),
    minPeriod: ([fast, slow, signal]) => macdMinPeriod(fast, slow, signal),
    compute: ({ close }, [fast, slow, signal]) => {
      const lines = macd(close, fast, slow, signal);
      return [lines.macd, lines.signal, lines.histo];
    },
  },
  {
    name: "stochastic",
    description: "slow stochastic: %K = SMA(fast %K, dfast), %D = SMA(%K, dslow)",
    parameters: [bars("period", 14), bars("dfast", 3), bars("dslow", 3)],
    lines: ["k", "d"],
    minPeriod: ([p, dfast, dslow]) => stochasticMinPeriod(p, dfast, dslow),
    compute: (b, [p, dfast, dslow]) => {
      const { k, d } = stochastic(b, p, dfast, dslow);
      return [k, d];
    },
  },
  onePeriod("williamsr", "Williams %R (−100..0)", 14, williamsR, williamsRMinPeriod),
  ofClose("roc", "rate of change over period bars, as a fraction", 12, roc, rocMinPeriod),
  ofClose("momentum", "close minus the close period bars earlier", 12, momentum, momentumMinPeriod),
];

export const INDICATOR_NAMES: readonly string[] = INDICATORS.map((d) => d.name);
