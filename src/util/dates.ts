/**
 * Calendar dates as `YYYY-MM-DD` strings, computed in UTC so no local time zone or daylight-saving
 * shift can move a date. Strings of this form sort the way the dates do, so comparisons are plain
 * string comparisons.
 */

const DAY_MS = 86_400_000;

/** The date `day` days after 1970-01-01 (PostgreSQL's `date - DATE '1970-01-01'`). */
export function dateOfEpochDay(day: number): string {
  return utcDate(new Date(day * DAY_MS));
}

/** The UTC calendar date of `instant`. */
export function utcDate(instant: Date): string {
  return instant.toISOString().slice(0, 10);
}

/** `date` moved by `days` calendar days (negative moves back). */
export function addDays(date: string, days: number): string {
  return utcDate(new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS));
}

/** A real calendar date written `YYYY-MM-DD` (2021-02-30 is not). */
export function isIsoDate(text: string): boolean {
  const t = Date.parse(`${text}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(t) && utcDate(new Date(t)) === text;
}

export const minDate = (a: string, b: string): string => (a < b ? a : b);
export const maxDate = (a: string, b: string): string => (a > b ? a : b);

/** Index of the first of the ascending `dates` on or after `date` (dates.length when none is). */
export function firstOnOrAfter(dates: readonly string[], date: string): number {
  let lo = 0;
  let hi = dates.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (dates[mid] < date) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
