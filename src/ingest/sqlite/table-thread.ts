/**
 * The source tables as units of the ingest core (core/batch.ts), read on a worker thread
 * (table-worker.ts): rows are read, transformed and encoded for COPY there, and arrive here as
 * prepared batches that only need writing. The worker reads ahead of the writes by at most CREDITS
 * batches; a pass abandoned early (an interrupted run) is stopped on the worker.
 *
 * Named time zones: the encoder needs the offset the database applies to each local hour it meets
 * (copy-binary.ts ZoneOffsets); the worker asks, and this thread resolves them on the run's session.
 */
import { MessageChannel, type MessagePort, type Worker } from "node:worker_threads";
import { resolveZoneOffsets, ZoneOffsets } from "../../db/copy-binary.ts";
import type { PreparedCopy } from "../../db/copy-rows.ts";
import type { Queryable } from "../../db/index.ts";
import { rebuildError, startWorker, type ThreadFailure } from "../../threads.ts";
import type { Reject, SourceBatch, SourceUnit } from "../core/batch.ts";
import type { LayoutName } from "./layouts/index.ts";
import type { RegionsByTicker } from "./instruments.ts";
import type { TableSpec, TransformContext } from "./table-spec.ts";

/** Batches the worker may have read and sent before the first is taken. */
const CREDITS = 2;

/** The transform context as it crosses to the worker: the resolver as its two indexes. */
export type WorkerContext = Omit<TransformContext, "note" | "resolver"> & { regions: { master: RegionsByTicker; priced: RegionsByTicker } };

export interface PassRequest {
  layout: LayoutName;
  table: string;
  pass: number;
  after: number;
  batchSize: number;
  context: WorkerContext;
  port: MessagePort;
}

export interface WorkerBatch {
  rejects: Reject[];
  read: number;
  position: number;
  notes: Record<string, number>;
  /** The rows, prepared; absent when every row was rejected. */
  copy: PreparedCopy | undefined;
  /** Price tables: the instruments the rows name. */
  instruments: { ticker: string; region: string }[] | undefined;
}

export type ToWorker = { type: "credit"; count: number } | { type: "zones"; entries: [string, number | null][] } | { type: "stop" };
export type FromWorker =
  | { type: "batch"; batch: WorkerBatch }
  | { type: "zones"; missing: string[] }
  | { type: "end" }
  | { type: "failure"; failure: ThreadFailure };

const WORKER = new URL("./table-worker.ts", import.meta.url);

export class TableThread {
  private readonly worker: Worker;
  private readonly zones = new ZoneOffsets();
  /** Set when the worker itself fails (it could not start, or crashed): every pass then fails with it. */
  private crash: Error | undefined;
  private onCrash: (() => void) | undefined;
  private closing = false;

  /** A worker reading the SQLite file at `path` (opened read-only there). */
  constructor(
    path: string,
    private readonly layout: LayoutName,
    /** Where the zone offsets the worker asks for are resolved: the run's session. */
    private readonly session: Queryable,
  ) {
    this.worker = startWorker(WORKER, { path });
    const crashed = (err: Error) => {
      this.crash ??= new Error(`the thread reading ${path} failed: ${err.message || err.name}`);
      this.onCrash?.();
    };
    this.worker.on("error", crashed);
    this.worker.on("exit", (code) => {
      if (!this.closing) crashed(new Error(`it exited (code ${code})`));
    });
  }

  /** The table as the core loads it: its passes, each read from a position in `batchSize` batches. */
  unit(spec: TableSpec, batchSize: number, context: WorkerContext): SourceUnit {
    return {
      name: spec.source,
      target: spec.target,
      key: spec.key,
      createsInstruments: spec.createsInstruments,
      passes: spec.passes.map((pass, index) => ({
        onConflict: pass.onConflict,
        read: (after) => this.read({ layout: this.layout, table: spec.source, pass: index, after, batchSize, context }),
      })),
    };
  }

  private async *read(request: Omit<PassRequest, "port">): AsyncGenerator<SourceBatch> {
    const { port1: port, port2 } = new MessageChannel();
    const inbox: FromWorker[] = [];
    let wake: (() => void) | undefined;
    const arrived = () => {
      wake?.();
      wake = undefined;
    };
    port.on("message", (message: FromWorker) => {
      inbox.push(message);
      arrived();
    });
    this.onCrash = arrived;
    const send = (message: ToWorker) => port.postMessage(message);
    this.worker.postMessage({ ...request, port: port2 } satisfies PassRequest, [port2]);
    send({ type: "credit", count: CREDITS });
    try {
      for (;;) {
        while (inbox.length === 0 && !this.crash) await new Promise<void>((resolve) => (wake = resolve));
        if (this.crash) throw this.crash;
        const message = inbox.shift()!;
        if (message.type === "end") return;
        if (message.type === "failure") throw rebuildError(message.failure);
        if (message.type === "zones") {
          for (const key of message.missing) this.zones.missing.add(key);
          send({ type: "zones", entries: await resolveZoneOffsets(this.session, this.zones) });
          continue;
        }
        send({ type: "credit", count: 1 });
        const { copy, instruments, ...rest } = message.batch;
        yield { ...rest, rows: [], ...(copy ? { prepared: { copy, instruments } } : {}) };
      }
    } finally {
      send({ type: "stop" });
      port.close();
      this.onCrash = undefined;
    }
  }

  async close(): Promise<void> {
    this.closing = true;
    await this.worker.terminate();
  }
}
