/**
 * Spock's market-wide series → `market_sentiment`, `global_market_indices`, `exchange_rate_history`.
 *
 * - Index rows keep Spock's region (`US`, or `ASIA` for every Asian index): it describes the index,
 *   not an instrument, so it is carried as the source states it.
 * - Exchange rates are KRW per unit of `currency` (`quote_currency` = KRW); `observed_at` is the
 *   fetch `timestamp`. Older files lack UNIQUE(currency, rate_date): repeats merge, the later wins.
 */
import { exchangeRateHistory, globalMarketIndices, marketSentiment } from "../../../../schema/index.ts";
import { defineTable, type LoadRow } from "../../table-spec.ts";
import {
  nonNegative, optionalInteger, optionalNumber, optionalText, optionalTimestamp, requiredDate, requiredNumber, requiredText,
} from "../../../core/values.ts";

export const spockMarketSentiment = defineTable({
  source: "market_sentiment",
  target: marketSentiment,
  required: ["date"],
  optional: [
    "vix", "fear_greed_index", "kospi_index", "kosdaq_index", "foreign_net_buying", "institution_net_buying", "usd_krw",
    "jpy_krw", "oil_price", "gold_price", "market_regime", "sentiment_score", "created_at",
  ],
  transform(r, c): LoadRow<typeof marketSentiment.$inferInsert> {
    return {
      date: requiredDate(r.date, "date"),
      vix: optionalNumber(r.vix, "vix"),
      fearGreedIndex: optionalNumber(r.fear_greed_index, "fear_greed_index"),
      kospiIndex: optionalNumber(r.kospi_index, "kospi_index"),
      kosdaqIndex: optionalNumber(r.kosdaq_index, "kosdaq_index"),
      foreignNetBuying: optionalNumber(r.foreign_net_buying, "foreign_net_buying"),
      institutionNetBuying: optionalNumber(r.institution_net_buying, "institution_net_buying"),
      usdKrw: optionalNumber(r.usd_krw, "usd_krw"),
      jpyKrw: optionalNumber(r.jpy_krw, "jpy_krw"),
      oilPrice: optionalNumber(r.oil_price, "oil_price"),
      goldPrice: optionalNumber(r.gold_price, "gold_price"),
      marketRegime: optionalText(r.market_regime, "market_regime"),
      sentimentScore: optionalNumber(r.sentiment_score, "sentiment_score"),
      createdAt: optionalTimestamp(r.created_at, "created_at", c.zones) ?? c.loadedAt,
    };
  },
});

const level = (value: Parameters<typeof optionalNumber>[0], column: string) => {
  const n = optionalNumber(value, column);
  return n === null ? null : nonNegative(n, column);
};

export const spockGlobalIndices = defineTable({
  source: "global_market_indices",
  target: globalMarketIndices,
  required: ["date", "symbol", "index_name", "region"],
  optional: ["close_price", "open_price", "high_price", "low_price", "volume", "change_percent", "trend_5d", "consecutive_days", "created_at"],
  transform(r, c): LoadRow<typeof globalMarketIndices.$inferInsert> {
    return {
      symbol: requiredText(r.symbol, "symbol"),
      date: requiredDate(r.date, "date"),
      indexName: requiredText(r.index_name, "index_name"),
      region: requiredText(r.region, "region"),
      open: level(r.open_price, "open_price"),
      high: level(r.high_price, "high_price"),
      low: level(r.low_price, "low_price"),
      close: level(r.close_price, "close_price"),
      volume: level(r.volume, "volume"),
      changePercent: optionalNumber(r.change_percent, "change_percent"),
      trend5d: optionalText(r.trend_5d, "trend_5d"),
      consecutiveDays: optionalInteger(r.consecutive_days, "consecutive_days"),
      createdAt: optionalTimestamp(r.created_at, "created_at", c.zones) ?? c.loadedAt,
    };
  },
});

export const spockExchangeRates = defineTable({
  source: "exchange_rate_history",
  target: exchangeRateHistory,
  required: ["currency", "rate", "rate_date"],
  optional: ["timestamp", "source", "created_at"],
  transform(r, c): LoadRow<typeof exchangeRateHistory.$inferInsert> {
    return {
      currency: requiredText(r.currency, "currency"),
      quoteCurrency: "KRW",
      rateDate: requiredDate(r.rate_date, "rate_date"),
      rate: nonNegative(requiredNumber(r.rate, "rate"), "rate"),
      observedAt: optionalTimestamp(r.timestamp, "timestamp", c.zones),
      source: optionalText(r.source, "source"),
      createdAt: optionalTimestamp(r.created_at, "created_at", c.zones) ?? c.loadedAt,
    };
  },
});
