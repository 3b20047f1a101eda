/**
 * A portfolio optimisation in one call, the one `scripts/optimize.ts` makes: the prices (a panel in
 * hand, a wide price CSV, or instruments' daily bars from the database), `optimizePortfolio`, then
 * optionally a whole-share allocation at each ticker's latest price and a record in
 * `optimization_history`.
 *
 * Instruments are written `TICKER` or `TICKER.REGION` (the last dot splits, so `BRK.B.US` is BRK.B
 * in US); bare tickers take `region` (default US). The database (the given one, else the configured
 * one, opened for the call) is touched only to load bars or save. Bad input is an InputError, a
 * failure of the method an OptimizationError, both before anything is saved. Messages name the
 * script's flags, which carry the option names.
 */
import type { Database } from "../db/index.ts";
import { withDatabase } from "../db/with-database.ts";
import { InputError } from "../errors.ts";
import { lastValid, type Panel } from "../panel/index.ts";
import type { InstrumentKey } from "../repositories/index.ts";
import type { OptimizationRecord } from "../schema/index.ts";
import { isIsoDate } from "../util/dates.ts";
import { type DiscreteAllocation, greedyAllocation } from "./discrete-allocation.ts";
import { type OptimizationResult, type OptimizeOptions, optimizePortfolio } from "./index.ts";
import { readPriceCsv } from "./price-csv.ts";
import { loadPricesFromDatabase, saveOptimization } from "./storage.ts";
import { weightsByTicker } from "./weights-by-ticker.ts";

export interface OptimizationRequest extends OptimizeOptions {
  /** The prices: a panel in hand or the path of a wide price CSV (price-csv.ts); or give `tickers`. */
  readonly prices?: Panel | string;
  /** Instruments whose daily bars to load, `TICKER` or `TICKER.REGION`: a list or one comma-separated string. */
  readonly tickers?: string | readonly string[];
  /** The bars' first and last date, YYYY-MM-DD, with `tickers`. */
  readonly from?: string;
  readonly to?: string;
  /** Region of the tickers given without one; default US. */
  readonly region?: string;
  /** The bars' price; default adj_close (returns include splits and dividends). */
  readonly priceField?: "adj_close" | "close";
  /** Also allocate this portfolio value into whole shares at the latest prices. */
  readonly allocate?: number;
  /** Record the result in optimization_history. */
  readonly save?: boolean;
  /** Default: the configured database (DATABASE_URL, else PGLITE_DIR), opened for the call when needed. */
  readonly database?: Database;
}

export interface OptimizationRun {
  readonly result: OptimizationResult;
  /** With `allocate`: whole shares by ticker and the cash left. */
  readonly allocation?: DiscreteAllocation;
  /** With `save`: the optimization_history row written. */
  readonly saved?: OptimizationRecord;
}

type PriceSource = { kind: "panel"; panel: Panel } | { kind: "csv"; path: string } | { kind: "database"; instruments: InstrumentKey[]; from: string; to: string; field: "adj_close" | "close" };

export async function runOptimization(request: OptimizationRequest): Promise<OptimizationRun> {
  const source = priceSource(request);
  if (source.kind !== "database") {
    const prices = source.kind === "csv" ? readPriceCsv(source.path) : source.panel;
    const run = optimizeOn(prices, request);
    if (!request.save) return run;
    return withDatabase((database) => saveRun(database, run, request, { from: prices.dates[0], to: prices.dates[prices.dates.length - 1], parameters: {} }), request.database);
  }
  return withDatabase(async (database) => {
    const run = optimizeOn(await loadPricesFromDatabase(database, source.instruments, source.from, source.to, source.field), request);
    if (!request.save) return run;
    return saveRun(database, run, request, { from: source.from, to: source.to, parameters: { priceField: source.field, region: request.region } });
  }, request.database);
}

function optimizeOn(prices: Panel, request: OptimizationRequest): OptimizationRun {
  const result = optimizePortfolio(prices, request);
  if (request.allocate === undefined) return { result };
  return { result, allocation: greedyAllocation(weightsByTicker(result), latestPrices(prices), { totalValue: request.allocate }) };
}

/** Each ticker's last available price (PyPortfolioOpt's `get_latest_prices`). */
function latestPrices(prices: Panel): Record<string, number> {
  const latest = lastValid(prices);
  return Object.fromEntries(prices.tickers.map((ticker, t) => [ticker, latest[t]]));
}

function priceSource(request: OptimizationRequest): PriceSource {
  if (request.prices !== undefined && request.tickers !== undefined) throw new InputError("give either --prices FILE.csv or --tickers, not both");
  if (typeof request.prices === "string") return { kind: "csv", path: request.prices };
  if (request.prices !== undefined) return { kind: "panel", panel: request.prices };
  if (request.tickers === undefined) throw new InputError("no prices: give --prices FILE.csv, or --tickers A,B --from YYYY-MM-DD --to YYYY-MM-DD");
  const from = date(request.from, "--from");
  const to = date(request.to, "--to");
  if (from > to) throw new InputError(`--from ${from} is after --to ${to}`);
  const field = request.priceField ?? "adj_close";
  if (field !== "adj_close" && field !== "close") throw new InputError(`--price-field must be adj_close or close, got "${field}"`);
  const instruments = parseInstruments(request.tickers, request.region ?? "US");
  if (instruments.length === 0) throw new InputError("--tickers is empty; list instruments as A,B,C");
  return { kind: "database", instruments, from, to, field };
}

/** `A,B.KR` → (A, region), (B, KR): the last dot splits off the region. */
export function parseInstruments(tickers: string | readonly string[], region: string): InstrumentKey[] {
  return (typeof tickers === "string" ? [tickers] : tickers)
    .flatMap((entry) => entry.split(","))
    .map((s) => s.trim())
    .filter((s) => s !== "")
    .map((s) => {
      const dot = s.lastIndexOf(".");
      return dot > 0 ? { ticker: s.slice(0, dot), region: s.slice(dot + 1) } : { ticker: s, region };
    });
}

function date(text: string | undefined, flag: string): string {
  if (text === undefined) throw new InputError(`--tickers needs ${flag} YYYY-MM-DD`);
  if (!isIsoDate(text)) throw new InputError(`${flag} expects a date YYYY-MM-DD, got "${text}"`);
  return text;
}

/** Record the run; `parameters` holds the options given besides method, models, tickers and dates. */
async function saveRun(
  database: Database,
  run: OptimizationRun,
  request: OptimizationRequest,
  context: { from: string; to: string; parameters: Record<string, unknown> },
): Promise<OptimizationRun> {
  const { riskFreeRate, targetVolatility, targetReturn, riskAversion, riskBudgets, linkage, benchmark, constraints } = request;
  const given = { riskFreeRate, targetVolatility, targetReturn, riskAversion, riskBudgets: riskBudgets && Array.from(riskBudgets), linkage, benchmark, constraints, ...context.parameters };
  const saved = await saveOptimization(database, run.result, {
    returnsModel: request.returns ?? "cagr",
    riskModel: request.risk ?? "sample",
    from: context.from,
    to: context.to,
    parameters: Object.fromEntries(Object.entries(given).filter(([, value]) => value !== undefined)),
  });
  return { ...run, saved };
}
