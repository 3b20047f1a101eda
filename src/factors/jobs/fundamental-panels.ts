/**
 * Point-in-time fundamental inputs of one region on its evaluation dates: the as-of panels the
 * fundamental factors read (types.ts), built by asOfPanel from `ticker_fundamentals` rows.
 *
 * Which rows feed a field:
 * - flow figures (net income, operating profit, revenue, dividend per share) come from ANNUAL rows
 *   only: a year's figure, never a single quarter mixed with years;
 * - stock figures (total equity, total liabilities, shares outstanding, market cap) come from rows of
 *   any period type: the latest balance sheet or share count known.
 * Market cap on date d (the choice this job makes, see log-market-cap.ts): the latest known shares
 *   outstanding × the close on d from the close panel, so size and the value ratios move with the
 *   price; where either is missing, the latest known vendor `market_cap` figure; else no value.
 *   The close is on the stored bar's basis: with split-adjusted closes, shares reported before a later
 *   split understate market cap before that split unless the source restates them.
 * Point-in-time: only rows with known_date ≤ d reach cell (d, t) (as-of-panel.ts). The rows come from
 *   the fundamentals repository's `knownIn`: per instrument the row asOfPanel would hold on the first
 *   evaluation date, then every row known up to the last, which leaves every cell unchanged and spares
 *   loading years of superseded rows. Same period_end and known_date: the ANNUAL row wins.
 */
import type { Panel } from "../../panel/index.ts";
import type { Repositories } from "../../repositories/index.ts";
import { asOfPanel } from "../as-of-panel.ts";
import type { FundamentalField, FundamentalsAsOf } from "../types.ts";

const FLOW_FIELDS: ReadonlySet<FundamentalField> = new Set(["netIncome", "operatingProfit", "revenue", "dividendPerShare"]);

/**
 * As-of panels of `fields` (distinct) on the dates and tickers of `closesOnDates` (the region's closes on its
 * evaluation dates), with market cap made as described above.
 */
export async function fundamentalPanels(
  fundamentals: Repositories["fundamentals"],
  region: string,
  fields: readonly FundamentalField[],
  closesOnDates: Panel,
): Promise<FundamentalsAsOf> {
  const { dates, tickers } = closesOnDates;
  const panels: FundamentalsAsOf = {};
  if (dates.length === 0 || fields.length === 0) return panels;
  const load = async (field: FundamentalField) => {
    const periodType = FLOW_FIELDS.has(field) ? "ANNUAL" : undefined;
    return asOfPanel(await fundamentals.knownIn(field, { from: dates[0], to: dates.at(-1)!, region, periodType }), dates, tickers);
  };
  for (const field of fields) {
    if (field !== "marketCap") panels[field] = await load(field);
  }
  if (fields.includes("marketCap")) {
    const shares = panels.sharesOutstanding ?? (await load("sharesOutstanding"));
    panels.marketCap = marketCap(shares, await load("marketCap"), closesOnDates);
  }
  return panels;
}

/** shares × close where both are known and positive, else the vendor figure (possibly missing). */
function marketCap(shares: Panel, vendor: Panel, closes: Panel): Panel {
  const values = new Float64Array(closes.values.length);
  for (let cell = 0; cell < values.length; cell++) {
    const product = shares.values[cell] * closes.values[cell];
    values[cell] = product > 0 && product < Infinity ? product : vendor.values[cell];
  }
  return { dates: closes.dates, tickers: closes.tickers, values };
}
