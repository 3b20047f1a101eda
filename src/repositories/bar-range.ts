/**
 * The time range of a bar-store read (bar-store.ts): which bars `get` returns, by their start.
 *
 * A bound is written as an exchange date, `YYYY-MM-DD`, meaning that IST calendar day (from its IST
 * midnight, to its last instant), or as an instant with its zone (`2025-01-02T09:15:00+05:30`,
 * `2025-01-02T03:45:00Z`) or in Unix seconds. A time of day without a zone is refused: whether it
 * meant IST or UTC is exactly the ambiguity (src/util/instants.ts). Both ends are inclusive; an end
 * not given is open. A bar is in the range when its start is: an intraday bar's `bar_start`, a day
 * bar's IST midnight (kite_app's stamp), so a date range gives the same days for every interval.
 */
import { InputError } from "../errors.ts";
import { exchangeDate, exchangeMidnight } from "../kite/time.ts";
import { addDays, isIsoDate } from "../util/dates.ts";
import { parseInstant } from "../util/instants.ts";

/** Bar starts from `from` to `to` inclusive, in epoch microseconds; undefined = open. */
export interface BarBounds {
  from?: number;
  to?: number;
}

const MICROS = 1_000_000;

function bound(text: string, flag: "--from" | "--to"): number {
  const t = text.trim();
  if (isIsoDate(t)) return flag === "--from" ? exchangeMidnight(t) * MICROS : exchangeMidnight(addDays(t, 1)) * MICROS - 1;
  const micros = parseInstant(t);
  if (micros === undefined) {
    throw new InputError(`${flag} "${text}" is neither an exchange date (YYYY-MM-DD, IST) nor an instant with its zone (2025-01-02T09:15:00+05:30, 2025-01-02T03:45:00Z)`);
  }
  return micros;
}

/** The bounds `from` and `to` name; an InputError for text that is neither form or a reversed range. */
export function barBounds(range: { from?: string; to?: string }): BarBounds {
  const from = range.from === undefined ? undefined : bound(range.from, "--from");
  const to = range.to === undefined ? undefined : bound(range.to, "--to");
  if (from !== undefined && to !== undefined && from > to) throw new InputError(`--from ${range.from} is after --to ${range.to}`);
  return { from, to };
}

/** The first and last exchange dates whose IST midnight lies within the bounds (day bars' range). */
export function dayBounds(b: BarBounds): { from?: string; to?: string } {
  let from: string | undefined;
  if (b.from !== undefined) {
    from = exchangeDate(Math.floor(b.from / MICROS));
    if (exchangeMidnight(from) * MICROS < b.from) from = addDays(from, 1);
  }
  return { from, to: b.to === undefined ? undefined : exchangeDate(Math.floor(b.to / MICROS)) };
}
