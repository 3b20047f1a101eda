/**
 * Spock's `ohlcv_data` → `ohlcv_data`, with every indicator column carried over.
 *
 * - Price basis: Korean bars come from the broker API, which adjusts for splits and dividends →
 *   `total`; Spock's other regions may be raw prices (source-systems.md) and nothing marks them
 *   adjusted → `raw`. `source` = `spock`; `fetched_at` = the row's `created_at` (the instant whose
 *   basis the adjusted prices are on).
 * - Two passes: rows with a region first; then legacy NULL-region rows, whose region comes from the
 *   resolver and which never overwrite a row that has its region from the source (first wins) —
 *   SQLite's UNIQUE let both exist.
 * - Rejected: missing or impossible values, text or non-finite numbers, negative prices or volume,
 *   unsupported timeframes. A close outside [low, high] loads and is counted (`closeOutsideLowHigh`):
 *   about half of real rows are, by up to 2%.
 */
import { ohlcvData, type NewOhlcvBar } from "../../../../schema/index.ts";
import { defineTable, type LoadRow } from "../../table-spec.ts";
import { normalizeTimeframe } from "../../timeframe.ts";
import { nonNegative, optionalNumber, optionalText, requiredDate, requiredNumber, requiredText, requiredTimestamp } from "../../../core/values.ts";

const price = (value: Parameters<typeof requiredNumber>[0], column: string) => nonNegative(requiredNumber(value, column), column);

export const spockOhlcv = defineTable({
  source: "ohlcv_data",
  target: ohlcvData,
  required: ["ticker", "timeframe", "date", "region", "open", "high", "low", "close", "volume", "created_at"],
  optional: [
    "ma5", "ma20", "ma60", "ma120", "ma200", "rsi_14", "macd", "macd_signal", "macd_hist", "bb_upper", "bb_middle",
    "bb_lower", "atr_14", "atr", "volume_ma20", "volume_ratio",
  ],
  passes: [
    { where: "region IS NOT NULL", onConflict: "update" },
    { where: "region IS NULL", onConflict: "ignore" },
  ],
  createsInstruments: true,
  transform(r, c): LoadRow<NewOhlcvBar> {
    const ticker = requiredText(r.ticker, "ticker");
    const region = c.resolver.region(ticker, optionalText(r.region, "region"));
    const bar = {
      ticker,
      region,
      timeframe: normalizeTimeframe(r.timeframe, "timeframe"),
      date: requiredDate(r.date, "date"),
      open: price(r.open, "open"),
      high: price(r.high, "high"),
      low: price(r.low, "low"),
      close: price(r.close, "close"),
      volume: price(r.volume, "volume"),
      ma5: optionalNumber(r.ma5, "ma5"),
      ma20: optionalNumber(r.ma20, "ma20"),
      ma60: optionalNumber(r.ma60, "ma60"),
      ma120: optionalNumber(r.ma120, "ma120"),
      ma200: optionalNumber(r.ma200, "ma200"),
      rsi14: optionalNumber(r.rsi_14, "rsi_14"),
      macd: optionalNumber(r.macd, "macd"),
      macdSignal: optionalNumber(r.macd_signal, "macd_signal"),
      macdHist: optionalNumber(r.macd_hist, "macd_hist"),
      bbUpper: optionalNumber(r.bb_upper, "bb_upper"),
      bbMiddle: optionalNumber(r.bb_middle, "bb_middle"),
      bbLower: optionalNumber(r.bb_lower, "bb_lower"),
      atr14: optionalNumber(r.atr_14, "atr_14"),
      atr: optionalNumber(r.atr, "atr"),
      volumeMa20: optionalNumber(r.volume_ma20, "volume_ma20"),
      volumeRatio: optionalNumber(r.volume_ratio, "volume_ratio"),
      source: "spock",
      priceBasis: region === "KR" ? "total" : "raw",
      fetchedAt: requiredTimestamp(r.created_at, "created_at", c.zones),
    } satisfies LoadRow<NewOhlcvBar>;
    if (bar.close < bar.low || bar.close > bar.high) c.note("closeOutsideLowHigh");
    return bar;
  },
});
