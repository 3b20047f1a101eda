/**
 * kite_app's bar record: one packed little-endian compound element per bar, sorted by timestamp.
 * EQUITY (32 bytes): `timestamp` int64 (Unix seconds of the bar start, UTC), `open` `high` `low`
 * `close` float32, `volume` int64. DERIVATIVES (40 bytes): the same and `oi` int64. A dataset's
 * `checksum` attribute is the SHA-256 (hex) of its records' bytes exactly as stored.
 *
 * `RecordView` reads fields straight from those bytes (no per-record objects): float32 prices widen
 * to doubles exactly; int64 fields come back as numbers, exact below 2^53 (`safeInt64` says whether
 * one is; `int64Text` gives any one exactly).
 */
import { createHash } from "node:crypto";
import type { H5Type } from "../hdf5/types.ts";
import type { KiteSegment } from "./instruments.ts";

export interface KiteRecord {
  timestamp: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  /** DERIVATIVES only. */
  oi?: number;
}

const int64: H5Type = { class: "int", size: 8, signed: true };
const float32: H5Type = { class: "float", size: 4 };
const PRICE_FIELDS = ["open", "high", "low", "close"] as const;
const equityMembers = [
  { name: "timestamp", offset: 0, type: int64 },
  ...PRICE_FIELDS.map((name, i) => ({ name, offset: 8 + 4 * i, type: float32 })),
  { name: "volume", offset: 24, type: int64 },
];

export const RECORD_TYPES: Readonly<Record<KiteSegment, Extract<H5Type, { class: "compound" }>>> = {
  EQUITY: { class: "compound", size: 32, members: equityMembers },
  DERIVATIVES: { class: "compound", size: 40, members: [...equityMembers, { name: "oi", offset: 32, type: int64 }] },
};

/** A compound member as h5wasm describes it (type 0: integer, 1: float). */
export interface MemberMetadata {
  name: string;
  offset: number;
  size: number;
  type: number;
  signed: boolean;
  littleEndian: boolean;
}

/** The segment whose record a compound of `size` bytes with `members` is, or undefined. */
export function recordSegmentOf(size: number, members: readonly MemberMetadata[]): KiteSegment | undefined {
  return (Object.keys(RECORD_TYPES) as KiteSegment[]).find((segment) => {
    const t = RECORD_TYPES[segment];
    return (
      t.size === size &&
      t.members.length === members.length &&
      t.members.every((m, i) => {
        const got = members[i];
        const want = m.type as Extract<H5Type, { class: "int" | "float" }>;
        const sameClass = want.class === "int" ? got.type === 0 && got.signed : got.type === 1;
        return got.name === m.name && got.offset === m.offset && got.size === want.size && sameClass && got.littleEndian;
      })
    );
  });
}

const TWO_32 = 4_294_967_296;

export class RecordView {
  private readonly view: DataView;
  readonly count: number;

  constructor(readonly bytes: Uint8Array, readonly recordSize: number) {
    this.view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.count = bytes.length / recordSize;
  }

  private int64(at: number): number {
    return this.view.getInt32(at + 4, true) * TWO_32 + this.view.getUint32(at, true);
  }

  safeInt64(at: number): boolean {
    const hi = this.view.getInt32(at + 4, true);
    return hi >= -0x200000 && hi < 0x200000;
  }

  int64Text(at: number): string {
    return this.view.getBigInt64(at, true).toString();
  }

  offset(i: number): number {
    return i * this.recordSize;
  }

  timestamp(i: number): number {
    return this.int64(i * this.recordSize);
  }

  open(i: number): number {
    return this.view.getFloat32(i * this.recordSize + 8, true);
  }

  high(i: number): number {
    return this.view.getFloat32(i * this.recordSize + 12, true);
  }

  low(i: number): number {
    return this.view.getFloat32(i * this.recordSize + 16, true);
  }

  close(i: number): number {
    return this.view.getFloat32(i * this.recordSize + 20, true);
  }

  volume(i: number): number {
    return this.int64(i * this.recordSize + 24);
  }

  /** Open interest; only for DERIVATIVES records. */
  oi(i: number): number {
    return this.int64(i * this.recordSize + 32);
  }
}

/**
 * Records written one by one into `count` records of `segment` (prices rounded to float32, as
 * kite_app stores them; integers must be whole numbers below 2^53, written without BigInt).
 */
export class RecordWriter {
  readonly bytes: Uint8Array;
  private readonly view: DataView;
  /** Bytes per record. */
  readonly size: number;
  private readonly hasOi: boolean;

  constructor(segment: KiteSegment, count: number) {
    this.size = RECORD_TYPES[segment].size;
    this.hasOi = segment === "DERIVATIVES";
    this.bytes = new Uint8Array(count * this.size);
    this.view = new DataView(this.bytes.buffer);
  }

  private int64(at: number, v: number): void {
    const hi = Math.floor(v / TWO_32);
    this.view.setUint32(at, v - hi * TWO_32, true);
    this.view.setInt32(at + 4, hi, true);
  }

  /** Record `i`; `oi` is written only in DERIVATIVES records. */
  set(i: number, timestamp: number, open: number, high: number, low: number, close: number, volume: number, oi: number): void {
    const at = i * this.size;
    this.int64(at, timestamp);
    this.view.setFloat32(at + 8, open, true);
    this.view.setFloat32(at + 12, high, true);
    this.view.setFloat32(at + 16, low, true);
    this.view.setFloat32(at + 20, close, true);
    this.int64(at + 24, volume);
    if (this.hasOi) this.int64(at + 32, oi);
  }
}

/** Records packed as `segment` lays them out (a DERIVATIVES record without `oi` gets 0). */
export function encodeRecords(records: readonly KiteRecord[], segment: KiteSegment): Uint8Array {
  const writer = new RecordWriter(segment, records.length);
  records.forEach((r, i) => writer.set(i, r.timestamp, r.open, r.high, r.low, r.close, r.volume, r.oi ?? 0));
  return writer.bytes;
}

/** kite_app's checksum of a dataset: SHA-256 of its record bytes, lower-case hex. */
export function recordChecksum(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}
