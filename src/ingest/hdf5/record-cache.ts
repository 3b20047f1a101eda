/**
 * Dataset records read for the checksum check, kept up to a memory budget so the load uses them
 * instead of reading and decompressing the dataset a second time; each is handed out once. A dataset
 * past the budget (a whole real file is gigabytes) is simply read again when its turn comes.
 */
export const DEFAULT_CACHE_BYTES = 256 * 2 ** 20;

export class RecordCache {
  private readonly held = new Map<string, Uint8Array>();
  private bytes = 0;

  constructor(private readonly budget = DEFAULT_CACHE_BYTES) {}

  keep(path: string, records: Uint8Array): void {
    if (this.bytes + records.length > this.budget) return;
    this.held.set(path, records);
    this.bytes += records.length;
  }

  take(path: string): Uint8Array | undefined {
    const records = this.held.get(path);
    if (records !== undefined) {
      this.held.delete(path);
      this.bytes -= records.length;
    }
    return records;
  }
}
