/**
 * Strict readers for source values (SQLite cells, CSV text), shared by every loader. Each returns the platform's value or throws a `RowReject` whose
 * message names the column and what is wrong; nothing is guessed and nothing is dropped silently.
 *
 * - Text: required text must be non-empty; optional text turns "" (and whitespace-only) into NULL;
 *   text holding a NUL character (which PostgreSQL cannot store) is rejected.
 * - Numbers: a JS number, or text that is strictly a decimal number; NaN, ±Infinity and other text
 *   are rejected. An empty string in an optional number column is NULL (Stockula writes "" for none).
 * - Booleans: 0/1 only.
 * - Dates come back as `YYYY-MM-DD` from `YYYY-MM-DD`, `YYYYMMDD` (text or integer) or either with a
 *   time part; impossible calendar dates (2023-02-30) are rejected.
 * - Timestamps come back as text PostgreSQL reads exactly: `YYYY-MM-DD HH:MM:SS[.ffffff]` plus the zone
 *   (`+00`, or an IANA name for local times), so no time zone arithmetic happens in JS. Accepted
 *   forms: date only, `YYYY-MM-DD HH:MM:SS[.f…]` and `YYYY-MM-DDTHH:MM:SS[.f…]` with an optional
 *   `Z`/`±HH:MM` offset. See `TimeZones` for which zone an offset-less form is read in.
 */
export class RowReject extends Error {
  override name = "RowReject";
}

export type SqlValue = string | number | bigint | Buffer | null | undefined;

export function reject(message: string): never {
  throw new RowReject(message);
}

function show(value: SqlValue): string {
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (Buffer.isBuffer(value)) return "a binary value";
  return String(value);
}

const isBlank = (value: SqlValue) => value === null || value === undefined || (typeof value === "string" && value.trim() === "");

export function requiredText(value: SqlValue, column: string): string {
  if (isBlank(value)) reject(`${column}: missing required value`);
  if (typeof value === "string") {
    // PostgreSQL text cannot hold NUL; SQLite's can.
    return value.includes("\u0000") ? reject(`${column}: text contains a NUL character`) : value;
  }
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  return reject(`${column}: ${show(value)} where text belongs`);
}

export function optionalText(value: SqlValue, column: string): string | null {
  return isBlank(value) ? null : requiredText(value, column);
}

const DECIMAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

export function optionalNumber(value: SqlValue, column: string): number | null {
  if (value === null || value === undefined || value === "") return null;
  let n: number;
  if (typeof value === "number") n = value;
  else if (typeof value === "bigint") n = Number(value);
  else if (typeof value === "string" && DECIMAL.test(value.trim())) n = Number(value);
  else return reject(`${column}: ${show(value)} where a number belongs`);
  if (Number.isNaN(n)) reject(`${column}: NaN`);
  if (!Number.isFinite(n)) reject(`${column}: infinite value ${show(value)}`);
  return n;
}

export function requiredNumber(value: SqlValue, column: string): number {
  const n = optionalNumber(value, column);
  return n === null ? reject(`${column}: missing required value`) : n;
}

/** Prices, volumes, counts: negative values are impossible. */
export function nonNegative(n: number, column: string): number {
  return n < 0 ? reject(`${column}: negative value ${n}`) : n;
}

export function optionalInteger(value: SqlValue, column: string): number | null {
  const n = optionalNumber(value, column);
  if (n !== null && !Number.isInteger(n)) reject(`${column}: ${n} where a whole number belongs`);
  return n;
}

export function optionalBoolean(value: SqlValue, column: string): boolean | null {
  if (value === null || value === undefined || value === "") return null;
  if (value === 1 || value === 0) return value === 1;
  return reject(`${column}: ${show(value)} where 0 or 1 belongs`);
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function validDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return day <= (month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]);
}

