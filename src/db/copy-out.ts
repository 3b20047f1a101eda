/**
 * Bulk reads as PostgreSQL's binary COPY of a SELECT (`COPY (…) TO STDOUT (FORMAT binary)`): the
 * server sends each value in its binary form, with no text to print or parse and no row object per
 * row; the reader below walks the bytes straight into columns.
 *
 * COPY takes no bind parameters, so a statement's `$n` become `(SELECT current_setting('quant.copy_param_n'))`
 * and the values are set with `set_config(…, true)` in the same transaction (SET LOCAL): they travel
 * as bind parameters of that statement and never enter the SQL text. They arrive as text, so write
 * `$2::date` where the type matters, as in any query. `settings` (e.g. work_mem) are set the same way.
 */
import type { TextInterner } from "./text-interner.ts";

/** Settings for one COPY: the parameters' values, then `settings`, all local to its transaction. */
export function copyOutSetup(params: readonly unknown[], settings: Readonly<Record<string, string>> = {}): { text: string; values: string[] } | null {
  const names = [...params.map((_, i) => `quant.copy_param_${i + 1}`), ...Object.keys(settings)];
  if (names.length === 0) return null;
  const values = params.map((v, i) => {
    if (v === null || v === undefined) throw new Error(`copyTo: parameter $${i + 1} is ${v}; write NULL in the statement instead`);
    return v instanceof Date ? v.toISOString() : String(v);
  });
  values.push(...Object.values(settings));
  return { text: `SELECT ${names.map((name, i) => `set_config('${name}', $${i + 1}, true)`).join(", ")}`, values };
}

/** `COPY (select) TO <target> (FORMAT binary)`, the SELECT's `$n` read from the settings above. */
export function copyOutStatement(select: string, target: string): string {
  const body = select.replace(/\$(\d+)/g, (_, n: string) => `(SELECT current_setting('quant.copy_param_${n}'))`);
  return `COPY (${body}) TO ${target} (FORMAT binary)`;
}

/** copyTo from copyToChunks: the chunks joined into one stream. */
export async function collectCopy(copyToChunks: (onChunk: (chunk: Buffer) => void) => Promise<void>): Promise<Buffer> {
  const parts: Buffer[] = [];
  await copyToChunks((chunk) => parts.push(chunk));
  return parts.length === 1 ? parts[0] : Buffer.concat(parts);
}

/** PostgreSQL's epoch (2000-01-01) in Unix days and microseconds. */
const PG_EPOCH_DAYS = 10_957;
const PG_EPOCH_MICROS = 946_684_800_000_000n;
const PG_EPOCH_MICROS_NUMBER = 946_684_800_000_000;

const SIGNATURE = "PGCOPY\n\xff\r\n\0";

/**
 * A cursor over a binary COPY stream's rows. `nextRow()` moves to the next row (false at the end);
 * then each field is read in order with the method for its type. A NULL reads as NaN (numbers) or
 * null (text, bytes). By default `bytes` is a whole stream; BinaryCopyRows hands out readers over
 * parts of one (no header, rows up to `end`).
 */
export class BinaryCopyReader {
  private readonly view: DataView;
  private at: number;
  private readonly end: number;

