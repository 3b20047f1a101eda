/** A growing little-endian byte buffer for HDF5 metadata (every HDF5 integer field is little-endian). */
export class ByteWriter {
  private buf = new Uint8Array(256);
  private view = new DataView(this.buf.buffer);
  length = 0;

  private room(n: number): void {
    if (this.length + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.length + n));
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  u8(v: number): this {
    this.room(1);
    this.buf[this.length++] = v;
    return this;
  }

  u16(v: number): this {
    this.room(2);
    this.view.setUint16(this.length, v, true);
    this.length += 2;
    return this;
  }

  u32(v: number): this {
    this.room(4);
    this.view.setUint32(this.length, v, true);
    this.length += 4;
    return this;
  }

  /** An unsigned 64-bit field; `undefined` writes HDF5's "undefined address" (all bits set). */
  u64(v: number | bigint | undefined): this {
    this.room(8);
    this.view.setBigUint64(this.length, v === undefined ? 0xffffffffffffffffn : BigInt(v), true);
    this.length += 8;
    return this;
  }

  bytes(b: Uint8Array): this {
    this.room(b.length);
    this.buf.set(b, this.length);
    this.length += b.length;
    return this;
  }

  zeros(n: number): this {
    this.room(n);
    this.buf.fill(0, this.length, this.length + n);
    this.length += n;
    return this;
  }

  /** Overwrite a 32-bit field written earlier. */
  setU32(at: number, v: number): void {
    this.view.setUint32(at, v, true);
  }

  toBytes(): Uint8Array {
    return this.buf.slice(0, this.length);
  }
}
