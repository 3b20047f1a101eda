/**
 * PostgreSQL's binary COPY format, encoded straight from typed values: no number is printed as text
 * by us or parsed back by the server, which is most of the cost of a CSV load.
 *
 * Layout: the signature "PGCOPY\n\377\r\n\0", int32 flags 0, int32 header extension 0; per row an int16
 * field count, per field an int32 length (-1 for NULL) and the value's bytes, big-endian; an int16 -1
 * ends the data. Each column is encoded by its SQL type (from the Drizzle column, `binaryTypeOf`).
 *
 * The same checks as the CSV path (csv.ts): non-finite numbers and text holding NUL are RangeErrors
 * naming the column. Timestamp text in a named zone (Spock's local `isoformat()` times) takes the
 * offset the database itself applies to that local hour (`ZoneOffsets`), so no time zone rule of
 * ours is involved. A value of a shape this encoder does not take exactly — an hour in which a zone's
 * offset changes, a number in a text column, an impossible date — throws `NotBinaryEncodable`, and
 * the caller writes that batch as CSV instead, where PostgreSQL itself reads (or refuses) the value:
 * the result is never different from a CSV load.
 */
import type { PgColumn } from "drizzle-orm/pg-core";

export type BinaryType = "int4" | "int8" | "float8" | "numeric" | "text" | "bool" | "date" | "timestamptz" | "jsonb" | "text[]" | "float8[]";

/** A value the binary path does not encode exactly; the batch goes through CSV instead. */
export class NotBinaryEncodable extends Error {
  override name = "NotBinaryEncodable";
}

const BY_SQL_TYPE: Record<string, BinaryType> = {
  integer: "int4",
  serial: "int4",
  bigint: "int8",
  bigserial: "int8",
  "double precision": "float8",
  text: "text",
  boolean: "bool",
  date: "date",
  "timestamp with time zone": "timestamptz",
  jsonb: "jsonb",
  "text[]": "text[]",
  "double precision[]": "float8[]",
};

/** The binary encoding of a column, or null when it has none here (the table then loads as CSV). */
export function binaryTypeOf(column: PgColumn): BinaryType | null {
  const sqlType = column.getSQLType();
  if (sqlType.startsWith("numeric")) return column.dataType === "number" || column.dataType === "string" ? "numeric" : null;
  return BY_SQL_TYPE[sqlType] ?? null;
}

export interface BinaryField {
  /** Property of the row object. */
  prop: string;
  /** Database column, for error messages. */
  column: string;
  type: BinaryType;
}

/** The stream's 19-byte header: signature, int32 flags 0, int32 header-extension length 0. */
export const BINARY_COPY_HEADER = Buffer.concat([Buffer.from("PGCOPY\n\xff\r\n\0", "latin1"), Buffer.alloc(8)]);
const CHUNK_BYTES = 1 << 20;
const DAY_MS = 86_400_000;
/** 2000-01-01, PostgreSQL's epoch, in Unix milliseconds. */
const PG_EPOCH_MS = 946_684_800_000;
const TWO_32 = 4_294_967_296;

