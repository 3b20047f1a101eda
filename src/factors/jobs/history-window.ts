/**
 * Calendar windows for loading daily bars: how many calendar days surely hold a number of trading
 * days.
 *
 * A factor's lookback is counted in the instrument's own bars (own-history.ts), so the window must be
 * generous: five trading days per seven calendar days need ×1.4; ×1.5 plus 30 days also covers
 * holiday clusters (Lunar New Year, Golden Week) and an instrument missing about a tenth of its days.
 * An instrument with longer gaps can still come up short; its too-short history then yields no value
 * (or, for rsi_14, a window seeded later), never a value from another instrument's bars.
 */

/** Calendar days that hold at least `tradingDays` trading days on any normal exchange calendar. */
export function calendarDaysFor(tradingDays: number): number {
  return Math.ceil(tradingDays * 1.5) + 30;
}

