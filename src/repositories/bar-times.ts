/**
 * A bar's start written the bar-store API's three ways (bar-store.ts), at the rate a get of a
 * million bars needs: `ts` in UTC without fractions (`2025-01-02T03:45:00Z`), `local` the same instant
 * in IST (`2025-01-02T09:15:00+05:30`, what src/kite/time.ts `exchangeLocalIso` writes) and `date` its
 * IST date (`exchangeDate`). Instants are whole Unix seconds. Bars come in time order, so the
 * calendar date of the last day seen is kept and only the clock is written per bar: a Date and
 * toISOString per field cost about ten times as much.
 */
import { IST_OFFSET_SECONDS } from "../kite/time.ts";

const DAY_SECONDS = 86_400;

const pad = (n: number) => (n < 10 ? `0${n}` : String(n));
/** `HH:MM:SS` by second of the day, each written once (bars start on a few hundred of them). */
const CLOCKS: string[] = [];
const clock = (second: number) => (CLOCKS[second] ??= `${pad(Math.floor(second / 3600))}:${pad(Math.floor(second / 60) % 60)}:${pad(second % 60)}`);

/** `YYYY-MM-DD` of a day number (days since 1970-01-01), the last one kept. */
class DayText {
  private day = NaN;
  private text = "";

  of(day: number): string {
    if (day !== this.day) {
      this.day = day;
      this.text = new Date(day * DAY_SECONDS * 1000).toISOString().slice(0, 10);
    }
    return this.text;
  }
}

export class BarTimes {
  private readonly utcDays = new DayText();
  private readonly istDays = new DayText();

  ts(seconds: number): string {
    const day = Math.floor(seconds / DAY_SECONDS);
    return `${this.utcDays.of(day)}T${clock(seconds - day * DAY_SECONDS)}Z`;
  }

  local(seconds: number): string {
    const ist = seconds + IST_OFFSET_SECONDS;
    const day = Math.floor(ist / DAY_SECONDS);
    return `${this.istDays.of(day)}T${clock(ist - day * DAY_SECONDS)}+05:30`;
  }

  date(seconds: number): string {
    return this.istDays.of(Math.floor((seconds + IST_OFFSET_SECONDS) / DAY_SECONDS));
  }
}
