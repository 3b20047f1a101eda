/**
 * `ohlcv_data` rows of a synthetic Spock file, with the problems of real files (source-systems.md §1):
 * - legacy rows with NULL region, written first (they are the oldest): some duplicate a row that has
 *   the region, two duplicate each other, and legacy prices are unadjusted (1% off the later rows);
 * - close outside [low, high] by up to 2% in about half the rows; RSI of 100.00000000000001;
 * - zero-volume rows (funds that report none, halted days); `atr_14` nearly always NULL, `atr` filled;
 * - timeframes `D`/`W`/`M` plus two instruments spelled `1d` and `daily`;
 * - a handful of rows that must be rejected: impossible dates, text in a number column, `NaN` text,
 *   infinity, negative price and volume, an empty ticker, an unsupported timeframe, NULL-region rows
 *   of a code that trades in two regions or of no known instrument.
 * Every instrument's path comes from its own seed, so rows are the same whatever else changes.
 * Prices are ./bars.ts's random walk in the instrument's currency and decimals, on weekdays.
 */
import { addDays } from "../util/dates.ts";
import { randomBars, type Bars } from "./bars.ts";
import { mondayOf, weekdaysEnding } from "./calendar.ts";
import { mulberry32 } from "./random.ts";
import { indicators } from "./spock-indicators.ts";
import { unplaceableCode, type SampleInstrument } from "./spock-universe.ts";
import type { Insert, SampleWriter } from "./sqlite-writer.ts";

export const OHLCV_COLUMNS = [
  "ticker", "timeframe", "date", "region", "open", "high", "low", "close", "volume",
  "ma5", "ma20", "ma60", "ma120", "ma200", "rsi_14", "macd", "macd_signal", "macd_hist",
  "bb_upper", "bb_middle", "bb_lower", "atr_14", "atr", "volume_ma20", "volume_ratio", "created_at",
] as const;

const BASE_VOLUME: Record<SampleInstrument["region"], number> = { KR: 200_000, US: 2_000_000, CN: 500_000, HK: 500_000, JP: 300_000, VN: 100_000 };

/** Spock writes `created_at` with Python's local `isoformat()`: a `T` and microseconds. */
export function localStamp(date: string, uniform: () => number): string {
  const seconds = 16 * 3600 + Math.floor(uniform() * 7200);
  const hh = String(Math.floor(seconds / 3600)).padStart(2, "0");
  const mm = String(Math.floor(seconds / 60) % 60).padStart(2, "0");
  const ss = String(seconds % 60).padStart(2, "0");
  return `${date}T${hh}:${mm}:${ss}.${String(Math.floor(uniform() * 1e6)).padStart(6, "0")}`;
}

export interface PriceSeries {
  dates: string[];
  bars: Bars;
}

/** The daily bars Spock holds for one instrument (close already pushed outside [low, high] where it is). */
export function instrumentSeries(instrument: SampleInstrument, index: number, dates: string[], seed: number): PriceSeries {
  const uniform = mulberry32((seed * 1_000_003 + index * 7919) >>> 0);
  const bars = randomBars(uniform, dates.length, instrument.startPrice, instrument.decimals, BASE_VOLUME[instrument.region]);
  const scale = 10 ** instrument.decimals;
  const silentFund = instrument.assetType === "ETF" && index % 5 === 0;
  for (let i = 0; i < dates.length; i++) {
    const u = uniform();
    if (u < 0.5) {
      // Up to 2% once rounded to the price's decimals.
      const off = 0.019 * uniform();
      const pushed = u < 0.25 ? bars.high[i] * (1 + off) : bars.low[i] * (1 - off);
      bars.close[i] = Math.round(pushed * scale) / scale;
    }
    if (silentFund) bars.volume[i] = 0;
    else if (uniform() < 0.005 && i > 0) {
      // Halted: no trades, the previous close carried.
      bars.open[i] = bars.high[i] = bars.low[i] = bars.close[i] = bars.close[i - 1];
      bars.volume[i] = 0;
    }
  }
  return { dates, bars };
}

/** Daily bars grouped into weeks (by Monday) or months: open first, close last, dated the last day. */
function aggregate(series: PriceSeries, keyOf: (date: string) => string): PriceSeries {
  const { dates, bars } = series;
  const groups: number[][] = [];
  let lastKey = "";
  dates.forEach((d, i) => {
    const key = keyOf(d);
    if (key !== lastKey) groups.push([]);
    groups[groups.length - 1].push(i);
    lastKey = key;
  });
  const pick = (f: (g: number[]) => number) => Float64Array.from(groups, f);
  return {
    dates: groups.map((g) => dates[g[g.length - 1]]),
    bars: {
      open: pick((g) => bars.open[g[0]]),
      high: pick((g) => Math.max(...g.map((i) => bars.high[i]))),
      low: pick((g) => Math.min(...g.map((i) => bars.low[i]))),
      close: pick((g) => bars.close[g[g.length - 1]]),
      volume: pick((g) => g.reduce((s, i) => s + bars.volume[i], 0)),
    },
  };
}

