/**
 * Yahoo Finance ingest: bars, dividends, splits and the instrument, per symbol, incrementally.
 *
 * Per symbol: map it to `(ticker, region)` (symbols.ts), plan the missing range from its coverage
 * (plan.ts), fetch it with `chart()`, and write everything in one transaction (store.ts). Stored
 * values and their meaning:
 * - `ohlcv_data`: Yahoo's quote as is (chart.ts), `price_basis = 'split'`, `source = 'yahoo'`,
 *   `fetched_at` = when Yahoo produced the answer (its `date` header): the prices are adjusted for
 *   exactly the splits dated on or before that instant; `adj_close` = Yahoo's `adjclose` verbatim;
 * - `dividends.amount`: the cash actually paid per share on the ex-date, i.e. Yahoo's split-adjusted
 *   amount multiplied back by the ratios of the splits after the ex-date and up to the fetch date
 *   (the table holds amounts unadjusted for later splits);
 * - `splits`: date, numerator, denominator and ratio = numerator / denominator.
 * Every request runs from the start of the missing range (one day early, so exchanges ahead of UTC
 * keep their first bar) through the fetch instant, so the answer carries every split and dividend the
 * prices are adjusted for, even when `to` is in the past; bars are stored only within the planned
 * range, events all. One failing symbol is reported with its reason and never stops the others.
 */
import type { Database } from "../../db/index.ts";
import { refreshOhlcvAggregates, repositories } from "../../repositories/index.ts";
import type { Timeframe } from "../../schema/index.ts";
import { addDays, maxDate, minDate, utcDate } from "../../util/dates.ts";
import { parseChart, type ParsedChart } from "./chart.ts";
import { ChartError, type ChartData, type YahooClient } from "./client.ts";
import { periodStart } from "./dates.ts";
import { fullRange, hasNewSplit, nextCoverage, planFetch, type FetchRange } from "./plan.ts";
import { mapLimited } from "./pool.ts";
import { VENDOR, writeSymbol } from "./store.ts";
import { assetTypeOf, instrumentFor } from "../symbols.ts";
import { paidPerShare } from "../core/splits.ts";

export const INTERVALS = { "1d": "1d", "1wk": "1w", "1mo": "1mo" } as const satisfies Record<string, Timeframe>;
export type IngestInterval = keyof typeof INTERVALS;

export interface SymbolRequest {
  symbol: string;
  /** Overrides the region the suffix implies. */
  region?: string;
}

export interface IngestOptions {
  symbols: readonly SymbolRequest[];
  from: string;
  /** Last date wanted; default and ceiling: today (UTC). */
  to?: string;
  interval: IngestInterval;
  /** Days at the end of the coverage fetched again to pick up revisions. */
  refetchDays: number;
  /** Symbols (hence HTTP requests) in flight at once. */
  concurrency: number;
  client: YahooClient;
  now?: () => Date;
  onResult?: (result: SymbolResult, done: number, total: number) => void;
}

export interface SymbolResult {
  symbol: string;
  ticker: string | null;
  region: string | null;
  status: "ok" | "failed";
  reason?: string;
  /** HTTP requests made for this symbol, retries included. */
  requests: number;
  /** Bars written (new or replaced) and bars skipped for a null close or volume. */
  bars: number;
  skippedNullBars: number;
  dividends: number;
  splits: number;
  /** A split newer than the stored history made this run fetch the whole covered range again. */
  historyRefetched: boolean;
  /** Range fetched and stored by this run; null when nothing was due. */
  fetched: FetchRange | null;
  /** Coverage after the run; null when the symbol failed before any coverage existed. */
  coverage: FetchRange | null;
}

