/**
 * The optimiser's two touch points with the database: reading a price panel for a universe and
 * recording a result in `optimization_history`.
 *
 * Prices are daily bars of the chosen field (default `adj_close`, so returns include splits and
 * dividends); a date on which an instrument has no bar is NaN, as everywhere else.
 */
import type { Database } from "../db/index.ts";
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
  const panel = await pricesRepository(database).panel({ field, from, to, instruments });
  return { dates: panel.dates, tickers: panel.tickers, values: panel.values };
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