/** A growing output of whole rows, cut into chunks of about CHUNK_BYTES. */
class Output {
  chunks: Buffer[] = [];
  buf = Buffer.allocUnsafe(CHUNK_BYTES);
  view = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.byteLength);
  pos = 0;
  rowStart = 0;

  /** Room for `n` more bytes; a partial row moves into the next buffer with it. */
  room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const partial = this.buf.subarray(this.rowStart, this.pos);
    if (this.rowStart > 0) this.chunks.push(this.buf.subarray(0, this.rowStart));
    this.buf = Buffer.allocUnsafe(Math.max(CHUNK_BYTES, (partial.length + n) * 2));
    this.view = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.byteLength);
    partial.copy(this.buf, 0);
    this.pos = partial.length;
    this.rowStart = 0;
  }

  startRow(fields: number): void {
    if (this.pos >= CHUNK_BYTES) {
      this.chunks.push(this.buf.subarray(0, this.pos));
      this.buf = Buffer.allocUnsafe(CHUNK_BYTES);
      this.view = new DataView(this.buf.buffer, this.buf.byteOffset, this.buf.byteLength);
      this.pos = 0;
    }
    this.rowStart = this.pos;
    this.room(2);
    this.view.setInt16(this.pos, fields);
    this.pos += 2;
  }

  nul(): void {
    this.room(4);
    this.view.setInt32(this.pos, -1);
    this.pos += 4;
  }

  finish(): Buffer[] {
    this.room(2);
    this.view.setInt16(this.pos, -1);
    this.pos += 2;
    this.chunks.push(this.buf.subarray(0, this.pos));
    return this.chunks;
  }
}

function number(v: unknown, column: string): number {
  if (typeof v !== "number") throw new NotBinaryEncodable(column);
  if (v - v !== 0) throw new RangeError(`column ${column}: non-finite number ${v}`);
  return v;
}

function text(v: unknown, column: string): string {
  if (typeof v !== "string") throw new NotBinaryEncodable(column);
  if (v.indexOf("\u0000") >= 0) throw new RangeError(`column ${column}: text contains a NUL character`);
  return v;
}

/** `s` as UTF-8 at `at` (room for s.length × 3 bytes made); the byte count. ASCII is copied inline: most text is short. */
function utf8(out: Output, s: string, at: number): number {
  const buf = out.buf;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128) return buf.write(s, at, "utf8");
    buf[at + i] = c;
  }
  return s.length;
}

function writeText(out: Output, s: string): void {
  out.room(4 + s.length * 3);
  const n = utf8(out, s, out.pos + 4);
  out.view.setInt32(out.pos, n);
  out.pos += 4 + n;
}

/** A 4-byte integer field: length 4, the value. */
function int32Field(out: Output, n: number): void {
  out.room(8);
  out.view.setInt32(out.pos, 4);
  out.view.setInt32(out.pos + 4, n);
  out.pos += 8;
}

