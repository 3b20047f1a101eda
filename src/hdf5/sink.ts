/**
 * Where the HDF5 writer's bytes go. The writer appends (chunks as each dataset is added, metadata at
 * the end) and, last, puts the superblock over the placeholder it appended first at offset 0.
 *
 * - `MemorySink`: the whole file in memory, for small files (tests, samples).
 * - `FileSink`: straight to a file through a write buffer, so a file of any size needs memory for
 *   one dataset at a time; `abort()` closes it unfinished (the caller deletes it).
 */
import { closeSync, openSync, writeSync } from "node:fs";
import { ByteWriter } from "./bytes.ts";

export interface ByteSink {
  /** Bytes appended so far: the address of the next one. */
  readonly length: number;
  append(bytes: Uint8Array): void;
  /** Write `head` over the start of the file and end it. */
  finish(head: Uint8Array): void;
}

export class MemorySink implements ByteSink {
  private readonly out = new ByteWriter();
  private file: Uint8Array | undefined;

  get length(): number {
    return this.out.length;
  }

  append(bytes: Uint8Array): void {
    this.out.bytes(bytes);
  }

  finish(head: Uint8Array): void {
    this.file = this.out.toBytes();
    this.file.set(head, 0);
  }

  /** The finished file. */
  bytes(): Uint8Array {
    if (!this.file) throw new Error("HDF5 writer: the file is not finished");
    return this.file;
  }
}

const BUFFER_BYTES = 4 * 2 ** 20;

export class FileSink implements ByteSink {
  private fd: number | undefined;
  private readonly buffer = Buffer.allocUnsafe(BUFFER_BYTES);
  private buffered = 0;
  private written = 0;

  /** Create (or truncate) `path`. */
  constructor(readonly path: string) {
    this.fd = openSync(path, "w");
  }

  get length(): number {
    return this.written + this.buffered;
  }

  private open(): number {
    if (this.fd === undefined) throw new Error(`HDF5 writer: ${this.path} is closed`);
    return this.fd;
  }

  private flush(): void {
    const fd = this.open();
    for (let at = 0; at < this.buffered; ) at += writeSync(fd, this.buffer, at, this.buffered - at);
    this.written += this.buffered;
    this.buffered = 0;
  }

  append(bytes: Uint8Array): void {
    if (this.buffered + bytes.length > BUFFER_BYTES) this.flush();
    if (bytes.length >= BUFFER_BYTES) {
      const fd = this.open();
      for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
      this.written += bytes.length;
      return;
    }
    this.buffer.set(bytes, this.buffered);
    this.buffered += bytes.length;
  }

  finish(head: Uint8Array): void {
    this.flush();
    const fd = this.open();
    for (let at = 0; at < head.length; ) at += writeSync(fd, head, at, head.length - at, at);
    this.fd = undefined;
    closeSync(fd);
  }

  /** Close the file unfinished (after a failure); nothing more is written. */
  abort(): void {
    if (this.fd === undefined) return;
    const fd = this.fd;
    this.fd = undefined;
    closeSync(fd);
  }
}
