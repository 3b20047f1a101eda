/**
 * The reference and detail tables of a synthetic Spock file: `tickers`, `stock_details`,
 * `etf_details`, `etf_holdings`, `ticker_fundamentals`, `technical_analysis` — with the problems of
 * real files (source-systems.md §1): a master far smaller than the priced universe, detail and
 * fundamentals rows without a master row (most fundamentals), listing and inception dates as
 * `YYYYMMDD` or with a time, local `T`-timestamps with microseconds beside UTC database defaults,
 * duplicate DAILY fundamentals (NULL fiscal_year escapes UNIQUE), Korean leverage text (`2배`), and a
 * few rows a loader must reject (unknown instruments, an impossible date, text in a number column).
 */
import { localStamp } from "./spock-prices.ts";
import { unplaceableCode, type SampleInstrument } from "./spock-universe.ts";
import type { SampleWriter } from "./sqlite-writer.ts";

const pick = <T>(uniform: () => number, xs: readonly T[]): T => xs[Math.floor(uniform() * xs.length)];
const round = (x: number, decimals: number) => Math.round(x * 10 ** decimals) / 10 ** decimals;
const compactDate = (date: string) => date.replaceAll("-", "");
const utcStamp = (date: string) => `${date} 00:12:34`;

export function writeTickers(writer: SampleWriter, universe: SampleInstrument[], uniform: () => number): void {
  const insert = writer.table("tickers", [
    "ticker", "name", "name_eng", "exchange", "region", "currency", "asset_type", "listing_date", "lot_size",
    "sector_code", "is_active", "delisting_date", "created_at", "last_updated", "enriched_at", "data_source", "market_tier",
  ]);
  universe.forEach((x, i) => {
    if (!x.master) return;
    const listed = `20${String(10 + (i % 14)).padStart(2, "0")}-0${1 + (i % 9)}-1${i % 10}`;
    const listing = [listed, compactDate(listed), `${listed} 00:00:00`, null][i % 4];
    insert([
      x.ticker, `종목${x.ticker}`, i % 3 === 0 ? "" : `Company ${x.ticker}`, x.exchange, x.region, x.currency, x.assetType,
      listing, x.region === "KR" ? 1 : 100, i % 5 === 0 ? "" : `S${i % 11}`, 1, null,
      localStamp("2025-01-02", uniform), utcStamp("2025-10-01"), i % 2 === 0 ? utcStamp("2025-09-30") : null,
      pick(uniform, ["KIS_API", "pykrx", "yfinance"]), x.region === "KR" ? pick(uniform, ["MAIN", "KOSDAQ_GLOBAL", ""]) : null,
    ]);
  });
  // Delisted instruments with a master row and no prices.
  ["900110", "900120"].forEach((t) =>
    insert([t, `상장폐지${t}`, null, "KOSDAQ", "KR", "KRW", "STOCK", "20090317", 1, null, 0, "20210401",
      localStamp("2021-04-01", uniform), utcStamp("2021-04-01"), null, "KIS_API", null]),
  );
}

/** Stock details: master stocks (region often NULL) plus ten instruments without a master row. */
export function writeStockDetails(writer: SampleWriter, universe: SampleInstrument[], uniform: () => number): void {
  const insert = writer.table("stock_details", [
    "ticker", "sector", "sector_code", "industry", "industry_code", "is_spac", "is_preferred", "par_value", "region",
    "created_at", "last_updated", "enriched_at",
  ]);
  const orphans = universe.filter((x) => !x.master && x.region === "KR" && x.assetType === "STOCK").slice(0, 10);
  const stocks = universe.filter((x) => x.master && (x.assetType === "STOCK" || x.assetType === "PREFERRED") && (x.region === "KR" || x.region === "US"));
  [...stocks, ...orphans].forEach((x, i) =>
    insert([
      x.ticker, pick(uniform, ["Information Technology", "Financials", "Industrials", ""]), `G${i % 20}`,
      pick(uniform, ["Semiconductors", "Banks", "Machinery"]), `I${i % 50}`, i % 37 === 0 ? 1 : 0,
      x.assetType === "PREFERRED" ? 1 : 0, x.region === "KR" ? 5000 : null, i % 2 === 0 ? null : x.region,
      localStamp("2025-02-03", uniform), utcStamp("2025-10-01"), null,
    ]),
  );
}

