/**
 * The instruments a kite_app load writes, as the first unit of its run (`instruments`, target
 * `tickers`): one per (exchange, symbol) of the datasets it loads, `(ticker, region)` by the rule of
 * src/kite/instruments.ts, currency INR, `exchange` = the Kite exchange, `data_source` 'kite_app'.
 *
 * - Pass 1, instruments in instruments.h5's list (given with `--instruments`): name, asset type and
 *   lot size (a lot of 0, Kite's value for indices, is stored as none) on `tickers`, updated where
 *   the instrument exists (`updated_at` = the list's `last_updated`), and the listing whole in
 *   `kite_instruments` (trading symbol, tokens, expiry, strike, tick size, segment).
 * - Pass 2, the others (expired contracts, or no list given): created with what the path tells,
 *   marked `is_inferred`; an instrument already present is left as it is (an earlier load may have
 *   given it a name).
 * The checkpoint is the number of instruments of the pass committed.
 */
import type { SourceBatch, SourceUnit } from "../core/batch.ts";
import { instrumentOf, KITE_CURRENCY, type KiteExchange } from "../../kite/instruments.ts";
import { assetTypeOf, type KiteListing } from "../../kite/instrument-list.ts";
import { kiteInstruments, tickers, type NewKiteInstrument, type NewTicker } from "../../schema/index.ts";
import { SOURCE } from "./bars.ts";
import type { InstrumentFile } from "./instrument-file.ts";

export const INSTRUMENTS_UNIT = "instruments";

export interface KiteName {
  exchange: KiteExchange;
  symbol: string;
}

function listedRows(n: KiteName, l: KiteListing, updatedAt: string | null): { ticker: Record<string, unknown>; listing: Record<string, unknown> } {
  const key = instrumentOf(n.exchange, n.symbol);
  const ticker: NewTicker = {
    ...key, name: l.name, exchange: n.exchange, currency: KITE_CURRENCY, assetType: assetTypeOf(l),
    lotSize: l.lotSize !== null && l.lotSize > 0 ? l.lotSize : null, isInferred: false, dataSource: SOURCE,
  };
  const listing: NewKiteInstrument = {
    ...key, tradingSymbol: l.tradingSymbol, instrumentToken: l.instrumentToken, exchangeToken: l.exchangeToken, name: l.name,
    instrumentType: l.instrumentType, segment: l.segment, expiry: l.expiry, strike: l.strike, tickSize: l.tickSize, lotSize: l.lotSize,
  };
  // Timestamps as exact text (IST microseconds) where the schema's type says Date.
  return { ticker: { ...ticker, updatedAt }, listing: { ...listing, listUpdatedAt: updatedAt } };
}

function batches<T>(items: readonly T[], after: number, size: number, toBatch: (slice: readonly T[], end: number) => SourceBatch): SourceBatch[] {
  const out: SourceBatch[] = [];
  for (let start = after; start < items.length; start += size) out.push(toBatch(items.slice(start, start + size), Math.min(items.length, start + size)));
  return out;
}

async function* each(batchList: SourceBatch[]): AsyncGenerator<SourceBatch> {
  yield* batchList;
}

/** Split `names` into those `list` has and those it lacks, in order. */
export function partitionListed(names: readonly KiteName[], list: InstrumentFile | undefined): { listed: KiteName[]; unlisted: KiteName[] } {
  const listed = names.filter((n) => list?.lists.get(n.exchange)?.bySymbol.has(n.symbol));
  return { listed, unlisted: names.filter((n) => !listed.includes(n)) };
}

export function instrumentsUnit(names: readonly KiteName[], list: InstrumentFile | undefined, batchSize: number): SourceUnit {
  const { listed, unlisted } = partitionListed(names, list);
  return {
    name: INSTRUMENTS_UNIT,
    target: tickers,
    createsInstruments: false,
    passes: [
      {
        onConflict: "update",
        read: (after) =>
          each(
            batches(listed, after, batchSize, (slice, end) => {
              const rows = slice.map((n) => {
                const exchangeList = list!.lists.get(n.exchange)!;
                return listedRows(n, exchangeList.bySymbol.get(n.symbol)!, exchangeList.updatedAt);
              });
              return { rows: rows.map((r) => r.ticker), rejects: [], read: slice.length, position: end, notes: {}, related: [{ table: kiteInstruments, rows: rows.map((r) => r.listing) }] };
            }),
          ),
      },
      {
        onConflict: "ignore",
        read: (after) =>
          each(
            batches(unlisted, after, batchSize, (slice, end) => ({
              rows: slice.map((n) => ({ ...instrumentOf(n.exchange, n.symbol), exchange: n.exchange, currency: KITE_CURRENCY, isInferred: true, dataSource: SOURCE })),
              rejects: [],
              read: slice.length,
              position: end,
              notes: {},
            })),
          ),
      },
    ],
  };
}
