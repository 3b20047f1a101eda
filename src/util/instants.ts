/**
 * Instants at PostgreSQL's precision, as integers of microseconds since 1970-01-01 UTC ("epoch
 * micros"): tick timestamps carry microseconds, which a JS Date (milliseconds) would drop. Every
 * instant of 1970 … 2255 is below 2^53 µs, so a JS number holds it exactly.
 *
 * Read from text exactly (no float arithmetic): ISO 8601 with a zone (`2025-10-07T12:49:02.46Z`,
 * `…+02:00`), a bare date (`2025-10-07`, its UTC midnight), or epoch seconds with up to six decimals
 * (`1759841342.46`, as the FX_code_AI files write them). A time of day without a zone is refused:
 * which zone it meant is exactly the ambiguity that shifted the original's timestamps.
 * Written as ISO 8601 UTC with all six decimals: `2025-10-07T12:49:02.460000Z`.
 * For the bulk path (src/db/copy-binary.ts), `timestampValue` gives a Date when an instant is whole
 * milliseconds (every exchange trade time; a Date costs a tenth of text to make and encode), else
 * that ISO text, which the binary encoder and PostgreSQL both read exactly.
 */

const MICROS_PER_SECOND = 1_000_000;

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const EPOCH_SECONDS = /^(\d{1,11})(?:\.(\d{1,6}))?$/;

/** Six decimal digits of a fraction written with 1–6 digits (".46" → 460000). */
function fractionMicros(digits: string | undefined): number {
  return digits === undefined ? 0 : Number(digits.padEnd(6, "0"));
}

/** Epoch micros of `text`, or undefined when it is none of the forms above (or no real date/time). */
export function parseInstant(text: string): number | undefined {
  const trimmed = text.trim();
  const seconds = EPOCH_SECONDS.exec(trimmed);
  if (seconds) return Number(seconds[1]) * MICROS_PER_SECOND + fractionMicros(seconds[2]);
  const iso = ISO.exec(trimmed);
  if (!iso) return undefined;
  const [, y, mo, d, h = "00", mi = "00", s = "00", fraction, zone] = iso;
  if (iso[4] !== undefined && zone === undefined) return undefined;
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number);
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(ms);
  // Date.UTC rolls 2025-02-30 over to March: a value that does not come back unchanged is no date.
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) {
    return undefined;
  }
  let offsetMinutes = 0;
  if (zone !== undefined && zone !== "Z") {
    const digits = zone.replace(":", "");
    const hours = Number(digits.slice(1, 3));
    const minutes = Number(digits.slice(3, 5));
    if (hours > 23 || minutes > 59) return undefined;
    offsetMinutes = (zone[0] === "-" ? -1 : 1) * (hours * 60 + minutes);
  }
  return (ms - offsetMinutes * 60_000) * 1000 + fractionMicros(fraction);
}

/** `2025-10-07T12:49:02.460000Z` for epoch micros. */
export function formatInstant(micros: number): string {
  const ms = Math.floor(micros / 1000);
  const fraction = String(micros - Math.floor(micros / MICROS_PER_SECOND) * MICROS_PER_SECOND).padStart(6, "0");
  return `${new Date(ms).toISOString().slice(0, 19)}.${fraction}Z`;
}

/** Epoch micros of a Date (whose precision is the millisecond). */
export function dateMicros(date: Date): number {
  return date.getTime() * 1000;
}

/** The bulk path's value for epoch micros: a Date when they are whole milliseconds, else ISO text. */
export function timestampValue(micros: number): Date | string {
  return micros % 1000 === 0 ? new Date(micros / 1000) : formatInstant(micros);
}