const LEVERAGE: Record<string, string> = { "122630": "2배", "114800": "-1배", "252670": "-2배" };

/** ETF details for Korean ETFs (13% have no master row) plus one fund nothing else knows. */
export function writeEtfTables(writer: SampleWriter, universe: SampleInstrument[], asOf: string[], uniform: () => number): void {
  const details = writer.table("etf_details", [
    "ticker", "issuer", "inception_date", "underlying_asset_class", "tracking_index", "geographic_region", "sector_theme",
    "fund_type", "aum", "listed_shares", "underlying_asset_count", "expense_ratio", "ter", "leverage_ratio",
    "currency_hedged", "tracking_error_20d", "tracking_error_60d", "tracking_error_120d", "tracking_error_250d",
    "week_52_high", "week_52_low", "pension_eligible", "investment_strategy", "created_at", "last_updated", "data_source",
  ]);
  const holdings = writer.table("etf_holdings", [
    "etf_ticker", "stock_ticker", "weight", "shares", "market_value", "rank_in_etf", "weight_change_from_prev",
    "as_of_date", "created_at", "data_source",
  ]);
  const etfs = universe.filter((x) => x.region === "KR" && x.assetType === "ETF").map((x) => x.ticker);
  const stocks = universe.filter((x) => x.region === "KR" && x.assetType === "STOCK").map((x) => x.ticker);
  [...etfs, "999990"].forEach((ticker, i) => {
    const inception = `20${String(8 + (i % 15)).padStart(2, "0")}-10-1${i % 10}`;
    const inceptionText = i === 5 ? "20231301" : [compactDate(inception), inception, `${inception} 09:00:00`][i % 3];
    details([
      ticker, pick(uniform, ["삼성자산운용", "미래에셋자산운용", "KB자산운용"]), inceptionText, "Equity",
      i % 4 === 0 ? "KOSPI 200" : `FnGuide Index ${i}`, "KR", i % 3 === 0 ? "" : "Broad Market", "ETF",
      round(1e11 * (1 + uniform() * 50), 0), Math.round(1e6 + uniform() * 1e8), 200, round(0.05 + uniform() * 0.6, 3),
      round(0.1 + uniform() * 0.5, 3), LEVERAGE[ticker] ?? "1배", i % 6 === 0 ? 1 : 0,
      round(uniform(), 4), round(uniform(), 4), null, null, round(40_000 * (1 + uniform()), 0), round(30_000 * (1 + uniform()), 0),
      i % 2, i % 3 === 0 ? null : "Passive", localStamp("2025-03-04", uniform), utcStamp("2025-10-01"), "KRX",
    ]);
    for (const date of asOf) {
      for (let rank = 1; rank <= Math.min(10, stocks.length); rank++) {
        holdings([
          ticker, stocks[(i * 7 + rank) % stocks.length], round(20 / rank, 4), Math.round(uniform() * 1e6),
          round(uniform() * 1e10, 0), rank, rank === 1 ? null : round(uniform() - 0.5, 4), date, localStamp(date, uniform), "KRX",
        ]);
      }
    }
  });
}

/**
 * Fundamentals for a third of the Korean instruments (most without a master row) and for codes no
 * other table knows: ANNUAL rows for two fiscal years, a QUARTERLY row, DAILY rows (fiscal_year NULL,
 * the newest one written twice). Three more rows carry a bad period type, a missing fiscal year and
 * text where a ratio belongs.
 */
