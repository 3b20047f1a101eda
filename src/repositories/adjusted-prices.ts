/**
 * Adjusted prices as of a date: one instrument's bars on the basis a researcher would have seen on
 * `asOf`, from the stored bars and the corporate actions dated on or before `asOf`.
 *
 * Modes (as of `asOf`): `raw` = prices as traded; `split` = adjusted for splits dated in
 * (bar date, asOf]; `total` = also adjusted for cash dividends with ex-date in (bar date, asOf].
 * Only bars dated on or before `asOf` come back, so nothing after it is ever visible. OHLC share one
 * factor; missing open/high/low stay missing; volume (shares) moves inversely to the split factor and
 * is untouched by dividends.
 *
 * Algorithm, in two steps:
 * 1. Every stored bar back to raw, per its own `price_basis` and fetch date F (the UTC date of
 *    `fetched_at`): `raw` as is; `split` (adjusted for the splits dated in (date, F]) → price ×
 *    Π ratio, volume ÷ Π ratio over those splits; `total` (also for dividends up to F) → first undo
 *    the dividend factors, then the splits. The dividend factors of a `total` snapshot (bars sharing
 *    one fetched_at) are recovered exactly from its own numbers, latest ex-date first: with G the
 *    product of the factors of later dividends and p the snapshot's last bar before the ex-date,
 *    A_p / G = S_p − D, so f = (A_p / G) / (A_p / G + D), D the dividend on the snapshot's split basis.
 *    Undoing uses the splits and dividends dated up to F even when F is after `asOf`: the stored
 *    numbers already contain them, and removing them exactly is what leaves no trace of them.
 * 2. Raw → the mode as of `asOf`: split factor Π ratio over splits in (date, asOf]; dividend factor
 *    Π (1 − D / C) over ex-dates in (date, asOf], with C the close of the last bar before the
 *    ex-date and D the dividend, both on the split basis as of `asOf` (Yahoo's and CRSP's
 *    multiplicative method, so `total` as of the fetch date reproduces Yahoo's `adjclose`).
 *
 * Assumptions: split ratios are numerator/denominator (4 = 4-for-1) and a split dated D applies to
 * bars before D; dividend amounts are the cash paid per share, unadjusted for later splits (as the
 * `dividends` table holds them); a bar's split/total basis includes every stored event up to its
 * fetch date (the Yahoo ingest guarantees it by fetching through the fetch instant) and, when
 * `fetched_at` is unknown, every stored event; the dividend factor uses the previous bar of the same
 * timeframe (for a `total` snapshot, its own previous bar), so weekly and monthly series, and
 * snapshots with gaps, approximate the previous session's close.
 */
import type { Session } from "../db/index.ts";
import type { PriceBasis, Timeframe } from "../schema/index.ts";
import { corporateActionsRepository } from "./corporate-actions.ts";
import { firstOnOrAfter } from "../util/dates.ts";

export type AdjustmentMode = "raw" | "split" | "total";

export interface AdjustedBar {
  date: string;
  open: number | null;
  high: number | null;
  low: number | null;
  close: number;
  volume: number;
}

export interface StoredBar extends AdjustedBar {
  priceBasis: PriceBasis;
  /** UTC date of `fetched_at`, null when unknown. */
  fetchedOn: string | null;
}

export interface SplitEvent {
  date: string;
  ratio: number;
}

export interface DividendEvent {
  exDate: string;
  amount: number;
}

export interface AdjustOptions {
  asOf: string;
  mode: AdjustmentMode;
}

export interface AdjustedBarsOptions extends AdjustOptions {
  /** Default daily. */
  timeframe?: Timeframe;
}

const END_OF_TIME = "9999-12-31";

/** Π factor over events dated in (dates[i], horizon], for each of the ascending `dates`. */
function factorsAfter(dates: readonly string[], events: readonly { date: string; factor: number }[], horizon: string): Float64Array {
  const byDateDesc = events.filter((e) => e.date <= horizon).sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
  const out = new Float64Array(dates.length);
  let product = 1;
  let next = 0;
  for (let i = dates.length - 1; i >= 0; i--) {
    while (next < byDateDesc.length && byDateDesc[next].date > dates[i]) product *= byDateDesc[next++].factor;
    out[i] = product;
  }
  return out;
}

/** Π split ratio over splits dated in (date, horizon]. */
function splitFactorAfter(splits: readonly SplitEvent[], date: string, horizon: string): number {
  let product = 1;
  for (const s of splits) if (s.date > date && s.date <= horizon) product *= s.ratio;
  return product;
}

/** Index of the last date before `date` in the ascending `dates`, or -1. */
function lastBefore(dates: readonly string[], date: string): number {
  return firstOnOrAfter(dates, date) - 1;
}

