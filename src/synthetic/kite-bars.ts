/**
 * Synthetic Kite bars of one instrument: a seeded random walk of 1-minute bars over Indian exchange
 * sessions (09:15-15:30 IST, 375 minutes), rolled up into every Kite interval the way Kite builds them
 * (bars from 09:15 every n minutes, the last one cut at 15:30: 75 5-minute, 25 15-minute, 7 60-minute
 * bars a day; a day bar stamped at IST midnight). Open is the first minute's open, close the last
 * one's, high and low the extremes, volume the sum, open interest the last. Prices sit on Kite's 0.05
 * tick and are float32 as kite_app stores them, so a roll-up of the stored minutes equals the stored
 * coarser bar exactly.
 */
import type { KiteInterval } from "../kite/intervals.ts";
import type { KiteRecord } from "../kite/records.ts";
import { exchangeMidnight } from "../kite/time.ts";
import { normalSampler } from "./random.ts";

export const SESSION_MINUTES = 375;
const SESSION_OPEN_SECONDS = (9 * 60 + 15) * 60;

export const INTERVAL_MINUTES: Readonly<Record<Exclude<KiteInterval, "day">, number>> = {
  minute: 1, "3minute": 3, "5minute": 5, "10minute": 10, "15minute": 15, "30minute": 30, "60minute": 60,
};

export interface WalkOptions {
  /** Trading days (YYYY-MM-DD, IST dates), in order. */
  days: readonly string[];
  startPrice: number;
  /** An index: volume 0 throughout, as Kite reports for indices. */
  index?: boolean;
  /** Open interest is walked too (derivatives). */
  openInterest?: boolean;
}

const tick = (p: number) => Math.fround(Math.round(p * 20) / 20);

/** One session's 1-minute bars of every day, walked from `startPrice`. */
export function minuteBars(uniform: () => number, o: WalkOptions): KiteRecord[][] {
  const normal = normalSampler(uniform);
  let price = o.startPrice;
  let oi = o.openInterest ? 100_000 + Math.round(uniform() * 50_000) : undefined;
  return o.days.map((day) => {
    const start = exchangeMidnight(day) + SESSION_OPEN_SECONDS;
    const bars: KiteRecord[] = [];
    for (let m = 0; m < SESSION_MINUTES; m++) {
      const open = tick(price);
      price = Math.max(0.05, price * Math.exp(0.0008 * normal()));
      const close = tick(price);
      const high = tick(Math.max(open, close) * (1 + 0.0003 * Math.abs(normal())));
      const low = tick(Math.min(open, close) * (1 - 0.0003 * Math.abs(normal())));
      if (oi !== undefined) oi = Math.max(0, oi + Math.round(200 * normal()));
      bars.push({
        timestamp: start + m * 60, open, high, low, close,
        volume: o.index ? 0 : Math.round(1000 * Math.exp(0.5 * normal())),
        ...(oi === undefined ? {} : { oi }),
      });
    }
    return bars;
  });
}

function rollUp(bars: readonly KiteRecord[], timestamp: number): KiteRecord {
  const last = bars[bars.length - 1];
  return {
    timestamp,
    open: bars[0].open,
    high: Math.max(...bars.map((b) => b.high)),
    low: Math.min(...bars.map((b) => b.low)),
    close: last.close,
    volume: bars.reduce((n, b) => n + b.volume, 0),
    ...(last.oi === undefined ? {} : { oi: last.oi }),
  };
}

/** The bars of `interval` built from each session's minute bars (`sessions[d]` is `days[d]`). */
export function barsOf(interval: KiteInterval, days: readonly string[], sessions: readonly KiteRecord[][]): KiteRecord[] {
  if (interval === "day") return sessions.map((minutes, d) => rollUp(minutes, exchangeMidnight(days[d])));
  const n = INTERVAL_MINUTES[interval];
  return sessions.flatMap((minutes) => {
    const out: KiteRecord[] = [];
    for (let m = 0; m < minutes.length; m += n) out.push(rollUp(minutes.slice(m, m + n), minutes[m].timestamp));
    return out;
  });
}
