/**
 * Rebalance schedules: which rows of the grid a strategy decides on.
 *
 * Forms (`parseSchedule`): `daily`, `weekly`, `month-end`, `quarter-end`, `every-N` (every N trading
 * days, N a whole number ≥ 1). A bare `N` is refused: it reads as "the N-th day of the month" as
 * easily as "every N days".
 *
 * Rules (`decisionRows`):
 * - Only rows ≥ startRow (warm-up rows are read, never decided on), ascending, each once.
 * - The first simulated row is always a decision row, so every strategy is invested from the start
 *   rather than in cash until the first period end.
 * - `daily`: every row. `every-N`: startRow, startRow + N, startRow + 2N, … (counted in grid rows).
 * - `weekly` / `month-end` / `quarter-end`: also every row that is the last trading day of its ISO
 *   week (Monday to Sunday) / calendar month / calendar quarter, judged by the next date of the grid:
 *   a row is a period end when the next trading date falls in another period. Knowing tomorrow's
 *   date is calendar knowledge (exchanges publish holidays ahead), not market data, so it is no
 *   look-ahead. For the final row the next date is `nextDate`, the first stored trading date after
 *   the range, so a run over [a, b] decides on the same rows as a longer run containing it.
 *   With `nextDate` null (nothing stored after the range) the final row counts as a period end only
 *   when no weekday of its period follows it (e.g. a Friday for `weekly`): an unknown holiday after
 *   it cannot be assumed.
 */
import { InputError } from "../errors.ts";
import { addDays } from "../util/dates.ts";

export type Schedule =
  | { readonly kind: "daily" }
  | { readonly kind: "weekly" }
  | { readonly kind: "month-end" }
  | { readonly kind: "quarter-end" }
  | { readonly kind: "every"; readonly days: number };

const FORMS = "daily, weekly, month-end, quarter-end or every-N (every N trading days, N ≥ 1, e.g. every-5)";

export function parseSchedule(text: string): Schedule {
  const form = text.trim().toLowerCase();
  if (form === "daily" || form === "weekly" || form === "month-end" || form === "quarter-end") return { kind: form };
  const every = /^every-(\d+)$/.exec(form);
  const days = every === null ? NaN : Number(every[1]);
  if (!(days >= 1 && Number.isSafeInteger(days))) throw new InputError(`schedule "${text}" is not one of ${FORMS}`);
  return { kind: "every", days };
}

export function decisionRows(dates: readonly string[], startRow: number, schedule: Schedule, nextDate: string | null): Int32Array {
  const end = dates.length;
  if (!Number.isInteger(startRow) || startRow < 0 || startRow > end) {
    throw new RangeError(`start row ${startRow} is outside the ${end} dates`);
  }
  if (nextDate !== null && end > 0 && !(nextDate > dates[end - 1])) {
    throw new RangeError(`next date ${nextDate} is not after the last date ${dates[end - 1]}`);
  }
  if (startRow === end) return new Int32Array(0);
  const rows: number[] = [startRow];
  if (schedule.kind === "daily" || schedule.kind === "every") {
    const step = schedule.kind === "daily" ? 1 : schedule.days;
    for (let d = startRow + step; d < end; d += step) rows.push(d);
    return Int32Array.from(rows);
  }
  const period = PERIOD_KEY[schedule.kind];
  for (let d = startRow; d < end; d++) {
    const next = d + 1 < end ? dates[d + 1] : nextDate;
    const last = next === null ? noWeekdayFollows(dates[d], period) : period(next) !== period(dates[d]);
    if (last && d !== startRow) rows.push(d);
  }
  return Int32Array.from(rows);
}

const DAY_MS = 86_400_000;

const dayNumber = (date: string): number => Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
/** 0 = Monday … 6 = Sunday (day 0, 1970-01-01, was a Thursday). */
const weekday = (day: number): number => (((day + 3) % 7) + 7) % 7;

const PERIOD_KEY: Record<"weekly" | "month-end" | "quarter-end", (date: string) => string> = {
  weekly: (date) => {
    const day = dayNumber(date);
    return String(day - weekday(day)); // the week's Monday
  },
  "month-end": (date) => date.slice(0, 7),
  "quarter-end": (date) => `${date.slice(0, 4)}Q${Math.ceil(Number(date.slice(5, 7)) / 3)}`,
};

/** No Monday–Friday later in `date`'s period (a weekday always comes within 3 days). */
function noWeekdayFollows(date: string, period: (date: string) => string): boolean {
  const key = period(date);
  for (let days = 1; ; days++) {
    const later = addDays(date, days);
    if (period(later) !== key) return true;
    if (weekday(dayNumber(later)) < 5) return false;
  }
}
