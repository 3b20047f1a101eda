/**
 * Stockula's `price_history`, `dividends`, `splits` → `ohlcv_data`, `dividends`, `splits`, on the
 * instrument of each row's Yahoo symbol (symbols.ts).
 *
 * Price basis: yfinance's default history is split- and dividend-adjusted as of the fetch → `total`,
 * with `fetched_at` = the row's `updated_at` (else `created_at`): rows fetched on different days sit
 * on different bases, and this is how a reader can tell. `source` = `stockula`. Funds and indices
 * report volume 0, which loads as 0. A close above the high by float noise loads and is counted.
 * Splits: `ratio` 2.0 means 2-for-1 → numerator 2, denominator 1; 0.1 → 1 for 10.
 */
import { dividends, ohlcvData, splits, type NewDividend, type NewOhlcvBar, type NewSplit } from "../../../../schema/index.ts";
import { defineTable, type LoadRow } from "../../table-spec.ts";
import { normalizeTimeframe } from "../../timeframe.ts";
import {
  nonNegative, optionalNumber, optionalTimestamp, reject, requiredDate, requiredNumber, type SqlValue,
} from "../../../core/values.ts";
import { splitTerms } from "../../../core/splits.ts";
import { stockulaInstrument } from "./symbols.ts";

const optionalPrice = (value: SqlValue, column: string) => {
  const n = optionalNumber(value, column);
  return n === null ? null : nonNegative(n, column);
};

export const stockulaPrices = defineTable({
  source: "price_history",
  target: ohlcvData,
  required: ["symbol", "date", "close_price", "volume", "interval"],
  optional: ["open_price", "high_price", "low_price", "created_at", "updated_at"],
  createsInstruments: true,
  transform(r, c): LoadRow<NewOhlcvBar> {
    const { ticker, region } = stockulaInstrument(r.symbol, c);
    const bar = {
      ticker,
      region,
      timeframe: normalizeTimeframe(r.interval, "interval"),
      date: requiredDate(r.date, "date"),
      open: optionalPrice(r.open_price, "open_price"),
      high: optionalPrice(r.high_price, "high_price"),
      low: optionalPrice(r.low_price, "low_price"),
      close: nonNegative(requiredNumber(r.close_price, "close_price"), "close_price"),
      volume: nonNegative(requiredNumber(r.volume, "volume"), "volume"),
      source: "stockula",
      priceBasis: "total",
      fetchedAt: optionalTimestamp(r.updated_at, "updated_at", c.zones) ?? optionalTimestamp(r.created_at, "created_at", c.zones),
    } satisfies LoadRow<NewOhlcvBar>;
    if ((bar.low !== null && bar.close < bar.low) || (bar.high !== null && bar.close > bar.high)) c.note("closeOutsideLowHigh");
    return bar;
  },
});

export const stockulaDividends = defineTable({
  source: "dividends",
  target: dividends,
  required: ["symbol", "date", "amount"],
  optional: ["created_at", "updated_at"],
  transform(r, c): LoadRow<NewDividend> {
    const { ticker, region } = stockulaInstrument(r.symbol, c);
    return {
      ticker,
      region,
      exDate: requiredDate(r.date, "date"),
      amount: nonNegative(requiredNumber(r.amount, "amount"), "amount"),
      source: "stockula",
      fetchedAt: optionalTimestamp(r.updated_at, "updated_at", c.zones),
      createdAt: optionalTimestamp(r.created_at, "created_at", c.zones) ?? c.loadedAt,
    };
  },
});

export const stockulaSplits = defineTable({
  source: "splits",
  target: splits,
  required: ["symbol", "date", "ratio"],
  optional: ["created_at", "updated_at"],
  transform(r, c): LoadRow<NewSplit> {
    const ratio = requiredNumber(r.ratio, "ratio");
    if (ratio <= 0) reject(`ratio: ${ratio} is not a split ratio (must be above 0)`);
    const { ticker, region } = stockulaInstrument(r.symbol, c);
    return {
      ticker,
      region,
      date: requiredDate(r.date, "date"),
      ...splitTerms(ratio),
      ratio,
      source: "stockula",
      fetchedAt: optionalTimestamp(r.updated_at, "updated_at", c.zones),
      createdAt: optionalTimestamp(r.created_at, "created_at", c.zones) ?? c.loadedAt,
    };
  },
});
