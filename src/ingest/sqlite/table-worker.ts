/**
 * The SQLite loader's worker thread (started by table-thread.ts): reads a table's pass, transforms
 * its rows and encodes them for COPY (copy-rows.ts `prepareCopy`), so the thread that holds the
 * database connection only writes, and reading, encoding and the database's work overlap.
 *
 * One pass at a time, each on the MessagePort its request brings:
 * - in: `credit` (the main thread took a batch: one more may be sent), `zones` (offsets of named
 *   time zones the worker asked for), `stop` (the pass is abandoned: close it);
 * - out: `batch`, `zones` (hours of named zones the encoder lacks, to be resolved by the database),
 *   `end` (the pass is read), `failure` (as data: src/threads.ts).
 * The worker runs at most CREDITS batches ahead of the main thread, so memory stays bounded.
 */
import { parentPort, workerData, type MessagePort } from "node:worker_threads";
import Sqlite from "better-sqlite3";
import { ZoneOffsets } from "../../db/copy-binary.ts";
import { prepareCopy } from "../../db/copy-rows.ts";
import { threadFailure } from "../../threads.ts";
import { distinctInstruments } from "../core/instruments.ts";
import { InstrumentResolver } from "./instruments.ts";
import { LAYOUTS } from "./layouts/index.ts";
import { readBatches } from "./read-batches.ts";
import type { FromWorker, PassRequest, ToWorker, WorkerBatch } from "./table-thread.ts";

/** Opened at the first pass, so that a failure to open reaches the main thread as any other does. */
let db: Sqlite.Database | undefined;
/** Offsets learnt so far, kept across passes: each month of a zone is asked for once per run. */
const zones = new ZoneOffsets();

/** Messages of the pass's port, waited for one condition at a time. */
class Inbox {
  credits = 0;
  stopped = false;
  private resolved: [string, number | null][] | undefined;
  private wake: (() => void) | undefined;

  constructor(port: MessagePort) {
    port.on("message", (message: ToWorker) => {
      if (message.type === "credit") this.credits += message.count;
      else if (message.type === "zones") this.resolved = message.entries;
      else this.stopped = true;
      this.wake?.();
    });
  }

  private async until(ready: () => boolean): Promise<void> {
    while (!ready()) await new Promise<void>((wake) => (this.wake = wake));
    this.wake = undefined;
  }

  /** Whether a batch may be sent (false: the pass was stopped). */
  async credit(): Promise<boolean> {
    await this.until(() => this.stopped || this.credits > 0);
    if (this.stopped) return false;
    this.credits--;
    return true;
  }

  /** The offsets the main thread resolved, or undefined when the pass was stopped meanwhile. */
  async zones(): Promise<[string, number | null][] | undefined> {
    await this.until(() => this.stopped || this.resolved !== undefined);
    const entries = this.resolved;
    this.resolved = undefined;
    return entries;
  }
}

/** The pass's batches, prepared, sent as credits allow; false when the pass was stopped. */
async function readPass(request: PassRequest, port: MessagePort, inbox: Inbox): Promise<boolean> {
  db ??= new Sqlite((workerData.data as { path: string }).path, { readonly: true, fileMustExist: true });
  const spec = LAYOUTS.find((l) => l.name === request.layout)!.tables.find((t) => t.source === request.table)!;
  const pass = spec.passes[request.pass];
  const { regions, ...rest } = request.context;
  const context = { ...rest, resolver: new InstrumentResolver(regions.master, regions.priced) };
  const merge = { onConflict: pass.onConflict, key: spec.key };
  for (const batch of readBatches(db, spec, pass, request.after, request.batchSize, context)) {
    let copy = batch.rows.length > 0 ? prepareCopy(spec.target, batch.rows, merge, zones) : undefined;
    if (zones.missing.size > 0) {
      const send: FromWorker = { type: "zones", missing: [...zones.missing] };
      port.postMessage(send);
      zones.missing.clear();
      const entries = await inbox.zones();
      if (entries === undefined) return false;
      for (const [key, offset] of entries) zones.known.set(key, offset);
      copy = prepareCopy(spec.target, batch.rows, merge, zones);
    }
    const instruments = spec.createsInstruments ? distinctInstruments(batch.rows as { ticker: string; region: string }[]) : undefined;
    const sent: WorkerBatch = { rejects: batch.rejects, read: batch.read, position: batch.position, notes: batch.notes, copy, instruments };
    if (!(await inbox.credit())) return false;
    const transfer = new Set(copy?.chunks.flatMap((c) => (typeof c === "string" ? [] : [c.buffer as ArrayBuffer])));
    port.postMessage({ type: "batch", batch: sent } satisfies FromWorker, [...transfer]);
  }
  return true;
}

let queue = Promise.resolve();
parentPort!.on("message", (request: PassRequest) => {
  queue = queue.then(async () => {
    const { port } = request;
    const inbox = new Inbox(port);
    try {
      if (await readPass(request, port, inbox)) port.postMessage({ type: "end" } satisfies FromWorker);
    } catch (err) {
      port.postMessage({ type: "failure", failure: threadFailure(err) } satisfies FromWorker);
    } finally {
      port.close();
    }
  });
});
