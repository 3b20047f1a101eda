/**
 * The optimiser's two touch points with the database: reading a price panel for a universe and
 * recording a result in `optimization_history`.
 *
 * Prices are daily bars of the chosen field (default `adj_close`, so returns include splits and
 * dividends); a date on which an instrument has no bar is NaN, as everywhere else. An instrument
 * with no price at all in the range is bad input, and the message says why (no bars, or bars
 * without that field).
 */
import type { Database } from "../db/index.ts";
import { InputError } from "../errors.ts";
import type { Panel } from "../panel/index.ts";
import { pricesRepository, researchRepository, type InstrumentKey } from "../repositories/index.ts";
import type { OptimizationRecord } from "../schema/index.ts";
import type { OptimizationResult } from "./index.ts";
import { weightsByTicker } from "./weights-by-ticker.ts";

export async function loadPricesFromDatabase(
  database: Database,
  instruments: readonly InstrumentKey[],
  from: string,
  to: string,
  field: "adj_close" | "close" = "adj_close",
): Promise<Panel> {
  const prices = pricesRepository(database);
  const panel = await prices.panel({ field, from, to, instruments });
  const n = instruments.length;
  const missing = instruments.filter((_, i) => panel.dates.every((_, d) => Number.isNaN(panel.values[d * n + i])));
  if (missing.length > 0) throw await noPrices(missing[0], field, from, to, (key) => prices.panel({ field: "close", from, to, instruments: [key] }));
  return { dates: panel.dates, tickers: panel.tickers, values: panel.values };
}

/**
 * Why an instrument has no prices in the range: bars without the field (SQLite-loaded bars carry no
 * adjusted close), or no bars at all (with how a dotted name was read, since `BRK.B` is BRK in region B).
 */
async function noPrices(key: InstrumentKey, field: string, from: string, to: string, closes: (key: InstrumentKey) => Promise<Panel>): Promise<InputError> {
  const name = `${key.ticker} in region ${key.region}`;
  if (field !== "close") {
    const bars = await closes(key);
    const count = bars.values.filter((v) => !Number.isNaN(v)).length;
    if (count > 0) {
      return new InputError(`${name} has ${count} daily bars from ${from} to ${to} but none has an ${field} (bars loaded from SQLite carry no adjusted close); use --price-field close`);
    }
  }
  const dotted = /^[A-Z]$/.test(key.region) ? `; a name is read as TICKER.REGION at its last dot, so write ${key.ticker}.${key.region}.US for the ticker ${key.ticker}.${key.region} in US` : "";
  return new InputError(`no daily bars for ${name} from ${from} to ${to}; check the ticker, --region and the dates${dotted}`);
}

export async function saveOptimization(
  database: Database,
  result: OptimizationResult,
  context: { returnsModel: string; riskModel: string; from?: string; to?: string; parameters: Record<string, unknown> },
): Promise<OptimizationRecord> {
  return researchRepository(database).saveOptimization({
    method: result.method,
    returnsModel: context.returnsModel,
    riskModel: context.riskModel,
    tickers: [...result.tickers],
    fromDate: context.from ?? null,
    toDate: context.to ?? null,
    parameters: context.parameters,
    weights: weightsByTicker(result),
    expectedReturn: result.performance.expectedReturn,
    volatility: result.performance.volatility,
    sharpe: result.performance.sharpe ?? null,
  });
}
