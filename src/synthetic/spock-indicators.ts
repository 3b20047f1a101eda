/**
 * The indicators Spock stores beside its bars, on closes: simple moving averages, Wilder RSI(14) and
 * ATR(14), MACD(12, 26, 9) on EMAs, Bollinger(20, 2σ population), 20-day volume average and ratio.
 * A value needs a full window: warm-up rows are NaN (written as NULL), exactly what real files hold.
 */
import type { Bars } from "./bars.ts";

export function movingAverage(x: Float64Array, window: number): Float64Array {
  const out = new Float64Array(x.length).fill(NaN);
  let sum = 0;
  for (let i = 0; i < x.length; i++) {
    sum += x[i];
    if (i >= window) sum -= x[i - window];
    if (i >= window - 1) out[i] = sum / window;
  }
  return out;
}

function ema(x: Float64Array, span: number, from = 0): Float64Array {
  const out = new Float64Array(x.length).fill(NaN);
  const alpha = 2 / (span + 1);
  for (let i = from; i < x.length; i++) out[i] = i === from ? x[i] : alpha * x[i] + (1 - alpha) * out[i - 1];
  return out;
}

/** Wilder RSI(14): first average over 14 changes, then (13·avg + change) / 14. */
export function rsi14(close: Float64Array): Float64Array {
  const out = new Float64Array(close.length).fill(NaN);
  let gain = 0;
  let loss = 0;
  for (let i = 1; i < close.length; i++) {
    const change = close[i] - close[i - 1];
    const up = Math.max(change, 0);
    const down = Math.max(-change, 0);
    if (i <= 14) {
      gain += up / 14;
      loss += down / 14;
    } else {
      gain = (13 * gain + up) / 14;
      loss = (13 * loss + down) / 14;
    }
    if (i >= 14) out[i] = loss === 0 ? 100 : 100 - 100 / (1 + gain / loss);
  }
  return out;
}

/** Wilder ATR(14) of true ranges. */
export function atr14(bars: Bars): Float64Array {
  const n = bars.close.length;
  const out = new Float64Array(n).fill(NaN);
  let average = 0;
  for (let i = 1; i < n; i++) {
    const prev = bars.close[i - 1];
    const trueRange = Math.max(bars.high[i] - bars.low[i], Math.abs(bars.high[i] - prev), Math.abs(bars.low[i] - prev));
    average = i <= 14 ? average + trueRange / 14 : (13 * average + trueRange) / 14;
    if (i >= 14) out[i] = average;
  }
  return out;
}

export interface Indicators {
  ma5: Float64Array;
  ma20: Float64Array;
  ma60: Float64Array;
  ma120: Float64Array;
  ma200: Float64Array;
  rsi14: Float64Array;
  macd: Float64Array;
  macdSignal: Float64Array;
  macdHist: Float64Array;
  bbUpper: Float64Array;
  bbMiddle: Float64Array;
  bbLower: Float64Array;
  atr: Float64Array;
  volumeMa20: Float64Array;
  volumeRatio: Float64Array;
}

export function indicators(bars: Bars): Indicators {
  const { close, volume } = bars;
  const n = close.length;
  const macd = new Float64Array(n).fill(NaN);
  const fast = ema(close, 12);
  const slow = ema(close, 26);
  for (let i = 25; i < n; i++) macd[i] = fast[i] - slow[i];
  const macdSignal = ema(macd, 9, Math.min(25, n));
  const macdHist = new Float64Array(n).fill(NaN);
  for (let i = 33; i < n; i++) macdHist[i] = macd[i] - macdSignal[i];
  for (let i = 25; i < Math.min(33, n); i++) macdSignal[i] = NaN;

  const bbMiddle = movingAverage(close, 20);
  const bbUpper = new Float64Array(n).fill(NaN);
  const bbLower = new Float64Array(n).fill(NaN);
  for (let i = 19; i < n; i++) {
    let ss = 0;
    for (let k = i - 19; k <= i; k++) ss += (close[k] - bbMiddle[i]) ** 2;
    const sd = Math.sqrt(ss / 20);
    bbUpper[i] = bbMiddle[i] + 2 * sd;
    bbLower[i] = bbMiddle[i] - 2 * sd;
  }
  const volumeMa20 = movingAverage(volume, 20);
  const volumeRatio = new Float64Array(n).fill(NaN);
  for (let i = 19; i < n; i++) volumeRatio[i] = volumeMa20[i] > 0 ? volume[i] / volumeMa20[i] : NaN;
  return {
    ma5: movingAverage(close, 5),
    ma20: movingAverage(close, 20),
    ma60: movingAverage(close, 60),
    ma120: movingAverage(close, 120),
    ma200: movingAverage(close, 200),
    rsi14: rsi14(close),
    macd,
    macdSignal,
    macdHist,
    bbUpper,
    bbMiddle,
    bbLower,
    atr: atr14(bars),
    volumeMa20,
    volumeRatio,
  };
}
