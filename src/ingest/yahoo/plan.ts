/**
 * Incremental fetch planning from the coverage record of one (symbol, interval).
 *
 * Coverage is one contiguous date range `[coveredFrom, coveredTo]` of bars already fetched. A run
 * wanting `[from, to]` (`to` at most today) fetches:
 * - nothing covered → `[from, to]`;
 * - `from` before the coverage → `[from, max(to, coveredTo)]` (one request reaching back; it also
 *   fills any gap so coverage stays contiguous);
 * - otherwise, when `to` reaches the last `refetchDays` days of coverage or beyond → from
 *   `coveredTo − refetchDays + 1` (not before `coveredFrom`) to `max(to, coveredTo)`: the revision
 *   window plus what is new;
 * - otherwise nothing (0 requests).
 * Every request runs through the fetch instant (see ingest.ts), so one request per run suffices.
 * A split in the answer dated after both the coverage start and the latest split already seen means
 * the stored bars are on an older split basis: the whole covered range is fetched again.
 */
import { addDays, maxDate, minDate } from "../../util/dates.ts";

export interface CoverageState {
  coveredFrom: string;
  coveredTo: string;
  lastSplitDate: string | null;
}

/** Bars to fetch and store, dates inclusive. */
export interface FetchRange {
  from: string;
  to: string;
}

export function planFetch(coverage: CoverageState | undefined, want: FetchRange, refetchDays: number): FetchRange | undefined {
  if (!coverage) return { ...want };
  const to = maxDate(want.to, coverage.coveredTo);
  if (want.from < coverage.coveredFrom) return { from: want.from, to };
  const revisionStart = maxDate(addDays(coverage.coveredTo, 1 - refetchDays), coverage.coveredFrom);
  return want.to >= revisionStart ? { from: revisionStart, to } : undefined;
}

/** True when `splitDates` holds a split the stored history (per `coverage`) is not adjusted for. */
export function hasNewSplit(coverage: CoverageState | undefined, splitDates: readonly string[]): boolean {
  if (!coverage) return false;
  const known = maxDate(coverage.lastSplitDate ?? coverage.coveredFrom, coverage.coveredFrom);
  return splitDates.some((d) => d > known);
}

/** The whole history a split invalidates: the coverage joined with the wanted range. */
export function fullRange(coverage: CoverageState, want: FetchRange): FetchRange {
  return { from: minDate(coverage.coveredFrom, want.from), to: maxDate(coverage.coveredTo, want.to) };
}

/** Coverage after storing `fetched` (which, by construction, joins the old coverage without a gap). */
export function nextCoverage(coverage: CoverageState | undefined, fetched: FetchRange, splitDates: readonly string[]): CoverageState {
  const latestSplit = [coverage?.lastSplitDate ?? null, ...splitDates].reduce<string | null>(
    (a, b) => (a === null ? b : b === null ? a : maxDate(a, b)),
    null,
  );
  return {
    coveredFrom: coverage ? minDate(coverage.coveredFrom, fetched.from) : fetched.from,
    coveredTo: coverage ? maxDate(coverage.coveredTo, fetched.to) : fetched.to,
    lastSplitDate: latestSplit,
  };
}
