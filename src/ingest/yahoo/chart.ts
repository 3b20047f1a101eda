/**
 * A Yahoo chart answer in platform terms: dated bars, events and instrument facts.
 *
 * What each number means (it is stored as is):
 * - `open`/`high`/`low`/`close`: Yahoo's chart quote, in the instrument's currency, adjusted for every
 *   split dated on or before the fetch instant and for no dividend (price_basis `split` as of
 *   `fetchedAt`);
 * - `adjClose`: Yahoo's `adjclose`, the close also adjusted for every dividend up to the fetch instant
 *   (Yahoo's multiplicative method); kept verbatim, it is not point-in-time (see adjusted-prices.ts);
 * - `volume`: shares, split-adjusted like the prices;
 * - event `amount`: cash per share as Yahoo gives it, i.e. split-adjusted as of the fetch instant
 *   (the ingest converts it back to the amount paid, see ingest.ts).
 * Dates are exchange-local (dates.ts). A bar without a close, or without a volume, is skipped and
 * counted, never stored as zero; a missing open/high/low stays missing. When two timestamps fall on
 * one date (Yahoo appends a live bar) the later one wins.
 */
import type { Timeframe } from "../../schema/index.ts";
import { utcDate } from "../../util/dates.ts";
import type { ChartData, ChartMeta } from "./client.ts";
import { dateInZone, periodStart } from "./dates.ts";

export interface ChartBar {
  date: string;
  open: number | null;
  high: number | null;
  low: number | null;
  close: number;
  adjClose: number | null;
  volume: number;
}

export interface ParsedChart {
  bars: ChartBar[];
  skippedNullBars: number;
  dividends: { exDate: string; amount: number }[];
  splits: { date: string; numerator: number; denominator: number }[];
}

const price = (value: number | null | undefined): number | null =>
  value === null || value === undefined || !Number.isFinite(value) ? null : value;

/** The exchange-local date of an instant: by the exchange's time zone, else its current UTC offset. */
export function exchangeDateOf(meta: ChartMeta): (instant: Date) => string {
  if (meta.exchangeTimezoneName) {
    const zone = meta.exchangeTimezoneName;
    return (instant) => dateInZone(instant, zone);
  }
  const offsetMs = (meta.gmtoffset ?? 0) * 1000;
  return (instant) => utcDate(new Date(instant.getTime() + offsetMs));
}

export function parseChart(chart: ChartData, timeframe: Timeframe): ParsedChart {
  const dateOf = exchangeDateOf(chart.meta);
  const byDate = new Map<string, ChartBar>();
  let skippedNullBars = 0;
  for (const q of chart.quotes) {
    const close = price(q.close);
    const volume = price(q.volume);
    if (close === null || volume === null) {
      skippedNullBars++;
      continue;
    }
    const date = periodStart(dateOf(q.date), timeframe);
    byDate.set(date, { date, open: price(q.open), high: price(q.high), low: price(q.low), close, adjClose: price(q.adjclose), volume });
  }
  return {
    bars: [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0)),
    skippedNullBars,
    dividends: chart.dividends.map((d) => ({ exDate: dateOf(d.date), amount: d.amount })),
    splits: chart.splits.map((s) => ({ date: dateOf(s.date), numerator: s.numerator, denominator: s.denominator })),
  };
}