function writeBars(insert: Insert, instrument: SampleInstrument, timeframe: string, region: string | null, series: PriceSeries, from: number, uniform: () => number, withIndicators: boolean, special: { rsiEpsilon: boolean }): void {
  const { dates, bars } = series;
  const ind = withIndicators ? indicators(bars) : undefined;
  for (let i = from; i < dates.length; i++) {
    const at = (x: Float64Array | undefined) => (x ? x[i] : NaN);
    let rsi = at(ind?.rsi14);
    if (special.rsiEpsilon && i === dates.length - 1) rsi = 100.00000000000001;
    const atr = at(ind?.atr);
    insert([
      instrument.ticker, timeframe, dates[i], region, bars.open[i], bars.high[i], bars.low[i], bars.close[i], bars.volume[i],
      at(ind?.ma5), at(ind?.ma20), at(ind?.ma60), at(ind?.ma120), at(ind?.ma200), rsi,
      at(ind?.macd), at(ind?.macdSignal), at(ind?.macdHist), at(ind?.bbUpper), at(ind?.bbMiddle), at(ind?.bbLower),
      uniform() < 0.01 ? atr : NaN, atr, at(ind?.volumeMa20), at(ind?.volumeRatio), localStamp(dates[i], uniform),
    ]);
  }
}

export interface PriceLayoutFacts {
  /** Instruments whose oldest rows are legacy NULL-region rows. */
  legacy: Set<number>;
  legacyDays: number;
}

export function writeSpockPrices(writer: SampleWriter, universe: SampleInstrument[], days: number, endDate: string, seed: number): PriceLayoutFacts {
  const insert = writer.table("ohlcv_data", OHLCV_COLUMNS);
  const dates = weekdaysEnding(endDate, days);
  const uniform = mulberry32(seed ^ 0x5eed);
  const legacyDays = Math.min(20, Math.floor(days / 5));
  // 000660 (also a Chinese code; the master kept the Korean one) and every tenth Korean master row.
  const legacy = new Set(universe.flatMap((x, i) => (x.region === "KR" && x.master && (x.ticker === "000660" || i % 10 === 3) ? [i] : [])));

  // Legacy block: NULL region, unadjusted prices, database-default UTC timestamps.
  for (const i of legacy) {
    const { bars } = instrumentSeries(universe[i], i, dates, seed);
    const row = (d: number) => {
      const px = (x: number) => Math.round(x * 1.01 * 10 ** universe[i].decimals) / 10 ** universe[i].decimals;
      return [universe[i].ticker, "D", dates[d], null, px(bars.open[d]), px(bars.high[d]), px(bars.low[d]), px(bars.close[d]), bars.volume[d],
        ...new Array(16).fill(null), `${dates[d]} 07:30:00`];
    };
    for (let d = 0; d < legacyDays; d++) insert(row(d));
    // Written twice: SQLite's UNIQUE lets NULL-region rows repeat.
    insert(row(0));
    insert(row(1));
  }

  const shared = unplaceableCode(universe);
  const spelled: Record<number, string> = {};
  const plainKr = universe.map((x, i) => i).filter((i) => universe[i].region === "KR" && !legacy.has(i));
  spelled[plainKr[plainKr.length - 1]] = "1d";
  spelled[plainKr[plainKr.length - 2]] = "daily";

  universe.forEach((instrument, i) => {
    if (i === Math.floor(universe.length / 2)) writeRejectedPrices(insert, universe[0], shared, dates);
    const series = instrumentSeries(instrument, i, dates, seed);
    const from = legacy.has(i) ? legacyDays / 2 : 0;
    writeBars(insert, instrument, spelled[i] ?? "D", instrument.region, series, Math.floor(from), uniform, true, { rsiEpsilon: i % 50 === 0 });
    if (i % 20 === 7) {
      writeBars(insert, instrument, "W", instrument.region, aggregate(series, mondayOf), 0, uniform, false, { rsiEpsilon: false });
      writeBars(insert, instrument, "M", instrument.region, aggregate(series, (d) => d.slice(0, 7)), 0, uniform, false, { rsiEpsilon: false });
    }
  });
  return { legacy, legacyDays };
}

/** Rows a loader must reject, each for one reason; dated before the series so keys stay unique. */
function writeRejectedPrices(insert: Insert, valid: SampleInstrument, shared: string, dates: string[]): void {
  const before = weekdaysEnding(addDays(dates[0], -1), 8);
  const base = (date: string, over: Record<string, unknown> = {}) => {
    const row: Record<string, unknown> = { ticker: valid.ticker, timeframe: "D", date, region: valid.region, open: 100, high: 110, low: 90, close: 105, volume: 1000, created_at: `${date}T16:00:00.000001`, ...over };
    insert(OHLCV_COLUMNS.map((c) => row[c] ?? null));
  };
  base("2023-02-30");
  base("2024-13-01");
  base(before[0], { close: "abc" });
  base(before[1], { volume: "NaN" });
  base(before[2], { high: Infinity });
  base(before[3], { close: -5 });
  base(before[4], { volume: -100 });
  base(before[5], { ticker: "" });
  base(before[6], { timeframe: "1m" });
  for (let d = 0; d < 3; d++) base(dates[d], { ticker: shared, region: null });
  base(dates[0], { ticker: "999999", region: null });
}
