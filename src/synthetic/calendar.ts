/**
 * Date axes for synthetic series, as `YYYY-MM-DD` strings in UTC, oldest first.
 *
 * A trading day is a weekday (Monday to Friday); no market holidays are modelled, so every
 * region shares one calendar. `calendarDays` is every day, for tests whose closed forms count days.
 */
import { addDays } from "../util/dates.ts";

const isWeekday = (date: string) => {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day !== 0 && day !== 6;
};

/** `count` consecutive calendar days from `first` inclusive. */
export function calendarDays(first: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => addDays(first, i));
}

/** The first `count` weekdays on or after `first`. */
export function weekdaysFrom(first: string, count: number): string[] {
  const out: string[] = [];
  for (let date = first; out.length < count; date = addDays(date, 1)) if (isWeekday(date)) out.push(date);
  return out;
}

/** The last `count` weekdays on or before `end`. */
export function weekdaysEnding(end: string, count: number): string[] {
  const out: string[] = [];
  for (let date = end; out.length < count; date = addDays(date, -1)) if (isWeekday(date)) out.push(date);
  return out.reverse();
}

/** The Monday of `date`'s week (weeks run Monday to Sunday). */
export function mondayOf(date: string): string {
  return addDays(date, -((new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7));
}
