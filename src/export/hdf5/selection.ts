/**
 * What an export to kite_app's layout writes, resolved against the store before a byte is written.
 *
 * - A dataset is one symbol × interval with at least one bar in the range (an empty kite_app dataset
 *   leaves none in the store, so none comes back); `day` bars are `ohlcv_data` timeframe 1d, the other
 *   intervals `ohlcv_intraday`, whatever loader wrote them. Instruments are `(ticker, region)` =
 *   (symbol, exchange) (src/kite/instruments.ts). Exchanges, intervals and symbols are checked and
 *   resolved as the bar-store API takes them (src/repositories/kite-names.ts): a symbol as the paths
 *   name it (`M_M`), or as Kite trades it (`M&M`) where instruments.h5 listed it, on any exchange of
 *   the selection.
 * - The range is the bar-store's (src/repositories/bar-range.ts): IST exchange dates or instants with
 *   their zone, both ends inclusive, a day bar in it when its IST midnight is.
 * - One file holds one segment (EQUITY: NSE, BSE; DERIVATIVES: NFO, BFO), the record layout of its
 *   datasets. Exchanges of both segments, named or (when none is named) found in the store, are an
 *   InputError asking for two exports.
 * - Refused as one InputError line: an exchange or interval Kite does not have, a symbol no exchange
 *   of the selection has (the bar-store's line), a named exchange or symbol with no bars in the
 *   selection, a selection matching no bars.
 * The datasets are probed as the bar-store probes them (src/repositories/bar-query.ts): per
 * instrument of `tickers` by min() on the bar tables' keys, never scanning bars; every value is a
 * bind parameter.
 */
import type { Session } from "../../db/index.ts";
import { InputError } from "../../errors.ts";
import { KITE_EXCHANGES, SEGMENT_OF, type KiteExchange, type KiteSegment } from "../../kite/instruments.ts";
import { intervalOf, KITE_INTERVALS, timeframeOf, type KiteInterval } from "../../kite/intervals.ts";
import { datasetPath } from "../../kite/layout.ts";
import { datasetsWithBars } from "../../repositories/bar-query.ts";
import { barBounds, type BarBounds } from "../../repositories/bar-range.ts";
import { kiteExchanges, kiteIntervals, resolveSymbols } from "../../repositories/kite-names.ts";

export interface ExportSelection {
  /** Kite exchanges (NSE, BSE, NFO, BFO) of one segment; default: those with bars in the store. */
  exchanges?: readonly string[];
  /** Symbols as the paths name them (`M_M`) or as Kite trades them (`M&M`, where instruments.h5 was imported); default: all. */
  symbols?: readonly string[];
  /** Kite intervals (`day`, `5minute`, …); default: all. */
  intervals?: readonly string[];
  /** First and last bar start: an IST date (YYYY-MM-DD) or an instant with its zone; default: open. */
  from?: string;
  to?: string;
}

export interface ExportDataset {
  path: string;
  exchange: KiteExchange;
  symbol: string;
  interval: KiteInterval;
}

export interface ExportPlan {
  segment: KiteSegment;
  /** In path order: by exchange, symbol, interval name. */
  datasets: ExportDataset[];
  bounds: BarBounds;
}

/** Code-unit order, as the importer lists a file's groups. */
const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const segmentsOf = (exchanges: readonly KiteExchange[]) => [...new Set(exchanges.map((e) => SEGMENT_OF[e]))];

function oneSegment(exchanges: readonly KiteExchange[], named: boolean): KiteSegment {
  const segments = segmentsOf(exchanges);
  if (segments.length === 1) return segments[0];
  const of = (s: KiteSegment) => exchanges.filter((e) => SEGMENT_OF[e] === s).join(",");
  const found = named ? `--exchanges ${exchanges.join(",")} spans` : `the store holds bars of ${exchanges.join(", ")}, which span`;
  throw new InputError(
    `${found} two segments, and a kite_app file holds one: export them separately, --exchanges ${of("EQUITY")} --out EQUITY.h5 and --exchanges ${of("DERIVATIVES")} --out DERIVATIVES.h5`,
  );
}

/** The datasets `selection` names in the store, of one segment, or an InputError. */
export async function planExport(session: Session, selection: ExportSelection): Promise<ExportPlan> {
  const exchanges = selection.exchanges === undefined ? undefined : kiteExchanges(selection.exchanges);
  const intervals = selection.intervals === undefined ? KITE_INTERVALS : kiteIntervals(selection.intervals);
  const bounds = barBounds(selection);
  if (exchanges) oneSegment(exchanges, true);
  const symbols = selection.symbols === undefined ? undefined : await resolveSymbols(session, exchanges ?? KITE_EXCHANGES, selection.symbols);
  const found = await datasetsWithBars(session, exchanges ?? KITE_EXCHANGES, symbols, intervals.map(timeframeOf), bounds);
  const datasets = found
    .map(({ exchange, symbol, timeframe }) => ({ path: datasetPath(exchange, symbol, intervalOf(timeframe)), exchange, symbol, interval: intervalOf(timeframe) }))
    .sort((a, b) => byName(a.exchange, b.exchange) || byName(a.symbol, b.symbol) || byName(a.interval, b.interval));
  const selected = "in the store for this selection (--exchanges, --symbols, --intervals, --from, --to)";
  if (datasets.length === 0) throw new InputError(`no bars ${selected}`);
  const missingExchanges = (exchanges ?? []).filter((e) => !datasets.some((d) => d.exchange === e));
  if (missingExchanges.length > 0) throw new InputError(`--exchanges: ${missingExchanges.join(", ")} has no bars ${selected}`);
  const hasBars = (given: string) => (symbols ?? []).some((r) => r.given === given && datasets.some((d) => d.exchange === r.exchange && d.symbol === r.symbol));
  const missingSymbols = (selection.symbols ?? []).filter((s) => !hasBars(s));
  if (missingSymbols.length > 0) throw new InputError(`--symbols: ${missingSymbols.join(", ")} has no bars ${selected}`);
  const segment = oneSegment(exchanges ?? KITE_EXCHANGES.filter((e) => datasets.some((d) => d.exchange === e)), exchanges !== undefined);
  return { segment, datasets, bounds };
}
