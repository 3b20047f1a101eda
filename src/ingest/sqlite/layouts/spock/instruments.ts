/**
 * Spock's instrument tables → `tickers`, `stock_details`, `etf_details`, `etf_holdings`.
 *
 * Spock keys them by bare ticker; the platform by `(ticker, region)`. `tickers` rows carry their
 * region; detail rows take theirs from the resolver (instruments.ts), and are rejected when it cannot
 * name exactly one. `created_at` is the source's when it has one, else the run's start. Only columns
 * the source has are written, so a reload never blanks what another source filled in.
 */
import { etfDetails, etfHoldings, stockDetails, tickers, type NewTicker } from "../../../../schema/index.ts";
import { defineTable, type LoadRow } from "../../table-spec.ts";
import {
  optionalBoolean, optionalDate, optionalInteger, optionalNumber, optionalText, optionalTimestamp,
  requiredDate, requiredNumber, requiredText,
} from "../../../core/values.ts";

export const spockTickers = defineTable({
  source: "tickers",
  target: tickers,
  required: ["ticker", "region"],
  optional: [
    "name", "name_eng", "exchange", "currency", "asset_type", "listing_date", "lot_size", "sector_code", "is_active",
    "delisting_date", "created_at", "last_updated", "enriched_at", "data_source", "market_tier",
  ],
  transform(r, c): LoadRow<NewTicker> {
    return {
      ticker: requiredText(r.ticker, "ticker"),
      region: requiredText(r.region, "region"),
      name: optionalText(r.name, "name"),
      nameEng: optionalText(r.name_eng, "name_eng"),
      exchange: optionalText(r.exchange, "exchange"),
      currency: optionalText(r.currency, "currency"),
      assetType: optionalText(r.asset_type, "asset_type"),
      listingDate: optionalDate(r.listing_date, "listing_date"),
      delistingDate: optionalDate(r.delisting_date, "delisting_date"),
      lotSize: optionalInteger(r.lot_size, "lot_size"),
      sectorCode: optionalText(r.sector_code, "sector_code"),
      marketTier: optionalText(r.market_tier, "market_tier"),
      // Spock's own default is active.
      isActive: optionalBoolean(r.is_active, "is_active") ?? true,
      dataSource: optionalText(r.data_source, "data_source"),
      // A master row replaces an instrument an earlier load inferred from prices.
      isInferred: false,
      createdAt: optionalTimestamp(r.created_at, "created_at", c.zones) ?? c.loadedAt,
      updatedAt: optionalTimestamp(r.last_updated, "last_updated", c.zones),
      enrichedAt: optionalTimestamp(r.enriched_at, "enriched_at", c.zones),
    };
  },
});

export const spockStockDetails = defineTable({
  source: "stock_details",
  target: stockDetails,
  required: ["ticker"],
  optional: [
    "region", "sector", "sector_code", "industry", "industry_code", "is_spac", "is_preferred", "par_value",
    "created_at", "last_updated", "enriched_at",
  ],
  transform(r, c): LoadRow<typeof stockDetails.$inferInsert> {
    const ticker = requiredText(r.ticker, "ticker");
    return {
      ticker,
      region: c.resolver.region(ticker, optionalText(r.region, "region")),
      sector: optionalText(r.sector, "sector"),
      sectorCode: optionalText(r.sector_code, "sector_code"),
      industry: optionalText(r.industry, "industry"),
      industryCode: optionalText(r.industry_code, "industry_code"),
      isSpac: optionalBoolean(r.is_spac, "is_spac"),
      isPreferred: optionalBoolean(r.is_preferred, "is_preferred"),
      parValue: optionalNumber(r.par_value, "par_value"),
      createdAt: optionalTimestamp(r.created_at, "created_at", c.zones) ?? c.loadedAt,
      updatedAt: optionalTimestamp(r.last_updated, "last_updated", c.zones),
      enrichedAt: optionalTimestamp(r.enriched_at, "enriched_at", c.zones),
    };
  },
});

const LEVERAGE = /^\s*([+-]?\d+(?:\.\d+)?)\s*(?:배|x|X)?\s*$/;

/** `2배` → 2, `-1배` → −1; text that states no number keeps only its text. */
export function leverageFromText(text: string | null): number | null {
  const m = text === null ? null : LEVERAGE.exec(text);
  return m ? Number(m[1]) : null;
}