/** An 8-byte integer field (a safe integer): length 8, the high and low words. */
function int64Field(out: Output, n: number): void {
  out.room(12);
  const hi = Math.floor(n / TWO_32);
  out.view.setInt32(out.pos, 8);
  out.view.setInt32(out.pos + 4, hi);
  out.view.setUint32(out.pos + 8, n - hi * TWO_32);
  out.pos += 12;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Dates seen, by text: a load repeats a few thousand dates across its rows. */
const dayCache = new Map<string, number>();

/** Days since 2000-01-01 of a real calendar date `YYYY-MM-DD` (year 1 on); anything else → CSV. */
export function pgDays(s: string): number {
  const cached = dayCache.get(s);
  if (cached !== undefined) return cached;
  const days = calendarDays(s);
  if (dayCache.size >= 100_000) dayCache.clear();
  dayCache.set(s, days);
  return days;
}

function calendarDays(s: string): number {
  const m = DATE.exec(s);
  if (!m) throw new NotBinaryEncodable(s);
  const y = Number(m[1]);
  const month = Number(m[2]);
  const d = Number(m[3]);
  const date = new Date(0);
  date.setUTCFullYear(y, month - 1, d);
  if (y < 1 || date.getUTCFullYear() !== y || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== d) throw new NotBinaryEncodable(s);
  return Math.round((date.getTime() - PG_EPOCH_MS) / DAY_MS);
}

const STAMP = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?(?: ?(?:UTC|Z)| ?([+-])(\d{2})(?::?(\d{2}))?| ([A-Za-z_]+(?:\/[A-Za-z0-9_+-]+)+))$/;

/**
 * UTC offsets of named time zones, per local hour, as the database reads them: keys `YYYY-MM-DD HH|Zone`
 * → seconds east of UTC, or null for an hour whose offset changes (a DST transition) or a zone the
 * database does not know (those batches go through CSV). The encoder records the keys it lacks in
 * `missing`; the caller resolves them with `resolveZoneOffsets` and encodes again.
 */
export class ZoneOffsets {
  readonly known = new Map<string, number | null>();
  readonly missing = new Set<string>();
  /** Zone names looked up in the database: whether it knows them. */
  readonly zoneNames = new Map<string, boolean>();
}

/**
 * Microseconds since 2000-01-01 UTC of timestamp text with a UTC or numeric offset or a named zone
 * (the forms the loaders write); a leap second, more than 6 fraction digits or an hour of a named
 * zone `zones` marks null → CSV. A named zone's hour not yet in `zones` is recorded as missing (the
 * value returned is then meaningless and the rows must be encoded again).
 */
export function pgMicros(s: string, zones?: ZoneOffsets): number {
  return plainMicros(s, zones) ?? parsedMicros(s, zones);
}

/** The value of two ASCII digits at `i`, or -1. */
function twoDigits(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48;
  const b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/**
 * The common forms without a regular expression (the hot path of a load): `YYYY-MM-DD[ T]HH:MM:SS`,
 * up to 6 fraction digits, then ` UTC`, `+00` or ` Zone/Name`; undefined for anything else.
 */
function plainMicros(s: string, zones: ZoneOffsets | undefined): number | undefined {
  if (s.length < 19) return undefined;
  const sep = s.charCodeAt(10);
  if ((sep !== 32 && sep !== 84) || s.charCodeAt(13) !== 58 || s.charCodeAt(16) !== 58) return undefined;
  const h = twoDigits(s, 11);
  const min = twoDigits(s, 14);
  const sec = twoDigits(s, 17);
  if (h < 0 || h > 23 || min < 0 || min > 59 || sec < 0 || sec > 59) return undefined;
  let i = 19;
  let fraction = 0;
  if (s.charCodeAt(i) === 46) {
    let scale = 100_000;
    for (i++; i < s.length && scale >= 1; i++, scale /= 10) {
      const d = s.charCodeAt(i) - 48;
      if (d < 0 || d > 9) break;
      fraction += d * scale;
    }
    if (i === 20 || (i < s.length && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57)) return undefined;
  }
  const zone = s.slice(i);
  let offsetSeconds: number;
  if (zone === " UTC" || zone === "+00" || zone === "Z") offsetSeconds = 0;
  else if (zone.charCodeAt(0) === 32 && zone.indexOf("/") > 0 && zones) {
    const key = `${s.slice(0, 10)} ${s.slice(11, 13)}|${zone.slice(1)}`;
    const known = zones.known.get(key);
    if (known === null) throw new NotBinaryEncodable(s);
    if (known === undefined) {
      // Checked by the full parser (a zone name's characters), then recorded as missing.
      return parsedMicros(s, zones);
    }
    offsetSeconds = known;
  } else return undefined;
  const days = pgDays(s.slice(0, 10));
  const micros = (days * 86_400 + h * 3600 + min * 60 + sec - offsetSeconds) * 1_000_000 + fraction;
  if (!Number.isSafeInteger(micros)) throw new NotBinaryEncodable(s);
  return micros;
}

function parsedMicros(s: string, zones: ZoneOffsets | undefined): number {
  const m = STAMP.exec(s);
  if (!m) throw new NotBinaryEncodable(s);
  const [h, min, sec] = [Number(m[2]), Number(m[3]), Number(m[4])];
  if (h > 23 || min > 59 || sec > 59) throw new NotBinaryEncodable(s);
  const days = pgDays(m[1]);
  let offsetSeconds = m[6] === undefined ? 0 : (m[6] === "-" ? -1 : 1) * (Number(m[7]) * 3600 + Number(m[8] ?? 0) * 60);
  if (m[9] !== undefined) {
    if (!zones) throw new NotBinaryEncodable(s);
    const key = `${m[1]} ${m[2]}|${m[9]}`;
    const known = zones.known.get(key);
    if (known === null) throw new NotBinaryEncodable(s);
    if (known === undefined) zones.missing.add(key);
    offsetSeconds = known ?? 0;
  }
  const fraction = m[5] === undefined ? 0 : Number(m[5].padEnd(6, "0"));
  const seconds = days * 86_400 + h * 3600 + min * 60 + sec - offsetSeconds;
  const micros = seconds * 1_000_000 + fraction;
  if (!Number.isSafeInteger(micros)) throw new NotBinaryEncodable(s);
  return micros;
}

/**
 * Look up `zones.missing` in the database: the offset the database applies to timestamp text at the
 * first and the last microsecond of each local hour; equal → the hour's offset, else null (CSV).
 * Returns the entries it resolved (for another thread's copy of the offsets).
 */
export async function resolveZoneOffsets(
  session: { query<T>(text: string, params?: readonly unknown[]): Promise<T[]> },
  zones: ZoneOffsets,
): Promise<[string, number | null][]> {
  // Each missing hour brings its whole month (about 744 hours), so a load asks about once a month of data.
  const keys: string[] = [];
  for (const month of new Set([...zones.missing].map((k) => `${k.slice(0, 7)}|${k.slice(k.indexOf("|") + 1)}`))) {
    const [ym, zone] = month.split("|");
    const days = new Date(Date.UTC(Number(ym.slice(0, 4)), Number(ym.slice(5, 7)), 0)).getUTCDate();
    for (let d = 1; d <= days; d++) {
      for (let h = 0; h < 24; h++) keys.push(`${ym}-${String(d).padStart(2, "0")} ${String(h).padStart(2, "0")}|${zone}`);
    }
  }
  zones.missing.clear();
  const names = [...new Set(keys.map((k) => k.slice(k.indexOf("|") + 1)))];
  const unseen = names.filter((n) => !zones.zoneNames.has(n));
  if (unseen.length > 0) {
    // Only zones the database knows by name: anything else would fail the query; CSV reports it per row.
    const known = new Set(
      (await session.query<{ name: string }>("SELECT name FROM pg_timezone_names WHERE name = ANY($1::text[])", [unseen])).map((r) => r.name),
    );
    for (const n of unseen) zones.zoneNames.set(n, known.has(n));
  }
  const valid = new Set(names.filter((n) => zones.zoneNames.get(n)));
  const asked = keys.filter((k) => valid.has(k.slice(k.indexOf("|") + 1)));
  for (const k of keys) if (!valid.has(k.slice(k.indexOf("|") + 1))) zones.known.set(k, null);
  const resolved = (): [string, number | null][] => keys.map((k) => [k, zones.known.get(k)!]);
  if (asked.length === 0) return resolved();
  const rows = await session.query<{ first: number; last: number }>(
    `SELECT extract(epoch FROM (h || ':00:00')::timestamp) - extract(epoch FROM (h || ':00:00 ' || z)::timestamptz) AS first,
            extract(epoch FROM (h || ':59:59.999999')::timestamp) - extract(epoch FROM (h || ':59:59.999999 ' || z)::timestamptz) AS last
       FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS t(h, z, i) ORDER BY i`,
    [asked.map((k) => k.slice(0, k.indexOf("|"))), asked.map((k) => k.slice(k.indexOf("|") + 1))],
  );
  asked.forEach((k, i) => {
    const first = Number(rows[i].first);
    zones.known.set(k, first === Number(rows[i].last) && Number.isInteger(first) ? first : null);
  });
  return resolved();
}

function dateMicros(v: Date, column: string): number {
  const ms = v.getTime();
  if (Number.isNaN(ms)) throw new NotBinaryEncodable(column);
  return (ms - PG_EPOCH_MS) * 1000;
}

/**
 * A finite number as PostgreSQL's binary numeric: int16 ndigits, weight, sign, dscale, then base-10000
 * digits. The digits are those of the number's shortest decimal text (what the CSV path sends), so
 * the server applies the column's precision and scale exactly as it does to that text.
 */
function writeNumeric(out: Output, v: number): void {
  const [mantissa, exponent = "0"] = String(Math.abs(v)).split("e");
  const dot = mantissa.indexOf(".");
  const raw = dot < 0 ? mantissa : mantissa.slice(0, dot) + mantissa.slice(dot + 1);
  const lead = raw.length - raw.replace(/^0+/, "").length;
  const digits = raw.slice(lead);
  // value = 0.<digits> × 10^point
  const point = (dot < 0 ? mantissa.length : dot) - lead + Number(exponent);
  const dscale = Math.max(0, digits.length - point);
  out.room(8 + 2 * Math.ceil((digits.length + 6) / 4));
  const start = out.pos;
  out.pos += 8;
  let ndigits = 0;
  let weight = 0;
  const trimmed = digits.replace(/0+$/, "");
  if (trimmed.length > 0) {
    const aligned = Math.ceil(point / 4) * 4;
    const padded = "0".repeat(aligned - point) + trimmed;
    weight = aligned / 4 - 1;
    for (let i = 0; i < padded.length; i += 4) {
      out.view.setInt16(out.pos, Number(padded.slice(i, i + 4).padEnd(4, "0")));
      out.pos += 2;
      ndigits++;
    }
  }
  out.view.setInt32(start - 4, 8 + 2 * ndigits);
  out.view.setInt16(start, ndigits);
  out.view.setInt16(start + 2, weight);
  out.view.setInt16(start + 4, v < 0 && ndigits > 0 ? 0x4000 : 0);
  out.view.setInt16(start + 6, dscale);
}

/** One field's value (not NULL): its length and bytes. */
function writeField(out: Output, type: BinaryType, v: unknown, column: string, zones?: ZoneOffsets): void {
  switch (type) {
    case "float8": {
      const n = number(v, column);
      out.room(12);
      out.view.setInt32(out.pos, 8);
      out.view.setFloat64(out.pos + 4, n + 0); // -0 as 0, as its CSV text "0"
      out.pos += 12;
      return;
    }
    case "text":
      return writeText(out, text(v, column));
    case "int4": {
      const n = number(v, column);
      if (!Number.isInteger(n) || n < -2147483648 || n > 2147483647) throw new NotBinaryEncodable(column);
      return int32Field(out, n);
    }
    case "int8": {
      const n = number(v, column);
      if (!Number.isSafeInteger(n)) throw new NotBinaryEncodable(column);
      return int64Field(out, n);
    }
    case "numeric":
      out.room(4);
      out.pos += 4;
      return writeNumeric(out, number(v, column));
    case "bool":
      if (typeof v !== "boolean") throw new NotBinaryEncodable(column);
      out.room(5);
      out.view.setInt32(out.pos, 1);
      out.buf[out.pos + 4] = v ? 1 : 0;
      out.pos += 5;
      return;
    case "date": {
      if (typeof v !== "string") throw new NotBinaryEncodable(column);
      return int32Field(out, pgDays(v));
    }
    case "timestamptz": {
      const micros = typeof v === "string" ? pgMicros(v, zones) : v instanceof Date ? dateMicros(v, column) : Number.NaN;
      if (Number.isNaN(micros)) throw new NotBinaryEncodable(column);
      return int64Field(out, micros);
    }
    case "jsonb": {
      // As the CSV path: a string is JSON text already, a number its decimal text, anything else JSON.stringify.
      const json = typeof v === "string" ? text(v, column) : typeof v === "number" ? String(number(v, column)) : jsonText(v, column);
      out.room(5 + json.length * 3);
      const n = utf8(out, json, out.pos + 5);
      out.view.setInt32(out.pos, n + 1);
      out.buf[out.pos + 4] = 1;
      out.pos += 5 + n;
      return;
    }
    case "text[]":
    case "float8[]":
      return writeArray(out, type, v, column);
  }
}

function jsonText(v: unknown, column: string): string {
  if (typeof v !== "object" || v === null || v instanceof Date) throw new NotBinaryEncodable(column);
  return text(JSON.stringify(v), column);
}

/** A one-dimensional array (lower bound 1) of text or float8 elements, NULL elements allowed. */
function writeArray(out: Output, type: "text[]" | "float8[]", v: unknown, column: string): void {
  if (!Array.isArray(v)) throw new NotBinaryEncodable(column);
  out.room(24);
  // Relative to the row: room() may move the row being written into a new buffer.
  const fromRow = out.pos - out.rowStart;
  out.pos += 4;
  out.view.setInt32(out.pos, v.length === 0 ? 0 : 1);
  out.view.setInt32(out.pos + 4, v.some((e) => e === null || e === undefined) ? 1 : 0);
  out.view.setInt32(out.pos + 8, type === "text[]" ? 25 : 701);
  out.pos += 12;
  if (v.length > 0) {
    out.view.setInt32(out.pos, v.length);
    out.view.setInt32(out.pos + 4, 1);
    out.pos += 8;
  }
  for (const e of v) {
    if (e === null || e === undefined) out.nul();
    else writeField(out, type === "text[]" ? "text" : "float8", e, column);
  }
  const start = out.rowStart + fromRow;
  out.view.setInt32(start, out.pos - start - 4);
}

/**
 * Encode `rows` (properties `fields[i].prop`) as one binary COPY stream: the header, every row, the
 * trailer, in chunks of about 1 MiB. Throws RangeError for a value no load may store, and
 * NotBinaryEncodable for one to write as CSV instead (see the header). Timestamp text in a named zone
 * needs `zones`; when `zones.missing` is not empty afterwards, resolve it and encode again.
 */
export function binaryCopyChunks<R>(rows: readonly R[], fields: readonly BinaryField[], zones?: ZoneOffsets): Buffer[] {
  const out = new Output();
  out.pos = BINARY_COPY_HEADER.copy(out.buf, 0);
  let writeRow = rowWriters.get(fields);
  if (!writeRow) rowWriters.set(fields, (writeRow = rowWriter(fields)));
  for (const row of rows) {
    out.startRow(fields.length);
    writeRow(out, row, zones);
  }
  return out.finish();
}

type RowWriter = (out: Output, row: unknown, zones: ZoneOffsets | undefined) => void;

const rowWriters = new WeakMap<readonly BinaryField[], RowWriter>();

/**
 * A function writing one row's fields, generated per field list as csv.ts does: fixed property names
 * keep property loads monomorphic, and a float8 (most of a price row) is written inline. Names enter
 * the code only as JSON string literals.
 */
function rowWriter(fields: readonly BinaryField[]): RowWriter {
  const body = fields
    .map((f, i) => {
      const [type, column] = [JSON.stringify(f.type), JSON.stringify(f.column)];
      const write =
        f.type === "float8"
          ? `if (typeof v${i} === "number" && v${i} - v${i} === 0) { out.room(12); out.view.setInt32(out.pos, 8); out.view.setFloat64(out.pos + 4, v${i} + 0); out.pos += 12; } else writeField(out, ${type}, v${i}, ${column}, zones);`
          : `writeField(out, ${type}, v${i}, ${column}, zones);`;
      return `const v${i} = r[${JSON.stringify(f.prop)}]; if (v${i} === null || v${i} === undefined) out.nul(); else { ${write} }`;
    })
    .join("\n");
  return new Function("writeField", `return function writeRow(out, r, zones) {\n${body}\n};`)(writeField) as RowWriter;
}
