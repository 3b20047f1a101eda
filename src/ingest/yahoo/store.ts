/**
 * Storage side of the Yahoo ingest: one symbol's whole write (instrument, bars, dividends, splits,
 * coverage) in a single transaction through the repositories, so a symbol is either fully loaded with
 * its coverage advanced or not at all.
 *
 * The instrument row: a new instrument gets Yahoo's name and `data_source = 'yahoo'`; an existing one
 * (say from a SQLite migration) keeps its name and source, and only the facts Yahoo is authoritative
 * for here are refreshed: `yahoo_symbol`, `currency`, `exchange` (Yahoo's code, e.g. NMS, KSC),
 * `asset_type`. Every write is an upsert keyed as the tables are, so reloading is idempotent. The
 * aggregates are refreshed once per run by the caller, not per symbol.
 */
import type { CopyResult, Session } from "../../db/index.ts";
import { repositories } from "../../repositories/index.ts";
import type { NewDividend, NewFetchCoverage, NewOhlcvBar, NewSplit, NewTicker } from "../../schema/index.ts";

export const VENDOR = "yahoo";

export interface SymbolWrite {
  instrument: NewTicker;
  bars: NewOhlcvBar[];
  dividends: NewDividend[];
  splits: NewSplit[];
  coverage: NewFetchCoverage;
}

export interface WriteCounts {
  bars: CopyResult;
  dividends: CopyResult;
  splits: CopyResult;
}

const INSTRUMENT_FACTS = ["yahooSymbol", "currency", "exchange", "assetType", "updatedAt"] as const;

export function writeSymbol(database: Session, data: SymbolWrite): Promise<WriteCounts> {
  return database.transaction(async (tx) => {
    const repos = repositories(tx);
    await repos.instruments.upsertFacts([data.instrument], INSTRUMENT_FACTS);
    const counts = {
      bars: await repos.prices.upsertBars(data.bars, { refreshAggregates: false }),
      dividends: await repos.corporateActions.upsertDividends(data.dividends),
      splits: await repos.corporateActions.upsertSplits(data.splits),
    };
    await repos.fetchCoverage.upsert([data.coverage]);
    return counts;
  });
}
