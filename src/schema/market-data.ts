/**
 * Time series: bars, corporate actions, point-in-time fundamentals, signals and factor scores.
 *
 * `ohlcv_data` and `factor_scores` are TimescaleDB hypertables (see migrations/); on plain PostgreSQL
 * they are ordinary tables with the same columns and keys.
 *
 * Price basis: every bar records `price_basis`:
 * - `raw`   prices as traded that day;
 * - `split` split-adjusted as of `fetched_at` (Yahoo's `close`);
 * - `total` split- and dividend-adjusted as of `fetched_at` (yfinance defaults, Korean broker API).
 * `adj_close` is the vendor's split+dividend-adjusted close where the vendor gives one (Yahoo `adjclose`).
 */
import { sql } from "drizzle-orm";
import { index, integer, pgMaterializedView, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { createdAt, day, float, instant, instrumentKey } from "./columns.ts";

export const TIMEFRAMES = ["1d", "1w", "1mo"] as const;
export type Timeframe = (typeof TIMEFRAMES)[number];
export const PRICE_BASES = ["raw", "split", "total"] as const;
export type PriceBasis = (typeof PRICE_BASES)[number];

export const ohlcvData = pgTable(
  "ohlcv_data",
  {
    ...instrumentKey(),
    timeframe: text("timeframe").notNull().$type<Timeframe>(),
    date: day("date").notNull(),
    open: float("open"),
    high: float("high"),
    low: float("low"),
    close: float("close").notNull(),
    adjClose: float("adj_close"),
    volume: float("volume").notNull(),
    /** Open interest of a derivative's bar, where the source records it (kite_app F&O); else NULL. */
    openInterest: float("open_interest"),
    ma5: float("ma5"),
    ma20: float("ma20"),
    ma60: float("ma60"),
    ma120: float("ma120"),
    ma200: float("ma200"),
    rsi14: float("rsi_14"),
    macd: float("macd"),
    macdSignal: float("macd_signal"),
    macdHist: float("macd_hist"),
    bbUpper: float("bb_upper"),
    bbMiddle: float("bb_middle"),
    bbLower: float("bb_lower"),
    atr14: float("atr_14"),
    atr: float("atr"),
    volumeMa20: float("volume_ma20"),
    volumeRatio: float("volume_ratio"),
    /** Where the row came from: `spock`, `stockula`, `yahoo`, … */
    source: text("source").notNull(),
    priceBasis: text("price_basis").notNull().$type<PriceBasis>(),
    /** When the source produced the row; adjusted prices are on the basis of this instant. */
    fetchedAt: instant("fetched_at"),
  },
  (t) => [
    primaryKey({ columns: [t.ticker, t.region, t.timeframe, t.date] }),
    // Cross-sections ("every ticker on date D") and the hypertable's time dimension.
    index("ohlcv_data_timeframe_date_idx").on(t.timeframe, t.date),
  ],
);

/** Cash dividends by ex-date, per share, in the instrument's currency, unadjusted for later splits. */
export const dividends = pgTable(
  "dividends",
  {
    ...instrumentKey(),
    exDate: day("ex_date").notNull(),
    amount: float("amount").notNull(),
    source: text("source").notNull(),
    fetchedAt: instant("fetched_at"),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.ticker, t.region, t.exDate] })],
);

/** Splits by effective date; `ratio` = numerator / denominator (4 means 4-for-1, 0.1 a 1-for-10 reverse). */
export const splits = pgTable(
  "splits",
  {
    ...instrumentKey(),
    date: day("date").notNull(),
    numerator: float("numerator").notNull(),
    denominator: float("denominator").notNull(),
    ratio: float("ratio").notNull(),
    source: text("source").notNull(),
    fetchedAt: instant("fetched_at"),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.ticker, t.region, t.date] })],
);

export const PERIOD_TYPES = ["DAILY", "QUARTERLY", "ANNUAL"] as const;
export type PeriodType = (typeof PERIOD_TYPES)[number];

/**
 * Point-in-time fundamentals. `period_end` is the period a figure describes; `known_date` is the first
 * day the figure could have been used (the collection or filing date). Research reads "as of D" with
 * `known_date <= D`; a restatement is a new row with a later `known_date`, never an overwrite.
 * Money figures are in the instrument's currency; ratios (per, pbr, …) as the source states them;
 * `dividend_yield` in percent.
 */
