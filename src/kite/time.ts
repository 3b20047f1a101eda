/**
 * kite_app's time rules. Bars are stamped with the Unix seconds (UTC) of their start; the exchanges
 * keep India Standard Time, UTC+05:30 all year (no daylight saving since 1945), so the offset is a
 * constant. An intraday bar at 09:15 IST is stamped 03:45Z; a daily bar is stamped at IST midnight,
 * which is 18:30Z of the previous calendar day: its date is the exchange's (IST) date, never the UTC one.
 */
export const IST_OFFSET_SECONDS = 19_800;
export const EXCHANGE_ZONE = "Asia/Kolkata";

/** The exchange (IST) calendar date of an instant given in Unix seconds. */
export function exchangeDate(epochSeconds: number): string {
  return new Date((epochSeconds + IST_OFFSET_SECONDS) * 1000).toISOString().slice(0, 10);
}

/** The Unix seconds of IST midnight starting `date` (YYYY-MM-DD): kite_app's stamp of that day's bar. */
export function exchangeMidnight(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) / 1000 - IST_OFFSET_SECONDS;
}

/** The instant in IST with its offset, `2025-01-02T09:15:00+05:30`. */
export function exchangeLocalIso(epochSeconds: number): string {
  return `${new Date((epochSeconds + IST_OFFSET_SECONDS) * 1000).toISOString().slice(0, 19)}+05:30`;
}

/**
 * kite_app's naive local timestamps (`updated_at`, `last_updated`: its IST wall time, microseconds) as
 * timestamptz text PostgreSQL reads exactly; null for anything else.
 */
export function istWallTime(naive: unknown): string | null {
  if (typeof naive !== "string" || !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{1,6})?$/.test(naive)) return null;
  return `${naive.replace("T", " ")}+05:30`;
}

/** An instant as kite_app writes its own times (`updated_at`, `created_at`): IST wall time, naive, microseconds. */
export function istNaiveTime(instant: Date): string {
  return `${new Date(instant.getTime() + IST_OFFSET_SECONDS * 1000).toISOString().slice(0, 23)}000`;
}
