/**
 * Reference data: instruments and the slow-moving facts about them, plus market-wide series.
 *
 * Instruments are keyed by `(ticker, region)`: the same code can trade in two regions (a Chinese and a
 * Korean 6-digit code collide), and tickers stay text (`005930`, `0000D0`, `BRK.B`).
 */
import { bigint, boolean, integer, jsonb, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { createdAt, day, float, instant, instrumentKey } from "./columns.ts";

export const tickers = pgTable(
  "tickers",
  {
    ...instrumentKey(),
    name: text("name"),
    nameEng: text("name_eng"),
    exchange: text("exchange"),
    currency: text("currency"),
    /** STOCK, ETF, ETN, REIT, PREFERRED, FUND, INDEX, CRYPTO, … as the source names it. */
    assetType: text("asset_type"),
    listingDate: day("listing_date"),
    delistingDate: day("delisting_date"),
    lotSize: integer("lot_size"),
    sector: text("sector"),
    sectorCode: text("sector_code"),
    industry: text("industry"),
    marketTier: text("market_tier"),
    isActive: boolean("is_active").notNull().default(true),
    /** Symbol on Yahoo Finance (`005930.KS`) when it differs from the platform ticker. */
    yahooSymbol: text("yahoo_symbol"),
    dataSource: text("data_source"),
    /** True when the instrument was created from price rows because the source had no master row. */
    isInferred: boolean("is_inferred").notNull().default(false),
    createdAt: createdAt(),
    updatedAt: instant("updated_at"),
    enrichedAt: instant("enriched_at"),
  },
  (t) => [primaryKey({ columns: [t.ticker, t.region] })],
);

export const stockDetails = pgTable(
  "stock_details",
  {
    ...instrumentKey(),
    sector: text("sector"),
    sectorCode: text("sector_code"),
    industry: text("industry"),
    industryCode: text("industry_code"),
    isSpac: boolean("is_spac"),
    isPreferred: boolean("is_preferred"),
    parValue: float("par_value"),
    createdAt: createdAt(),
    updatedAt: instant("updated_at"),
    enrichedAt: instant("enriched_at"),
  },
  (t) => [primaryKey({ columns: [t.ticker, t.region] })],
);

export const etfDetails = pgTable(
  "etf_details",
  {
    ...instrumentKey(),
    issuer: text("issuer"),
    inceptionDate: day("inception_date"),
    underlyingAssetClass: text("underlying_asset_class"),
    trackingIndex: text("tracking_index"),
    geographicRegion: text("geographic_region"),
    sectorTheme: text("sector_theme"),
    fundType: text("fund_type"),
    aum: float("aum"),
    listedShares: float("listed_shares"),
    underlyingAssetCount: integer("underlying_asset_count"),
    /** Percent per year, as the source states it (0.45 means 0.45%). */
    expenseRatio: float("expense_ratio"),
    ter: float("ter"),
    /** Source text (`2배`, `-1배`) and its numeric reading (2, −1). */
    leverageText: text("leverage_text"),
    leverageRatio: float("leverage_ratio"),
    currencyHedged: boolean("currency_hedged"),
    trackingError20d: float("tracking_error_20d"),
    trackingError60d: float("tracking_error_60d"),
    trackingError120d: float("tracking_error_120d"),
    trackingError250d: float("tracking_error_250d"),
    week52High: float("week_52_high"),
    week52Low: float("week_52_low"),
    pensionEligible: boolean("pension_eligible"),
    investmentStrategy: text("investment_strategy"),
    dataSource: text("data_source"),
    createdAt: createdAt(),
    updatedAt: instant("updated_at"),
  },
  (t) => [primaryKey({ columns: [t.ticker, t.region] })],
);

export const etfHoldings = pgTable(
  "etf_holdings",
  {
    etfTicker: text("etf_ticker").notNull(),
    region: text("region").notNull(),
    /** The held security's code as the ETF reports it; the source gives no region for it. */
    stockTicker: text("stock_ticker").notNull(),
    asOfDate: day("as_of_date").notNull(),
    /** Percent of the fund (5.2 means 5.2%). */
    weight: float("weight").notNull(),
    shares: float("shares"),
    marketValue: float("market_value"),
    rankInEtf: integer("rank_in_etf"),
    weightChangeFromPrev: float("weight_change_from_prev"),
    dataSource: text("data_source"),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.etfTicker, t.region, t.stockTicker, t.asOfDate] })],
);

/** Free-form vendor metadata per instrument (Stockula's `stock_info.info_json`). */
export const instrumentInfo = pgTable(
  "instrument_info",
  {
    ...instrumentKey(),
    info: jsonb("info").notNull(),
    createdAt: createdAt(),
    updatedAt: instant("updated_at"),
  },
  (t) => [primaryKey({ columns: [t.ticker, t.region] })],
);

export const exchangeRateHistory = pgTable(
  "exchange_rate_history",
  {
    currency: text("currency").notNull(),
    /** The currency the rate is quoted in: `rate` units of it buy one unit of `currency`. */
    quoteCurrency: text("quote_currency").notNull().default("KRW"),
    rateDate: day("rate_date").notNull(),
    rate: float("rate").notNull(),
    observedAt: instant("observed_at"),
    source: text("source"),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.currency, t.quoteCurrency, t.rateDate] })],
);

export const globalMarketIndices = pgTable(
  "global_market_indices",
  {
    symbol: text("symbol").notNull(),
    date: day("date").notNull(),
    indexName: text("index_name").notNull(),
    region: text("region").notNull(),
    open: float("open"),
    high: float("high"),
    low: float("low"),
    close: float("close"),
    volume: float("volume"),
    changePercent: float("change_percent"),
    trend5d: text("trend_5d"),
    consecutiveDays: integer("consecutive_days"),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.symbol, t.date] })],
);

export const marketSentiment = pgTable("market_sentiment", {
  date: day("date").primaryKey(),
  vix: float("vix"),
  fearGreedIndex: float("fear_greed_index"),
  kospiIndex: float("kospi_index"),
  kosdaqIndex: float("kosdaq_index"),
  foreignNetBuying: float("foreign_net_buying"),
  institutionNetBuying: float("institution_net_buying"),
  usdKrw: float("usd_krw"),
  jpyKrw: float("jpy_krw"),
  oilPrice: float("oil_price"),
  goldPrice: float("gold_price"),
  marketRegime: text("market_regime"),
  sentimentScore: float("sentiment_score"),
  createdAt: createdAt(),
});

/** Options chain snapshots (Stockula `options_calls` / `options_puts`). */
export const optionQuotes = pgTable(
  "option_quotes",
  {
    ...instrumentKey(),
    optionType: text("option_type").notNull().$type<"call" | "put">(),
    expirationDate: day("expiration_date").notNull(),
    strike: float("strike").notNull(),
    contractSymbol: text("contract_symbol").notNull().default(""),
    lastPrice: float("last_price"),
    bid: float("bid"),
    ask: float("ask"),
    volume: bigint("volume", { mode: "number" }),
    openInterest: bigint("open_interest", { mode: "number" }),
    impliedVolatility: float("implied_volatility"),
    inTheMoney: boolean("in_the_money"),
    createdAt: createdAt(),
    updatedAt: instant("updated_at"),
  },
  (t) => [
    primaryKey({ columns: [t.ticker, t.region, t.optionType, t.expirationDate, t.strike, t.contractSymbol] }),
  ],
);