// YYYY-MM-DD or YYYYMMDD (the same separator twice), then an optional time part: " " or "T",
// HH:MM[:SS[.fraction]], and an optional Z or ±HH[[:]MM].
const STAMP = /^(\d{4})(-?)(\d{2})\2(\d{2})(?:([ T])(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(?:(Z)|([+-]\d{2})(?::?(\d{2}))?)?)?$/;

interface Stamp {
  date: string;
  separator: " " | "T" | undefined;
  time: string | undefined;
  offset: string | undefined;
}

function parseStamp(value: SqlValue, column: string): Stamp {
  const text = typeof value === "number" && Number.isInteger(value) ? String(value) : value;
  const m = typeof text === "string" ? STAMP.exec(text) : null;
  if (!m) return reject(`${column}: ${show(value)} is not a date`);
  const [, y, , mo, d, separator, hh, mi, ss, fraction, zulu, offsetHours, offsetMinutes] = m;
  if (!validDate(Number(y), Number(mo), Number(d))) reject(`${column}: impossible date ${show(value)}`);
  if (hh !== undefined && (Number(hh) > 23 || Number(mi) > 59 || Number(ss ?? 0) > 59)) reject(`${column}: impossible time ${show(value)}`);
  return {
    date: `${y}-${mo}-${d}`,
    separator: separator as Stamp["separator"],
    time: hh === undefined ? undefined : `${hh}:${mi}:${ss ?? "00"}${fraction ?? ""}`,
    offset: zulu ? "+00:00" : offsetHours === undefined ? undefined : `${offsetHours}:${offsetMinutes ?? "00"}`,
  };
}

// The forms nearly every row uses are recognised without allocating (this runs per price row);
// everything else goes through the general parser above, which gives the same result.
const digits = (text: string, at: number, n: number): number => {
  let value = 0;
  for (let i = at; i < at + n; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    value = value * 10 + c;
  }
  return value;
};

/** `text` starts with a valid calendar date written YYYY-MM-DD. */
function startsWithPlainDate(text: string): boolean {
  return text.charCodeAt(4) === 45 && text.charCodeAt(7) === 45 && validDate(digits(text, 0, 4), digits(text, 5, 2), digits(text, 8, 2));
}

/** `text` has a valid HH:MM:SS at `at`. */
function plainTimeAt(text: string, at: number): boolean {
  const hh = digits(text, at, 2);
  const mm = digits(text, at + 3, 2);
  const ss = digits(text, at + 6, 2);
  return text.charCodeAt(at + 2) === 58 && text.charCodeAt(at + 5) === 58 && hh >= 0 && hh <= 23 && mm >= 0 && mm <= 59 && ss >= 0 && ss <= 59;
}

export function requiredDate(value: SqlValue, column: string): string {
  if (typeof value === "string" && value.length === 10 && startsWithPlainDate(value)) return value;
  if (isBlank(value)) reject(`${column}: missing required value`);
  return parseStamp(value, column).date;
}

export function optionalDate(value: SqlValue, column: string): string | null {
  return isBlank(value) ? null : parseStamp(value, column).date;
}

/**
 * The zone an offset-less timestamp was written in, by its form. Spock writes application times with
 * Python's local `isoformat()` (a `T`) and database defaults as UTC `YYYY-MM-DD HH:MM:SS` (a space).
 */
export interface TimeZones {
  withT: string;
  withSpace: string;
}

export function optionalTimestamp(value: SqlValue, column: string, zones: TimeZones): string | null {
  if (typeof value === "string" && value.length >= 19 && startsWithPlainDate(value) && plainTimeAt(value, 11)) {
    // Local isoformat() with microseconds, or a database default.
    if (value.length === 26 && value.charCodeAt(10) === 84 && value.charCodeAt(19) === 46 && digits(value, 20, 6) >= 0) {
      return `${value.slice(0, 10)} ${value.slice(11)} ${zones.withT}`;
    }
    if (value.length === 19 && value.charCodeAt(10) === 32) return `${value} ${zones.withSpace}`;
  }
  if (isBlank(value)) return null;
  const { date, separator, time, offset } = parseStamp(value, column);
  if (time === undefined) return `${date} 00:00:00 ${zones.withSpace}`;
  if (offset !== undefined) return `${date} ${time}${offset}`;
  return `${date} ${time} ${separator === "T" ? zones.withT : zones.withSpace}`;
}

export function requiredTimestamp(value: SqlValue, column: string, zones: TimeZones): string {
  return optionalTimestamp(value, column, zones) ?? reject(`${column}: missing required value`);
}

/** JSON held in text becomes a value for a jsonb column. */
export function requiredJson(value: SqlValue, column: string): unknown {
  if (isBlank(value)) reject(`${column}: missing required value`);
  if (typeof value !== "string") return reject(`${column}: ${show(value)} where JSON text belongs`);
  try {
    return JSON.parse(value);
  } catch {
    return reject(`${column}: not valid JSON (${show(value)})`);
  }
}
