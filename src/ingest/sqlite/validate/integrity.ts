/**
 * Acceptance group 2, integrity: no NULL in the price key and values, no repeated primary key, no
 * detail row without its instrument (FAIL); OHLC sanity counted with a 2% tolerance, and tickers
 * whose shape is unusual for their region (WARN: real data has both, see source-systems.md).
 */
import type { Database } from "../../../db/index.ts";
import { passOrFail, passOrWarn, type Check } from "./check.ts";

/** Tables keyed by instrument, with their key columns, for the duplicate and orphan checks. */
const KEYED: [table: string, key: string, instrument: [string, string]][] = [
  ["tickers", "ticker, region", ["ticker", "region"]],
  ["ohlcv_data", "ticker, region, timeframe, date", ["ticker", "region"]],
  ["stock_details", "ticker, region", ["ticker", "region"]],
  ["etf_details", "ticker, region", ["ticker", "region"]],
  ["etf_holdings", "etf_ticker, region, stock_ticker, as_of_date", ["etf_ticker", "region"]],
  ["ticker_fundamentals", "ticker, region, period_type, period_end, known_date", ["ticker", "region"]],
  ["technical_analysis", "ticker, region, analysis_date", ["ticker", "region"]],
  ["instrument_info", "ticker, region", ["ticker", "region"]],
  ["dividends", "ticker, region, ex_date", ["ticker", "region"]],
  ["splits", "ticker, region, date", ["ticker", "region"]],
  ["option_quotes", "ticker, region, option_type, expiration_date, strike, contract_symbol", ["ticker", "region"]],
];

/** Usual ticker shapes per region (exchange codes as the exchanges write them). */
export const TICKER_SHAPES: Record<string, string> = {
  KR: "^[0-9][0-9A-Z]{5}$",
  CN: "^[0-9]{6}$",
  HK: "^[0-9]{4,5}$",
  JP: "^[0-9][0-9A-Z]{3}$",
  VN: "^[A-Z0-9]{3}$",
  US: "^\\^?[A-Z][A-Z0-9]*([.-][A-Z0-9]+)?$",
};

/** Relative tolerance for OHLC sanity: sources normalise currency after the fact (up to 2% off). */
const TOLERANCE = 0.02;

export async function integrityChecks(database: Database): Promise<Check[]> {
  const count = async (sql: string) => (await database.query<{ n: number }>(sql))[0].n;
  const checks: Check[] = [];

  const nulls = await count(
    "SELECT count(*)::int AS n FROM ohlcv_data WHERE ticker IS NULL OR region IS NULL OR date IS NULL OR close IS NULL OR volume IS NULL",
  );
  checks.push({ group: "integrity", name: "ohlcv_data: no NULL ticker/region/date/close/volume", status: passOrFail(nulls === 0), figure: `${nulls} rows` });

  for (const [table, key] of KEYED) {
    const repeated = await count(`SELECT count(*)::int AS n FROM (SELECT 1 FROM ${table} GROUP BY ${key} HAVING count(*) > 1) d`);
    checks.push({ group: "integrity", name: `${table}: no duplicate primary key`, status: passOrFail(repeated === 0), figure: `${repeated} keys repeated` });
  }
  for (const [table, , [ticker, region]] of KEYED.slice(1)) {
    const orphans = await count(
      `SELECT count(*)::int AS n FROM ${table} x WHERE NOT EXISTS (SELECT 1 FROM tickers t WHERE t.ticker = x.${ticker} AND t.region = x.${region})`,
    );
    checks.push({ group: "integrity", name: `${table}: every row has its instrument`, status: passOrFail(orphans === 0), figure: `${orphans} orphan rows` });
  }

  const [ohlc] = await database.query<{ bars: number; outside: number; beyond: number; inverted: number }>(
    `SELECT count(*)::int AS bars,
            count(*) FILTER (WHERE close < low OR close > high OR open < low OR open > high)::int AS outside,
            count(*) FILTER (WHERE close < low * (1 - $1::float8) OR close > high * (1 + $1::float8) OR open < low * (1 - $1::float8) OR open > high * (1 + $1::float8))::int AS beyond,
            count(*) FILTER (WHERE high < low)::int AS inverted
     FROM ohlcv_data`,
    [TOLERANCE],
  );
  checks.push({
    group: "integrity",
    name: "ohlcv_data: open/close within [low, high] ± 2%",
    status: passOrWarn(ohlc.beyond === 0 && ohlc.inverted === 0),
    figure: `${ohlc.beyond} beyond 2%, ${ohlc.inverted} high < low; ${ohlc.outside} of ${ohlc.bars} outside [low, high] at all`,
  });

  for (const [region, shape] of Object.entries(TICKER_SHAPES)) {
    const [{ n, odd, example }] = await database.query<{ n: number; odd: number; example: string | null }>(
      `SELECT count(*)::int AS n, count(*) FILTER (WHERE ticker !~ $2)::int AS odd, min(ticker) FILTER (WHERE ticker !~ $2) AS example
       FROM tickers WHERE region = $1`,
      [region, shape],
    );
    if (n === 0) continue;
    checks.push({
      group: "integrity",
      name: `tickers: ${region} codes shaped ${shape}`,
      status: passOrWarn(odd === 0),
      figure: `${odd} of ${n} differ${example ? ` (e.g. ${example})` : ""}`,
    });
  }
  return checks;
}
