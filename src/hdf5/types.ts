/**
 * HDF5 datatypes and dataspaces as the writer encodes them (file format specification, datatype
 * message and dataspace message version 2). Only what h5py files of records need: little-endian
 * integers and IEEE floats, fixed-length null-padded ASCII strings (h5py's `S<n>`), variable-length
 * UTF-8 strings (h5py's `str`, for attributes) and packed compounds of those (numpy structured dtypes).
 */
import { ByteWriter } from "./bytes.ts";

export type H5Type =
  | { class: "int"; size: 1 | 2 | 4 | 8; signed: boolean }
  | { class: "float"; size: 4 | 8 }
  | { class: "string"; size: number }
  | { class: "vlen-string" }
  | { class: "compound"; size: number; members: readonly { name: string; offset: number; type: H5Type }[] };

/** Bytes of one element on disk (a variable-length string is its 16-byte global heap reference). */
export function typeSize(type: H5Type): number {
  return type.class === "vlen-string" ? 16 : type.size;
}

const header = (w: ByteWriter, cls: number, version: number, bits: number, size: number) =>
  w.u8((version << 4) | cls).u8(bits & 0xff).u8((bits >> 8) & 0xff).u8((bits >> 16) & 0xff).u32(size);

function writeType(w: ByteWriter, type: H5Type): void {
  switch (type.class) {
    case "int":
      // class 0: bit 3 signed; properties: bit offset, bit precision.
      header(w, 0, 1, type.signed ? 0x08 : 0, type.size).u16(0).u16(type.size * 8);
      return;
    case "float": {
      // class 1: bits 4-5 mantissa normalization (2: msb implied), bits 8-15 sign bit position.
      const [sign, exponentAt, exponentBits, mantissaBits, bias] = type.size === 4 ? [31, 23, 8, 23, 127] : [63, 52, 11, 52, 1023];
      header(w, 1, 1, 0x20 | (sign << 8), type.size).u16(0).u16(type.size * 8).u8(exponentAt).u8(exponentBits).u8(0).u8(mantissaBits).u32(bias);
      return;
    }
    case "string":
      // class 3: padding 1 (null pad), character set 0 (ASCII).
      header(w, 3, 1, 0x01, type.size);
      return;
    case "vlen-string":
      // class 9: type 1 (string), padding 0, character set 1 (UTF-8); base type unsigned 8-bit.
      header(w, 9, 1, 0x01 | (1 << 8), 16);
      writeType(w, { class: "int", size: 1, signed: false });
      return;
    case "compound": {
      // class 6, version 3: member count in the bit field; name (NUL-terminated), byte offset in the
      // fewest bytes that hold the size, member type.
      header(w, 6, 3, type.members.length, type.size);
      const offsetBytes = type.size < 0x100 ? 1 : type.size < 0x10000 ? 2 : type.size < 0x1000000 ? 3 : 4;
      for (const m of type.members) {
        w.bytes(new TextEncoder().encode(m.name)).u8(0);
        for (let i = 0; i < offsetBytes; i++) w.u8((m.offset >> (8 * i)) & 0xff);
        writeType(w, m.type);
      }
      return;
    }
  }
}

export function encodeDatatype(type: H5Type): Uint8Array {
  const w = new ByteWriter();
  writeType(w, type);
  return w.toBytes();
}

/** A scalar dataspace (`dims` undefined) or a simple one; `max` null per dimension means unlimited. */
export function encodeDataspace(dims?: readonly number[], max?: readonly (number | null)[]): Uint8Array {
  const w = new ByteWriter();
  if (dims === undefined) return w.u8(2).u8(0).u8(0).u8(0).toBytes();
  w.u8(2).u8(dims.length).u8(max ? 1 : 0).u8(1);
  for (const d of dims) w.u64(d);
  for (const m of max ?? []) w.u64(m === null ? undefined : m);
  return w.toBytes();
}