/** Multipliers turning one `total` snapshot's prices (ascending bars) into split-basis prices. */
function undoDividends(bars: readonly StoredBar[], splits: readonly SplitEvent[], dividends: readonly DividendEvent[], horizon: string): Float64Array {
  const dates = bars.map((b) => b.date);
  const factors: { date: string; factor: number }[] = [];
  let later = 1;
  const desc = dividends.filter((d) => d.exDate <= horizon).sort((a, b) => (a.exDate < b.exDate ? 1 : -1));
  for (const d of desc) {
    const p = lastBefore(dates, d.exDate);
    if (p < 0) continue;
    const netOfLater = bars[p].close / later;
    const amount = d.amount / splitFactorAfter(splits, d.exDate, horizon);
    const factor = netOfLater / (netOfLater + amount);
    factors.push({ date: d.exDate, factor: 1 / factor });
    later *= factor;
  }
  return factorsAfter(dates, factors, horizon);
}

/** Stored bars → raw prices and volumes, each bar per its own basis and fetch date. */
function toRaw(bars: readonly StoredBar[], splits: readonly SplitEvent[], dividends: readonly DividendEvent[]): AdjustedBar[] {
  const groups = new Map<string, number[]>();
  bars.forEach((b, i) => {
    if (b.priceBasis === "raw") return;
    const key = `${b.priceBasis}|${b.fetchedOn ?? END_OF_TIME}`;
    groups.set(key, [...(groups.get(key) ?? []), i]);
  });
  const priceFactor = new Float64Array(bars.length).fill(1);
  const volumeFactor = new Float64Array(bars.length).fill(1);
  for (const [key, indexes] of groups) {
    const [basis, horizon] = key.split("|");
    const members = indexes.map((i) => bars[i]);
    const dates = members.map((b) => b.date);
    const split = factorsAfter(dates, splits.map((s) => ({ date: s.date, factor: s.ratio })), horizon);
    const dividend = basis === "total" ? undoDividends(members, splits, dividends, horizon) : undefined;
    indexes.forEach((i, k) => {
      priceFactor[i] = split[k] * (dividend ? dividend[k] : 1);
      volumeFactor[i] = 1 / split[k];
    });
  }
  return bars.map((b, i) => scaled(b, priceFactor[i], volumeFactor[i]));
}

function scaled(bar: AdjustedBar, price: number, volume: number): AdjustedBar {
  const times = (v: number | null) => (v === null ? null : v * price);
  return { date: bar.date, open: times(bar.open), high: times(bar.high), low: times(bar.low), close: bar.close * price, volume: bar.volume * volume };
}

/**
 * The pure computation: `bars` ascending by date (every stored bar from the first wanted date on),
 * all of the instrument's splits and dividends. Returns the bars dated on or before `asOf`.
 */
export function adjustSeries(
  bars: readonly StoredBar[],
  splits: readonly SplitEvent[],
  dividends: readonly DividendEvent[],
  options: AdjustOptions,
): AdjustedBar[] {
  const raw = toRaw(bars, splits, dividends).filter((b) => b.date <= options.asOf);
  if (options.mode === "raw") return raw;
  const dates = raw.map((b) => b.date);
  const split = factorsAfter(dates, splits.map((s) => ({ date: s.date, factor: s.ratio })), options.asOf);
  const onSplitBasis = raw.map((b, i) => scaled(b, 1 / split[i], split[i]));
  if (options.mode === "split") return onSplitBasis;
  const dividendFactors = dividends.flatMap((d) => {
    const p = lastBefore(dates, d.exDate);
    if (p < 0 || d.exDate > options.asOf) return [];
    const amount = d.amount / splitFactorAfter(splits, d.exDate, options.asOf);
    return [{ date: d.exDate, factor: 1 - amount / onSplitBasis[p].close }];
  });
  const dividend = factorsAfter(dates, dividendFactors, options.asOf);
  return onSplitBasis.map((b, i) => scaled(b, dividend[i], 1));
}

/**
 * One instrument's bars over [from, to] (inclusive; cut at `asOf`) in `mode` as of `asOf`, from the
 * stored bars of `timeframe` (default daily) and the stored corporate actions.
 */
export async function adjustedBars(
  session: Session,
  ticker: string,
  region: string,
  from: string,
  to: string,
  options: AdjustedBarsOptions,
): Promise<AdjustedBar[]> {
  const bars = await session.query<StoredBar>(
    `SELECT date::text AS date, open, high, low, close, volume, price_basis AS "priceBasis",
            (fetched_at AT TIME ZONE 'UTC')::date::text AS "fetchedOn"
       FROM ohlcv_data
      WHERE ticker = $1 AND region = $2 AND timeframe = $3 AND date >= $4
      ORDER BY date`,
    [ticker, region, options.timeframe ?? "1d", from],
  );
  const corporateActions = corporateActionsRepository(session);
  const splits = await corporateActions.splits(ticker, region);
  const dividends = await corporateActions.dividends(ticker, region);
  return adjustSeries(bars, splits, dividends, options).filter((b) => b.date <= to);
}
