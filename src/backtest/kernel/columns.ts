/**
 * Append-only typed-array columns for the kernel's logs: the hot loop pushes numbers, never objects,
 * and capacity doubles so appending stays amortised O(1); size them well and they never grow.
 */
type NumericArray = Float64Array | Int32Array | Uint8Array;
type NumericArrayConstructor<T extends NumericArray> = { new (length: number): T };

export class GrowableColumns<K extends string> {
  count = 0;
  private capacity: number;
  /** The arrays by name; replaced when capacity grows, so read them again after `push`. */
  columns: Record<K, NumericArray>;
  private readonly kinds: Record<K, NumericArrayConstructor<NumericArray>>;

  constructor(kinds: Record<K, NumericArrayConstructor<NumericArray>>, capacity = 1024) {
    this.capacity = capacity;
    this.kinds = kinds;
    this.columns = {} as Record<K, NumericArray>;
    for (const name of Object.keys(kinds) as K[]) this.columns[name] = new kinds[name](capacity);
  }

  /** Reserve one more entry and return its index; write it with `set`. */
  push(): number {
    if (this.count === this.capacity) {
      this.capacity *= 2;
      for (const name of Object.keys(this.kinds) as K[]) {
        const bigger = new this.kinds[name](this.capacity);
        bigger.set(this.columns[name]);
        this.columns[name] = bigger;
      }
    }
    return this.count++;
  }

  /** The first `count` entries of each column: views, not copies (the log is done growing). */
  filled(): Record<K, NumericArray> {
    const out = {} as Record<K, NumericArray>;
    for (const name of Object.keys(this.kinds) as K[]) out[name] = this.columns[name].subarray(0, this.count);
    return out;
  }
}
