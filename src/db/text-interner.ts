/**
 * Dense ids for the text values of a binary COPY stream, decoding each distinct value once. A bulk
 * read of one row per value (a panel: 7.3 million closes of 3,000 tickers) would otherwise build a
 * JavaScript string and hash it per row, which cost 3 s of the 4 s spent decoding; hashing a few
 * bytes into an open-addressed table and comparing them with the candidate's costs a fraction.
 */
export class TextInterner {
  /** The distinct values, by id. */
  readonly values: string[] = [];
  private readonly bytesOf: Uint8Array[] = [];
  /** Open addressing, linear probing: id + 1 per slot, 0 when empty; at most half full. */
  private slots = new Int32Array(64);
  private last = -1;

  /** The id of the UTF-8 bytes `bytes[at, at + length)`, assigning the next id to a new value. */
  id(bytes: Uint8Array, at: number, length: number): number {
    if (this.last >= 0 && sameBytes(this.bytesOf[this.last], bytes, at, length)) return this.last;
    const mask = this.slots.length - 1;
    let slot = hashBytes(bytes, at, length) & mask;
    for (let id = this.slots[slot] - 1; id >= 0; id = this.slots[slot] - 1) {
      if (sameBytes(this.bytesOf[id], bytes, at, length)) return (this.last = id);
      slot = (slot + 1) & mask;
    }
    const id = this.values.length;
    const own = bytes.slice(at, at + length);
    this.bytesOf.push(own);
    this.values.push(Buffer.from(own.buffer, own.byteOffset, own.byteLength).toString("utf8"));
    this.slots[slot] = id + 1;
    if (2 * this.values.length > this.slots.length) this.grow();
    return (this.last = id);
  }

  private grow(): void {
    this.slots = new Int32Array(this.slots.length * 2);
    const mask = this.slots.length - 1;
    this.bytesOf.forEach((own, id) => {
      let slot = hashBytes(own, 0, own.length) & mask;
      while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
      this.slots[slot] = id + 1;
    });
  }
}

/** FNV-1a, 32 bits. */
function hashBytes(bytes: Uint8Array, at: number, length: number): number {
  let hash = 0x811c9dc5;
  for (let i = at; i < at + length; i++) hash = Math.imul(hash ^ bytes[i], 16_777_619);
  return hash >>> 0;
}

function sameBytes(own: Uint8Array, bytes: Uint8Array, at: number, length: number): boolean {
  if (own.length !== length) return false;
  for (let j = 0; j < length; j++) if (own[j] !== bytes[at + j]) return false;
  return true;
}