async function ingestSymbol(database: Database, request: SymbolRequest, options: IngestOptions, today: string): Promise<SymbolResult> {
  const result: SymbolResult = {
    symbol: request.symbol,
    ticker: null,
    region: null,
    status: "ok",
    requests: 0,
    bars: 0,
    skippedNullBars: 0,
    dividends: 0,
    splits: 0,
    historyRefetched: false,
    fetched: null,
    coverage: null,
  };
  const timeframe = INTERVALS[options.interval];
  const now = options.now ?? (() => new Date());
  const fetchChart = async (range: FetchRange): Promise<{ chart: ChartData; parsed: ParsedChart }> => {
    try {
      const chart = await options.client.chart({
        symbol: request.symbol,
        period1: new Date(`${addDays(periodStart(range.from, timeframe), -1)}T00:00:00Z`),
        period2: now(),
        interval: options.interval,
      });
      result.requests += chart.requests;
      return { chart, parsed: parseChart(chart, timeframe) };
    } catch (err) {
      if (err instanceof ChartError) result.requests += err.requests;
      throw err;
    }
  };

  try {
    Object.assign(result, instrumentFor(request.symbol, { region: request.region }));
    const want = { from: options.from, to: minDate(options.to ?? today, today) };
    const repos = repositories(database);
    const coverage = await repos.fetchCoverage.get(VENDOR, request.symbol, options.interval);
    result.coverage = coverage ? { from: coverage.coveredFrom, to: coverage.coveredTo } : null;
    let range = planFetch(coverage, want, options.refetchDays);
    if (!range) return result;

    let { chart, parsed } = await fetchChart(range);
    const splitDates = () => parsed.splits.map((s) => s.date);
    if (coverage && range.from > coverage.coveredFrom && hasNewSplit(coverage, splitDates())) {
      range = fullRange(coverage, want);
      ({ chart, parsed } = await fetchChart(range));
      result.historyRefetched = true;
    }

    const { ticker, region } = instrumentFor(request.symbol, { region: request.region, instrumentType: chart.meta.instrumentType });
    Object.assign(result, { ticker, region });
    const fetched = range;
    const fetchedAt = chart.fetchedAt;
    const splitRatios = new Map((await repos.corporateActions.splits(ticker, region)).map((s) => [s.date, s.ratio]));
    for (const s of parsed.splits) splitRatios.set(s.date, s.numerator / s.denominator);
    // Yahoo's dividends are adjusted for the splits known when it answered: those dated up to then.
    const knownSplits = [...splitRatios].filter(([date]) => date <= utcDate(fetchedAt)).map(([date, ratio]) => ({ date, ratio }));
    const firstBar = periodStart(fetched.from, timeframe);
    const covered = nextCoverage(coverage, fetched, splitDates());
    const source = VENDOR;

    const counts = await writeSymbol(database, {
      instrument: {
        ticker,
        region,
        name: chart.meta.longName ?? chart.meta.shortName ?? null,
        exchange: chart.meta.exchangeName ?? null,
        currency: chart.meta.currency ?? null,
        assetType: assetTypeOf(chart.meta.instrumentType),
        yahooSymbol: request.symbol,
        dataSource: source,
        updatedAt: now(),
      },
      bars: parsed.bars
        .filter((b) => b.date >= firstBar && b.date <= fetched.to)
        .map((b) => ({ ticker, region, timeframe, ...b, source, priceBasis: "split" as const, fetchedAt })),
      dividends: parsed.dividends.map((d) => ({
        ticker,
        region,
        exDate: d.exDate,
        amount: paidPerShare(d.amount, d.exDate, knownSplits),
        source,
        fetchedAt,
      })),
      splits: parsed.splits.map((s) => ({ ticker, region, ...s, ratio: s.numerator / s.denominator, source, fetchedAt })),
      coverage: {
        vendor: VENDOR,
        symbol: request.symbol,
        interval: options.interval,
        ticker,
        region,
        coveredFrom: covered.coveredFrom,
        coveredTo: covered.coveredTo,
        lastSplitDate: covered.lastSplitDate,
        lastFetchedAt: now(),
      },
    });
    result.bars = counts.bars.loaded + counts.bars.merged;
    result.dividends = counts.dividends.loaded + counts.dividends.merged;
    result.splits = counts.splits.loaded + counts.splits.merged;
    result.skippedNullBars = parsed.skippedNullBars;
    result.fetched = fetched;
    result.coverage = { from: covered.coveredFrom, to: covered.coveredTo };
    return result;
  } catch (err) {
    return { ...result, status: "failed", reason: (err as Error).message ?? String(err) };
  }
}

/** Ingest every symbol (at most `concurrency` at once); one result per symbol, in input order. */
export async function ingestYahoo(database: Database, options: IngestOptions): Promise<SymbolResult[]> {
  const today = utcDate((options.now ?? (() => new Date()))());
  let done = 0;
  const results = await mapLimited(options.symbols, options.concurrency, async (request) => {
    const result = await ingestSymbol(database, request, options, today);
    options.onResult?.(result, ++done, options.symbols.length);
    return result;
  });
  const written = results.filter((r) => r.bars > 0 && r.fetched);
  if (INTERVALS[options.interval] === "1d" && written.length > 0) {
    // Monthly/quarterly/yearly aggregates are built from daily bars and refreshed after bulk loads.
    await refreshOhlcvAggregates(
      database,
      written.map((r) => r.fetched!.from).reduce(minDate),
      written.map((r) => r.fetched!.to).reduce(maxDate),
    );
  }
  return results;
}
