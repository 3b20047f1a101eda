/**
 * FX_code_AI timestamps: epoch seconds written as a decimal (`1759841342.46`: the exchange's
 * millisecond trade time, or the local receive time of an order book), read exactly as text into
 * microseconds (no float arithmetic), and given to the database as UTC timestamp text it reads exactly
 * (`2025-10-07 12:49:02.460000+00`).
 *
 * Digits beyond the sixth decimal are rounded to the nearest microsecond (half up), PostgreSQL's own
 * precision. Anything but plain digits with an optional fraction is rejected, as is a value outside
 * 2000-01-01 … 2100-01-01: that is not epoch seconds (milliseconds are 1,000 times larger; the
 * original's exports divided by 1,000 and dated everything in January 1970).
 */
import { reject } from "../core/values.ts";

const FIRST = 946_684_800; // 2000-01-01T00:00:00Z
const LAST = 4_102_444_800; // 2100-01-01T00:00:00Z

function show(text: string): string {
  return JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);
}

/** Microseconds since 1970 of epoch-seconds text, or a RowReject naming `column`. */
export function epochMicros(text: string, column: string): number {
  let seconds = 0;
  let i = 0;
  for (; i < text.length; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) break;
    seconds = seconds * 10 + d;
  }
  let micros = 0;
  if (i > 0 && i < text.length && text.charCodeAt(i) === 46) {
    let scale = 100_000;
    let roundUp = false;
    for (i++; i < text.length; i++) {
      const d = text.charCodeAt(i) - 48;
      if (d < 0 || d > 9) break;
      if (scale >= 1) micros += d * scale;
      else if (scale === 0.1) roundUp = d >= 5;
      scale /= 10;
      if (scale < 0.1) scale = 0; // digits after the seventh only need scanning
    }
    if (roundUp) micros += 1;
  }
  if (i === 0 || i !== text.length) {
    if (text === "") return reject(`${column}: missing required value`);
    return reject(`${column}: ${show(text)} is not epoch seconds`);
  }
  if (seconds < FIRST || seconds >= LAST) return reject(`${column}: ${show(text)} is not epoch seconds between 2000 and 2100`);
  return seconds * 1_000_000 + micros;
}

let cachedDay = -1;
let cachedDate = "";
const two = (n: number) => (n < 10 ? `0${n}` : `${n}`);

/** `YYYY-MM-DD HH:MM:SS.ffffff+00` of microseconds since 1970 (a load's rows share a few days: the date is cached). */
export function timestampText(micros: number): string {
  const seconds = Math.floor(micros / 1_000_000);
  const day = Math.floor(seconds / 86_400);
  if (day !== cachedDay) {
    cachedDay = day;
    cachedDate = new Date(day * 86_400_000).toISOString().slice(0, 10);
  }
  const inDay = seconds - day * 86_400;
  const fraction = String(micros - seconds * 1_000_000).padStart(6, "0");
  return `${cachedDate} ${two(Math.floor(inDay / 3600))}:${two(Math.floor(inDay / 60) % 60)}:${two(inDay % 60)}.${fraction}+00`;
}
