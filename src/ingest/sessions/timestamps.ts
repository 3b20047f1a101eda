/**
 * FX_code_AI timestamps: epoch seconds written as a decimal (`1759841342.46`: the exchange's
 * millisecond trade time, or the local receive time of an order book), read exactly as text into
 * microseconds (no float arithmetic); timestampValue (src/util/instants.ts) turns those into what the
 * bulk path writes exactly.
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
