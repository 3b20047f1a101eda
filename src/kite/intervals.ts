/**
 * Kite's interval names (kite_app's HDF5 paths) ↔ the platform's timeframes: `minute` → `1m`,
 * `3minute` … `60minute` → `3m` … `60m` (ohlcv_intraday), `day` → `1d` (ohlcv_data).
 */
import type { IntradayTimeframe } from "../schema/index.ts";

export const KITE_INTERVALS = ["minute", "3minute", "5minute", "10minute", "15minute", "30minute", "60minute", "day"] as const;
export type KiteInterval = (typeof KITE_INTERVALS)[number];

const TIMEFRAMES: Readonly<Record<KiteInterval, IntradayTimeframe | "1d">> = {
  minute: "1m",
  "3minute": "3m",
  "5minute": "5m",
  "10minute": "10m",
  "15minute": "15m",
  "30minute": "30m",
  "60minute": "60m",
  day: "1d",
};

export function isKiteInterval(name: string): name is KiteInterval {
  return (KITE_INTERVALS as readonly string[]).includes(name);
}

export function timeframeOf(interval: KiteInterval): IntradayTimeframe | "1d" {
  return TIMEFRAMES[interval];
}

export function intervalOf(timeframe: IntradayTimeframe | "1d"): KiteInterval {
  return KITE_INTERVALS.find((i) => TIMEFRAMES[i] === timeframe)!;
}