export function writeFundamentals(writer: SampleWriter, universe: SampleInstrument[], recent: string[], uniform: () => number): void {
  const insert = writer.table("ticker_fundamentals", [
    "ticker", "date", "period_type", "fiscal_year", "shares_outstanding", "market_cap", "close_price", "per", "pbr", "psr",
    "pcr", "ev", "ev_ebitda", "dividend_yield", "dividend_per_share", "created_at", "data_source", "total_assets",
    "total_liabilities", "total_equity", "revenue", "operating_profit", "net_income", "ebitda", "cogs", "gross_profit",
    "depreciation", "interest_expense", "current_assets", "current_liabilities", "inventory", "accounts_receivable",
    "cash_and_equivalents", "operating_cash_flow", "capital_expenditure",
  ]);
  const korean = universe.filter((x, i) => x.region === "KR" && i % 3 === 0).map((x) => x.ticker);
  korean.push(unplaceableCode(universe));
  const unknown = Array.from({ length: Math.max(2, Math.round(korean.length / 5)) }, (_, k) => `8${String(k).padStart(5, "0")}`);
  const row = (ticker: string, date: string, period: unknown, fiscalYear: number | null, over: Record<number, unknown> = {}) => {
    const shares = Math.round(1e6 + uniform() * 1e8);
    const close = round(10_000 + uniform() * 90_000, 0);
    const daily = period === "DAILY";
    const money = () => (daily ? null : round(uniform() * 1e12, 0));
    const values: unknown[] = [
      ticker, date, period, fiscalYear, shares, shares * close, close, round(5 + uniform() * 30, 2), round(0.3 + uniform() * 3, 2),
      round(uniform() * 5, 2), round(uniform() * 20, 2), shares * close * 1.1, round(3 + uniform() * 15, 2),
      round(uniform() * 5, 2), round(uniform() * 2000, 0), localStamp(date, uniform), "DART",
      money(), money(), money(), money(), money(), money(), money(), money(), money(), money(), money(), money(), money(),
      money(), money(), money(), money(), money(),
    ];
    for (const [at, value] of Object.entries(over)) values[Number(at)] = value;
    insert(values);
  };
  for (const ticker of [...korean, ...unknown]) {
    row(ticker, "2024-03-29", "ANNUAL", 2023);
    row(ticker, "2025-03-31", "ANNUAL", 2024);
    row(ticker, "2025-08-14", "QUARTERLY", 2025);
    for (const date of recent) row(ticker, date, "DAILY", null);
    row(ticker, recent[recent.length - 1], "DAILY", null);
  }
  row(korean[0], "2025-09-01", "MONTHLY", 2025);
  row(korean[0], "2022-03-31", "ANNUAL", null);
  row(korean[0], "2023-03-31", "ANNUAL", 2022, { 7: "n/a" });
}

/** Weekly analyses for a quarter of the Korean master rows, and two for a code nothing else knows. */
export function writeTechnicalAnalysis(writer: SampleWriter, universe: SampleInstrument[], fridays: string[], uniform: () => number): void {
  const insert = writer.table("technical_analysis", [
    "ticker", "analysis_date", "stage", "stage_confidence", "layer1_macro_score", "layer2_structural_score",
    "layer3_micro_score", "total_score", "signal", "signal_strength", "gpt_pattern", "gpt_confidence", "gpt_analysis", "created_at",
  ]);
  const tickers = universe.filter((x, i) => x.region === "KR" && x.master && i % 4 === 0).map((x) => x.ticker);
  for (const ticker of [...tickers, "999991"]) {
    for (const date of ticker === "999991" ? fridays.slice(-2) : fridays) {
      const score = round(uniform() * 100, 2);
      insert([
        ticker, date, 1 + Math.floor(uniform() * 4), round(uniform(), 3), round(uniform() * 30, 2), round(uniform() * 40, 2),
        round(uniform() * 30, 2), score, score > 70 ? "BUY" : score > 40 ? "WATCH" : "AVOID", round(uniform(), 3),
        uniform() < 0.5 ? "" : "cup_and_handle", uniform() < 0.5 ? null : round(uniform(), 2),
        uniform() < 0.3 ? "" : "Stage 2 breakout on rising volume.", localStamp(date, uniform),
      ]);
    }
  }
}
