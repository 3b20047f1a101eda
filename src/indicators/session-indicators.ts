/**
 * `computeSessionIndicators(database, { session, symbol, interval, every, indicators, save })`:
 * indicator specs over one symbol of a stored tick session, as `{ series: { "<spec>.<line>":
 * [[time, value], …] } }` with times as ISO 8601 UTC instants (six decimals).
 *
 * - Bar indicators (catalog.ts) run over the symbol's candles of `interval` (default 1m) built from its
 *   trades (the 1-minute candles and their groupings: src/repositories/tick-sessions.ts), every candle
 *   of the session read, so the warm-up is the session's first candles; a candle's values are at its
 *   end (start + interval), the first instant they are known: a value uses the candle's trades up to
 *   its end, so stamping it at the start, as charts label candles, would put it before its data.
 * - Tick-window indicators (tick-catalog.ts) run over the symbol's trades or order-book snapshots on a
 *   time grid every `every` seconds (default 1; multiples of the step since the epoch, time-grid.ts)
 *   from the first to the last row they read. A value at a grid time uses the rows at or before it
 *   only, so it is the same on any grid (tick-columns.ts).
 * - `save: { mode }` stores every line in `indicator_values` under the session, the symbol and the id
 *   `<spec>.<line>` (tick-window: `twpa(300,0).value`) or `<spec>@<interval>.<line>` (bar indicators,
 *   whose values depend on the candle interval: `sma(30)@1m.value`), in one transaction; `append`
 *   adds values (a stored time takes the new value), `overwrite` replaces each id's stored values.
 * Bad input (an unknown session or symbol, a spec, an interval, a step) is an InputError of one line,
 * raised before anything is read or written.
 */
import type { Session } from "../db/index.ts";
import { InputError } from "../errors.ts";
import type { SaveMode } from "../repositories/indicator-values.ts";
import { CANDLE_INTERVALS, CANDLE_SECONDS, tickSessionsRepository, type CandleInterval } from "../repositories/tick-sessions.ts";
import { formatInstant } from "../util/instants.ts";
import { indicatorSeries, tickIndicatorSeries, type IndicatorSeries } from "./evaluate.ts";
import { saveMode, saveSeries, type SavedLine } from "./save-series.ts";
import { readBookColumns, readTradeColumns } from "./session-columns.ts";
import { isTickSpec, lineKeys, parseSessionIndicators, type IndicatorSpec, type SessionIndicatorSpec, type TickIndicatorSpec } from "./spec.ts";
import { NO_BOOKS, NO_TRADES, secondsToMicros, type TickColumns } from "./tick-columns.ts";
import { timeGrid } from "./time-grid.ts";

export interface SessionIndicatorsRequest {
  session: string;
  symbol: string;
  /** Candle interval of the bar indicators; default 1m. */
  interval?: CandleInterval;
  /** Seconds between the tick-window indicators' grid times (> 0, to the microsecond); default 1. */
  every?: number;
  /** Specs as text (`"sma(30),twpa(300,0)"`) or already parsed. */
  indicators: string | readonly SessionIndicatorSpec[];
  save?: { mode: SaveMode };
}

export interface SessionIndicatorResult {
  series: IndicatorSeries;
  /** With `save`: each stored line, in the order of `series`. */
  saved?: SavedLine[];
}

/** The grid step in microseconds. */
function stepOf(every: number): number {
  const step = secondsToMicros(every);
  if (!(every > 0) || step < 1 || step / 1_000_000 !== every) throw new InputError(`the grid step must be seconds > 0 with at most 6 decimals, got ${every}`);
  return step;
}

/**
 * Candle prices as the bar kernels take them, dated by their end (start + interval): a value uses the
 * candle's close, which is known only once the candle has closed.
 */
async function candleSeries(database: Session, session: string, symbol: string, interval: CandleInterval, specs: readonly IndicatorSpec[]): Promise<IndicatorSeries> {
  // Every candle of the session: the repository reads the last `limit`, and no session has this many.
  const candles = await tickSessionsRepository(database).candles(session, symbol, interval, Number.MAX_SAFE_INTEGER);
  const column = (pick: (c: (typeof candles)[number]) => number) => Float64Array.from(candles, pick);
  const times = candles.map((c) => formatInstant((c.time + CANDLE_SECONDS[interval]) * 1_000_000));
  return indicatorSeries({ times, high: column((c) => c.high), low: column((c) => c.low), close: column((c) => c.close) }, specs);
}

/** The tick-window specs over the rows they read, each kind on a grid spanning its own rows. */
async function tickSeries(database: Session, session: string, symbol: string, step: number, specs: readonly TickIndicatorSpec[]): Promise<IndicatorSeries> {
  const reading = (reads: "trades" | "books") => specs.filter((s) => s.definition.reads === reads);
  const columns: TickColumns = {
    trades: reading("trades").length > 0 ? await readTradeColumns(database, session, symbol) : NO_TRADES,
    books: reading("books").length > 0 ? await readBookColumns(database, session, symbol) : NO_BOOKS,
  };
  const series: IndicatorSeries = {};
  for (const reads of ["trades", "books"] as const) {
    const { ts } = columns[reads];
    const grid = ts.length === 0 ? new Float64Array(0) : timeGrid(ts[0], ts[ts.length - 1], step);
    Object.assign(series, tickIndicatorSeries(columns, grid, reading(reads)));
  }
  return series;
}

export async function computeSessionIndicators(database: Session, request: SessionIndicatorsRequest): Promise<SessionIndicatorResult> {
  const { session, symbol } = request;
  const interval = request.interval ?? "1m";
  if (typeof session !== "string" || session.trim() === "" || typeof symbol !== "string" || symbol.trim() === "") {
    throw new InputError("give a session id and a symbol, e.g. session exec_20251007_120000_ab12cd34, symbol BTC_USDT");
  }
  if (!CANDLE_INTERVALS.includes(interval)) throw new InputError(`interval must be one of ${CANDLE_INTERVALS.join(", ")}; got "${interval}"`);
  const step = stepOf(request.every ?? 1);
  const mode = request.save === undefined ? undefined : saveMode(request.save.mode);
  const specs = typeof request.indicators === "string" ? parseSessionIndicators(request.indicators) : request.indicators;
  const stored = await tickSessionsRepository(database).get(session);
  if (stored === undefined) throw new InputError(`session ${session} not found`);
  if (!stored.symbols.includes(symbol)) throw new InputError(`session ${session} has no symbol ${symbol} (it has ${stored.symbols.join(", ") || "none"})`);

  const barSpecs = specs.filter((s): s is IndicatorSpec => !isTickSpec(s));
  const tickSpecs = specs.filter(isTickSpec);
  const bars = barSpecs.length > 0 ? await candleSeries(database, session, symbol, interval, barSpecs) : {};
  const ticks = tickSpecs.length > 0 ? await tickSeries(database, session, symbol, step, tickSpecs) : {};
  const computed = { ...bars, ...ticks };
  const series: IndicatorSeries = Object.fromEntries(specs.flatMap(lineKeys).map((key) => [key, computed[key]]));
  if (mode === undefined) return { series };
  const ids = new Map(
    specs.flatMap((spec) => spec.definition.lines.map((line) => [`${spec.key}.${line}`, isTickSpec(spec) ? `${spec.key}.${line}` : `${spec.key}@${interval}.${line}`])),
  );
  return { series, saved: await saveSeries(database, series, (line) => ({ session, symbol, indicator: ids.get(line)! }), mode) };
}
