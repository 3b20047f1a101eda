/**
 * What an export to kite_app's layout writes, resolved against the store before a byte is written.
 *
 * - A dataset is one symbol × interval with at least one bar in the range (an empty kite_app dataset
 *   leaves none in the store, so none comes back); `day` bars are `ohlcv_data` timeframe 1d, the other
 *   intervals `ohlcv_intraday`, whatever loader wrote them. Instruments are `(ticker, region)` =
 *   (symbol, exchange) (src/kite/instruments.ts); symbols may be given as the paths name them (`M_M`)
 *   or as Kite trades them (`M&M`).
 * - The range is the bar-store's (src/repositories/bar-range.ts): IST exchange dates or instants with
 *   their zone, both ends inclusive, a day bar in it when its IST midnight is.
 * - One file holds one segment (EQUITY: NSE, BSE; DERIVATIVES: NFO, BFO), the record layout of its
 *   datasets. Exchanges of both segments, named or (when none is named) found in the store, are an
 *   InputError asking for two exports.
 * - Refused as one InputError line: an exchange or interval Kite does not have, a named exchange or
 *   symbol with no bars in the selection, a selection matching no bars.
 * The datasets are probed per instrument of `tickers` (every loader writes the instrument) on the bar
 * tables' keys, never scanning bars; every value is a bind parameter.
 */
import type { Session } from "../../db/index.ts";
import { InputError } from "../../errors.ts";
import { isKiteExchange, KITE_EXCHANGES, pathSymbol, SEGMENT_OF, type KiteExchange, type KiteSegment } from "../../kite/instruments.ts";
import { intervalOf, isKiteInterval, KITE_INTERVALS, timeframeOf, type KiteInterval } from "../../kite/intervals.ts";
import { datasetPath } from "../../kite/layout.ts";
import { barBounds, dayBounds, type BarBounds } from "../../repositories/bar-range.ts";
import type { IntradayTimeframe } from "../../schema/index.ts";

export interface ExportSelection {
  /** Kite exchanges (NSE, BSE, NFO, BFO) of one segment; default: those with bars in the store. */
  exchanges?: readonly string[];
  /** Symbols as the paths name them (`M_M`) or as Kite trades them (`M&M`); default: all. */
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

function checkNames<T extends string>(given: readonly string[] | undefined, known: readonly T[], is: (n: string) => n is T, flag: string, what: string): T[] | undefined {
  if (given === undefined) return undefined;
  const unknown = given.filter((n) => !is(n));
  if (unknown.length > 0) throw new InputError(`${flag}: ${unknown.join(", ")} not a Kite ${what} (${known.join(", ")})`);
  return [...new Set(given as T[])];
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

/** (exchange, symbol, timeframe) of every dataset with a bar in the bounds, of the instruments named. */
async function probeDatasets(session: Session, exchanges: readonly KiteExchange[], symbols: readonly string[] | undefined, timeframes: readonly string[], bounds: BarBounds) {
  const params: unknown[] = [exchanges, timeframes];
  const param = (v: unknown) => `$${params.push(v)}`;
  const days = dayBounds(bounds);
  const dayRange = `${days.from === undefined ? "" : ` AND d.date >= ${param(days.from)}::date`}${days.to === undefined ? "" : ` AND d.date <= ${param(days.to)}::date`}`;
  const instant = (at: number) => `TIMESTAMPTZ 'epoch' + ${param(at)}::int8 * INTERVAL '1 microsecond'`;
  const barRange = `${bounds.from === undefined ? "" : ` AND i.bar_start >= ${instant(bounds.from)}`}${bounds.to === undefined ? "" : ` AND i.bar_start <= ${instant(bounds.to)}`}`;
  const named = symbols === undefined ? "" : ` AND t.ticker = ANY(${param(symbols)}::text[])`;
  return session.query<{ exchange: KiteExchange; symbol: string; timeframe: IntradayTimeframe | "1d" }>(
    `SELECT t.region AS exchange, t.ticker AS symbol, f.timeframe
       FROM tickers t CROSS JOIN unnest($2::text[]) AS f(timeframe)
      WHERE t.region = ANY($1::text[])${named}
        AND CASE WHEN f.timeframe = '1d'
                 THEN EXISTS (SELECT 1 FROM ohlcv_data d WHERE d.ticker = t.ticker AND d.region = t.region AND d.timeframe = '1d'${dayRange})
                 ELSE EXISTS (SELECT 1 FROM ohlcv_intraday i WHERE i.ticker = t.ticker AND i.region = t.region AND i.timeframe = f.timeframe${barRange}) END`,
    params,
  );
}

/** The datasets `selection` names in the store, of one segment, or an InputError. */
export async function planExport(session: Session, selection: ExportSelection): Promise<ExportPlan> {
  const exchanges = checkNames(selection.exchanges, KITE_EXCHANGES, isKiteExchange, "--exchanges", "exchange");
  const intervals = checkNames(selection.intervals, KITE_INTERVALS, isKiteInterval, "--intervals", "interval") ?? KITE_INTERVALS;
  const bounds = barBounds(selection);
  if (exchanges) oneSegment(exchanges, true);
  const symbols = selection.symbols === undefined ? undefined : [...new Set(selection.symbols.map(pathSymbol))];
  const found = await probeDatasets(session, exchanges ?? KITE_EXCHANGES, symbols, intervals.map(timeframeOf), bounds);
  const datasets = found
    .map(({ exchange, symbol, timeframe }) => ({ path: datasetPath(exchange, symbol, intervalOf(timeframe)), exchange, symbol, interval: intervalOf(timeframe) }))
    .sort((a, b) => byName(a.exchange, b.exchange) || byName(a.symbol, b.symbol) || byName(a.interval, b.interval));
  const selected = "in the store for this selection (--exchanges, --symbols, --intervals, --from, --to)";
  if (datasets.length === 0) throw new InputError(`no bars ${selected}`);
  const missingExchanges = (exchanges ?? []).filter((e) => !datasets.some((d) => d.exchange === e));
  if (missingExchanges.length > 0) throw new InputError(`--exchanges: ${missingExchanges.join(", ")} has no bars ${selected}`);
  const missingSymbols = (selection.symbols ?? []).filter((s) => !datasets.some((d) => d.symbol === pathSymbol(s)));
  if (missingSymbols.length > 0) throw new InputError(`--symbols: ${missingSymbols.join(", ")} has no bars ${selected}`);
  const segment = oneSegment(exchanges ?? KITE_EXCHANGES.filter((e) => datasets.some((d) => d.exchange === e)), exchanges !== undefined);
  return { segment, datasets, bounds };
}
