/**
 * Spock's `ticker_fundamentals` and `technical_analysis` → the platform's tables of the same names.
 *
 * Fundamentals become point-in-time rows: `known_date` is Spock's `date` (the collection date, the
 * first day the figures were usable) and `period_end` the period they describe:
 * - DAILY (market data such as PER, market cap): the collection date itself;
 * - ANNUAL: 31 December of `fiscal_year` (December year-ends, as nearly all KRX listings have);
 * - QUARTERLY: the last quarter end strictly before the collection date (a quarter cannot be
 *   reported the day it ends), capped at the end of `fiscal_year` when one is given.
 * DAILY rows repeat (SQLite's UNIQUE ignores their NULL fiscal_year): same key, merged.
 */
import { technicalAnalysis, tickerFundamentals, type NewFundamentals, type PeriodType } from "../../../../schema/index.ts";
import { defineTable, type LoadRow } from "../../table-spec.ts";
import {
  optionalInteger, optionalNumber, optionalText, optionalTimestamp, reject, requiredDate, requiredText, type SqlValue,
} from "../../../core/values.ts";

/** The last calendar quarter end strictly before `date` (YYYY-MM-DD). */
export function quarterEndBefore(date: string): string {
  const year = Number(date.slice(0, 4));
  const monthDay = date.slice(5);
  if (monthDay <= "03-31") return `${year - 1}-12-31`;
  if (monthDay <= "06-30") return `${year}-03-31`;
  if (monthDay <= "09-30") return `${year}-06-30`;
  return `${year}-09-30`;
}

export function periodEnd(periodType: PeriodType, knownDate: string, fiscalYear: number | null): string {
  switch (periodType) {
    case "DAILY":
      return knownDate;
    case "ANNUAL":
      return fiscalYear === null ? reject("fiscal_year: missing, and an ANNUAL row needs it") : `${fiscalYear}-12-31`;
    case "QUARTERLY": {
      const end = quarterEndBefore(knownDate);
      return fiscalYear !== null && end > `${fiscalYear}-12-31` ? `${fiscalYear}-12-31` : end;
    }
  }
}

function periodType(value: SqlValue): PeriodType {
  const text = typeof value === "string" ? value.trim().toUpperCase() : value;
  if (text === "DAILY" || text === "QUARTERLY" || text === "ANNUAL") return text;
  return reject(`period_type: ${JSON.stringify(value ?? null)} is not DAILY, QUARTERLY or ANNUAL`);
}

const FIGURES = [
  ["shares_outstanding", "sharesOutstanding"], ["market_cap", "marketCap"], ["close_price", "closePrice"], ["per", "per"],
  ["pbr", "pbr"], ["psr", "psr"], ["pcr", "pcr"], ["ev", "ev"], ["ev_ebitda", "evEbitda"], ["dividend_yield", "dividendYield"],
  ["dividend_per_share", "dividendPerShare"], ["total_assets", "totalAssets"], ["total_liabilities", "totalLiabilities"],
  ["total_equity", "totalEquity"], ["revenue", "revenue"], ["operating_profit", "operatingProfit"], ["net_income", "netIncome"],
  ["ebitda", "ebitda"], ["cogs", "cogs"], ["gross_profit", "grossProfit"], ["depreciation", "depreciation"],
  ["interest_expense", "interestExpense"], ["current_assets", "currentAssets"], ["current_liabilities", "currentLiabilities"],
  ["inventory", "inventory"], ["accounts_receivable", "accountsReceivable"], ["cash_and_equivalents", "cashAndEquivalents"],
  ["operating_cash_flow", "operatingCashFlow"], ["capital_expenditure", "capitalExpenditure"],
] as const;

type FigureColumn = (typeof FIGURES)[number][0];

export const spockFundamentals = defineTable({
  source: "ticker_fundamentals",
  target: tickerFundamentals,
  required: ["ticker", "date", "period_type"],
  // The balance-sheet and cash-flow columns from cogs on exist only in later files.
  optional: ["fiscal_year", "data_source", "created_at", ...FIGURES.map(([column]) => column)] as ("fiscal_year" | "data_source" | "created_at" | FigureColumn)[],
  transform(r, c): LoadRow<NewFundamentals> {
    const ticker = requiredText(r.ticker, "ticker");
    const knownDate = requiredDate(r.date, "date");
    const type = periodType(r.period_type);
    const fiscalYear = optionalInteger(r.fiscal_year, "fiscal_year");
    const row: LoadRow<NewFundamentals> & Record<string, unknown> = {
      ticker,
      region: c.resolver.region(ticker, null),
      periodType: type,
      periodEnd: periodEnd(type, knownDate, fiscalYear),
      knownDate,
      fiscalYear,
      dataSource: optionalText(r.data_source, "data_source"),
      createdAt: optionalTimestamp(r.created_at, "created_at", c.zones) ?? c.loadedAt,
    };
    for (const [column, property] of FIGURES) row[property] = optionalNumber(r[column], column);
    return row;
  },
});

export const spockTechnicalAnalysis = defineTable({
  source: "technical_analysis",
  target: technicalAnalysis,
  required: ["ticker", "analysis_date"],
  optional: [
    "stage", "stage_confidence", "layer1_macro_score", "layer2_structural_score", "layer3_micro_score", "total_score",
    "signal", "signal_strength", "gpt_pattern", "gpt_confidence", "gpt_analysis", "created_at",
  ],
  transform(r, c): LoadRow<typeof technicalAnalysis.$inferInsert> {
    const ticker = requiredText(r.ticker, "ticker");
    const stage = optionalInteger(r.stage, "stage");
    if (stage !== null && (stage < 1 || stage > 4)) reject(`stage: ${stage} is not a Weinstein stage 1-4`);
    return {
      ticker,
      region: c.resolver.region(ticker, null),
      analysisDate: requiredDate(r.analysis_date, "analysis_date"),
      stage,
      stageConfidence: optionalNumber(r.stage_confidence, "stage_confidence"),
      layer1MacroScore: optionalNumber(r.layer1_macro_score, "layer1_macro_score"),
      layer2StructuralScore: optionalNumber(r.layer2_structural_score, "layer2_structural_score"),
      layer3MicroScore: optionalNumber(r.layer3_micro_score, "layer3_micro_score"),
      totalScore: optionalNumber(r.total_score, "total_score"),
      signal: optionalText(r.signal, "signal"),
      signalStrength: optionalNumber(r.signal_strength, "signal_strength"),
      gptPattern: optionalText(r.gpt_pattern, "gpt_pattern"),
      gptConfidence: optionalNumber(r.gpt_confidence, "gpt_confidence"),
      gptAnalysis: optionalText(r.gpt_analysis, "gpt_analysis"),
      createdAt: optionalTimestamp(r.created_at, "created_at", c.zones) ?? c.loadedAt,
    };
  },
});