export const tickerFundamentals = pgTable(
  "ticker_fundamentals",
  {
    ...instrumentKey(),
    periodType: text("period_type").notNull().$type<PeriodType>(),
    periodEnd: day("period_end").notNull(),
    knownDate: day("known_date").notNull(),
    fiscalYear: integer("fiscal_year"),
    sharesOutstanding: float("shares_outstanding"),
    marketCap: float("market_cap"),
    closePrice: float("close_price"),
    per: float("per"),
    pbr: float("pbr"),
    psr: float("psr"),
    pcr: float("pcr"),
    ev: float("ev"),
    evEbitda: float("ev_ebitda"),
    dividendYield: float("dividend_yield"),
    dividendPerShare: float("dividend_per_share"),
    totalAssets: float("total_assets"),
    totalLiabilities: float("total_liabilities"),
    totalEquity: float("total_equity"),
    revenue: float("revenue"),
    operatingProfit: float("operating_profit"),
    netIncome: float("net_income"),
    ebitda: float("ebitda"),
    cogs: float("cogs"),
    grossProfit: float("gross_profit"),
    depreciation: float("depreciation"),
    interestExpense: float("interest_expense"),
    currentAssets: float("current_assets"),
    currentLiabilities: float("current_liabilities"),
    inventory: float("inventory"),
    accountsReceivable: float("accounts_receivable"),
    cashAndEquivalents: float("cash_and_equivalents"),
    operatingCashFlow: float("operating_cash_flow"),
    capitalExpenditure: float("capital_expenditure"),
    dataSource: text("data_source"),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.ticker, t.region, t.periodType, t.periodEnd, t.knownDate] }),
    index("ticker_fundamentals_known_idx").on(t.ticker, t.region, t.knownDate),
  ],
);

export const technicalAnalysis = pgTable(
  "technical_analysis",
  {
    ...instrumentKey(),
    analysisDate: day("analysis_date").notNull(),
    stage: integer("stage"),
    stageConfidence: float("stage_confidence"),
    layer1MacroScore: float("layer1_macro_score"),
    layer2StructuralScore: float("layer2_structural_score"),
    layer3MicroScore: float("layer3_micro_score"),
    totalScore: float("total_score"),
    signal: text("signal"),
    signalStrength: float("signal_strength"),
    gptPattern: text("gpt_pattern"),
    gptConfidence: float("gpt_confidence"),
    gptAnalysis: text("gpt_analysis"),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.ticker, t.region, t.analysisDate] })],
);

/**
 * One factor's value for one instrument on one date: the raw value, its cross-sectional z-score and
 * percentile (0..1) on that date, and `score` (the z-score signed so that higher is better).
 */
export const factorScores = pgTable(
  "factor_scores",
  {
    ...instrumentKey(),
    date: day("date").notNull(),
    factorName: text("factor_name").notNull(),
    rawValue: float("raw_value"),
    zScore: float("z_score"),
    percentile: float("percentile"),
    score: float("score"),
    computedAt: instant("computed_at").notNull().default(sql`now()`),
  },
  (t) => [
    // Leading with factor_name and date serves "one factor over a period" and whole-date replaces.
    // No second index: every write pays for each index, and no read needs one by ticker first.
    primaryKey({ columns: [t.factorName, t.date, t.ticker, t.region] }),
  ],
);

/** Monthly/quarterly/yearly bars built from daily bars (continuous aggregates; see migrations/). */
const aggregateBarColumns = () => ({
  ticker: text("ticker").notNull(),
  region: text("region").notNull(),
  date: day("date").notNull(),
  open: float("open"),
  high: float("high"),
  low: float("low"),
  close: float("close").notNull(),
  volume: float("volume").notNull(),
  barCount: integer("bar_count").notNull(),
});

// Declared `.existing()` so drizzle-kit leaves them to the custom migration that builds them.
export const ohlcvMonthly = pgMaterializedView("ohlcv_monthly", aggregateBarColumns()).existing();
export const ohlcvQuarterly = pgMaterializedView("ohlcv_quarterly", aggregateBarColumns()).existing();
export const ohlcvYearly = pgMaterializedView("ohlcv_yearly", aggregateBarColumns()).existing();