  constructor(
    private readonly bytes: Buffer,
    part?: { start: number; end: number },
  ) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (part) {
      this.at = part.start;
      this.end = part.end;
      return;
    }
    this.at = headerLength(bytes);
    this.end = bytes.length;
  }

  nextRow(): boolean {
    if (this.at >= this.end) return false;
    const fields = this.view.getInt16(this.at);
    this.at += 2;
    return fields !== -1;
  }

  /** The next field's length, or -1 for NULL; moves past the length word. */
  private field(): number {
    const length = this.view.getInt32(this.at);
    this.at += 4;
    return length;
  }

  float8(): number {
    return this.nullableFloat8() ?? NaN;
  }

  /** A float8 with NULL kept apart from a stored NaN. */
  nullableFloat8(): number | null {
    if (this.field() < 0) return null;
    const v = this.view.getFloat64(this.at);
    this.at += 8;
    return v;
  }

  int4(): number {
    if (this.field() < 0) return NaN;
    const v = this.view.getInt32(this.at);
    this.at += 4;
    return v;
  }

  /** A date as Unix days (days since 1970-01-01). */
  epochDay(): number {
    const v = this.int4();
    return v + PG_EPOCH_DAYS;
  }

  /**
   * A timestamptz as Unix microseconds, exact within ±285 years of 1970 (below 2^53): the int64 read
   * as two 32-bit halves, no BigInt (tick replay reads millions of them).
   */
  epochMicros(): number {
    if (this.field() < 0) return NaN;
    const micros = this.view.getInt32(this.at) * 4_294_967_296 + this.view.getUint32(this.at + 4);
    this.at += 8;
    return micros + PG_EPOCH_MICROS_NUMBER;
  }

  /** A timestamptz as Unix milliseconds (microseconds rounded toward negative infinity). */
  epochMillis(): number {
    if (this.field() < 0) return NaN;
    const micros = this.view.getBigInt64(this.at) + PG_EPOCH_MICROS;
    this.at += 8;
    const millis = micros / 1000n; // BigInt: a double would lose the microseconds of today's instants
    return Number(micros % 1000n < 0n ? millis - 1n : millis);
  }

  /** A non-NULL text field as its id in `interner` (text-interner.ts). */
  textId(interner: TextInterner): number {
    const length = this.field();
    if (length < 0) throw new Error("textId: a NULL text field");
    const id = interner.id(this.bytes, this.at, length);
    this.at += length;
    return id;
  }

  text(): string | null {
    const length = this.field();
    if (length < 0) return null;
    const v = this.bytes.toString("utf8", this.at, this.at + length);
    this.at += length;
    return v;
  }

  /** A one-dimensional int4[] (a NULL element is refused: an Int32Array has no NaN); a NULL array → empty. */
  int4Array(): Int32Array {
    const n = this.arrayHeader();
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      if (this.field() !== 4) throw new Error("int4Array: a NULL or non-int4 element");
      out[i] = this.view.getInt32(this.at);
      this.at += 4;
    }
    return out;
  }

  /** A one-dimensional float8[] with NULL elements as NaN; a NULL array → empty. */
  float8Array(): Float64Array {
    const n = this.arrayHeader();
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      if (this.field() < 0) {
        out[i] = NaN;
        continue;
      }
      out[i] = this.view.getFloat64(this.at);
      this.at += 8;
    }
    return out;
  }

  /**
   * An array field's header (array_send: ndim, has-null flag, element type, then length and lower
   * bound per dimension); returns the element count of a one-dimensional array, 0 for NULL or empty.
   */
  private arrayHeader(): number {
    if (this.field() < 0) return 0;
    const dimensions = this.view.getInt32(this.at);
    this.at += 12;
    if (dimensions === 0) return 0;
    if (dimensions !== 1) throw new Error(`expected a one-dimensional array, got ${dimensions} dimensions`);
    const n = this.view.getInt32(this.at);
    this.at += 8;
    return n;
  }
}

/** The length of a binary COPY stream's header (signature, flags, extension); throws if `bytes` has none. */
function headerLength(bytes: Buffer): number {
  if (bytes.length < 19 || bytes.toString("latin1", 0, 11) !== SIGNATURE) throw new Error("not a binary COPY stream");
  return 19 + bytes.readUInt32BE(15);
}

/**
 * A binary COPY stream taken chunk by chunk as it arrives (Queryable.copyToChunks): `onRows` gets a
 * reader over each chunk's whole rows at once, so decoding overlaps the server's sending rather than
 * following it; a row split between chunks is carried over to the next.
 */
export class BinaryCopyRows {
  private carry: Buffer | null = null;
  private started = false;
  private ended = false;

  constructor(private readonly onRows: (reader: BinaryCopyReader) => void) {}

  push(chunk: Buffer): void {
    const bytes = this.carry === null ? chunk : Buffer.concat([this.carry, chunk]);
    let start = 0;
    if (!this.started) {
      if (bytes.length < 19) {
        this.carry = bytes;
        return;
      }
      start = headerLength(bytes);
      this.started = true;
    }
    const { end, trailer } = wholeRows(bytes, start);
    if (end > start) this.onRows(new BinaryCopyReader(bytes, { start, end }));
    if (trailer) this.ended = true;
    this.carry = trailer || end === bytes.length ? null : bytes.subarray(end);
  }

  /** After the last chunk: throws if the stream stopped before its trailer. */
  finish(): void {
    if (!this.ended) throw new Error("binary COPY stream ended before its trailer");
  }
}

/** The end of the whole rows from `start` on, and whether the stream's trailer (-1) follows them. */
function wholeRows(bytes: Buffer, start: number): { end: number; trailer: boolean } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const length = bytes.length;
  let at = start;
  while (at + 2 <= length) {
    const fields = view.getInt16(at);
    if (fields === -1) return { end: at, trailer: true };
    let next = at + 2;
    for (let f = 0; f < fields; f++) {
      if (next + 4 > length) return { end: at, trailer: false };
      const size = view.getInt32(next);
      next += 4 + (size > 0 ? size : 0);
    }
    if (next > length) break;
    at = next;
  }
  return { end: at, trailer: false };
}