export const spockEtfDetails = defineTable({
  source: "etf_details",
  target: etfDetails,
  required: ["ticker"],
  optional: [
    "issuer", "inception_date", "underlying_asset_class", "tracking_index", "geographic_region", "sector_theme",
    "fund_type", "aum", "listed_shares", "underlying_asset_count", "expense_ratio", "ter", "leverage_ratio",
    "currency_hedged", "tracking_error_20d", "tracking_error_60d", "tracking_error_120d", "tracking_error_250d",
    "week_52_high", "week_52_low", "pension_eligible", "investment_strategy", "created_at", "last_updated", "data_source",
  ],
  transform(r, c): LoadRow<typeof etfDetails.$inferInsert> {
    const ticker = requiredText(r.ticker, "ticker");
    const leverageText = optionalText(r.leverage_ratio, "leverage_ratio");
    return {
      ticker,
      region: c.resolver.region(ticker, null),
      issuer: optionalText(r.issuer, "issuer"),
      inceptionDate: optionalDate(r.inception_date, "inception_date"),
      underlyingAssetClass: optionalText(r.underlying_asset_class, "underlying_asset_class"),
      trackingIndex: optionalText(r.tracking_index, "tracking_index"),
      geographicRegion: optionalText(r.geographic_region, "geographic_region"),
      sectorTheme: optionalText(r.sector_theme, "sector_theme"),
      fundType: optionalText(r.fund_type, "fund_type"),
      aum: optionalNumber(r.aum, "aum"),
      listedShares: optionalNumber(r.listed_shares, "listed_shares"),
      underlyingAssetCount: optionalInteger(r.underlying_asset_count, "underlying_asset_count"),
      expenseRatio: optionalNumber(r.expense_ratio, "expense_ratio"),
      ter: optionalNumber(r.ter, "ter"),
      leverageText,
      leverageRatio: leverageFromText(leverageText),
      currencyHedged: optionalBoolean(r.currency_hedged, "currency_hedged"),
      trackingError20d: optionalNumber(r.tracking_error_20d, "tracking_error_20d"),
      trackingError60d: optionalNumber(r.tracking_error_60d, "tracking_error_60d"),
      trackingError120d: optionalNumber(r.tracking_error_120d, "tracking_error_120d"),
      trackingError250d: optionalNumber(r.tracking_error_250d, "tracking_error_250d"),
      week52High: optionalNumber(r.week_52_high, "week_52_high"),
      week52Low: optionalNumber(r.week_52_low, "week_52_low"),
      pensionEligible: optionalBoolean(r.pension_eligible, "pension_eligible"),
      investmentStrategy: optionalText(r.investment_strategy, "investment_strategy"),
      dataSource: optionalText(r.data_source, "data_source"),
      createdAt: optionalTimestamp(r.created_at, "created_at", c.zones) ?? c.loadedAt,
      updatedAt: optionalTimestamp(r.last_updated, "last_updated", c.zones),
    };
  },
});

export const spockEtfHoldings = defineTable({
  source: "etf_holdings",
  target: etfHoldings,
  required: ["etf_ticker", "stock_ticker", "weight", "as_of_date"],
  optional: ["shares", "market_value", "rank_in_etf", "weight_change_from_prev", "created_at", "data_source"],
  transform(r, c): LoadRow<typeof etfHoldings.$inferInsert> {
    const etfTicker = requiredText(r.etf_ticker, "etf_ticker");
    return {
      etfTicker,
      region: c.resolver.region(etfTicker, null, "region of etf_ticker"),
      stockTicker: requiredText(r.stock_ticker, "stock_ticker"),
      asOfDate: requiredDate(r.as_of_date, "as_of_date"),
      weight: requiredNumber(r.weight, "weight"),
      shares: optionalNumber(r.shares, "shares"),
      marketValue: optionalNumber(r.market_value, "market_value"),
      rankInEtf: optionalInteger(r.rank_in_etf, "rank_in_etf"),
      weightChangeFromPrev: optionalNumber(r.weight_change_from_prev, "weight_change_from_prev"),
      dataSource: optionalText(r.data_source, "data_source"),
      createdAt: optionalTimestamp(r.created_at, "created_at", c.zones) ?? c.loadedAt,
    };
  },
});
