/**
 * Calendar helpers for the Yahoo ingest. Dates are `YYYY-MM-DD` strings; instants are JS Dates (UTC).
 *
 * A Yahoo bar's timestamp is the start of its session in Unix seconds; the bar's date is that instant's
 * calendar date in the exchange's own time zone (`meta.exchangeTimezoneName`), never the UTC date
 * (a Sydney session opening at 23:00 UTC belongs to the next calendar day). Weekly bars are keyed by
 * the Monday of their week and monthly bars by the 1st, so a partial bar and its completed version
 * share one key. General date arithmetic (addDays, isIsoDate, …) is in src/util/dates.ts.
 */
import type { Timeframe } from "../../schema/index.ts";
import { addDays } from "../../util/dates.ts";

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The calendar date of `instant` in `timeZone` (an IANA name such as `America/New_York`). */
export function dateInZone(instant: Date, timeZone: string): string {
  const parts = formatterFor(timeZone).formatToParts(instant);
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return `${part("year")}-${part("month")}-${part("day")}`;
}

/** The first day of the bar that contains `date`: itself (1d), its Monday (1w) or the 1st (1mo). */
export function periodStart(date: string, timeframe: Timeframe): string {
  if (timeframe === "1mo") return `${date.slice(0, 8)}01`;
  if (timeframe === "1w") {
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay(); // 0 = Sunday
    return addDays(date, -((weekday + 6) % 7));
  }
  return date;
}
