/**
 * The SQLite loader's worker thread (src/ingest/sqlite/table-thread.ts) against reading the same pass
 * on this thread: the same batches (rows read, rejects, positions, notes), each prepared into the
 * same COPY bytes with the same instruments, zone offsets resolved through the database; a pass
 * abandoned part-way leaves the thread ready for the next one; a file the worker cannot open fails
 * the read with SQLite's own message.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Sqlite from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZoneOffsets, resolveZoneOffsets } from "../../../src/db/copy-binary.ts";
import { prepareCopy } from "../../../src/db/copy-rows.ts";
import { openDatabase, type Database } from "../../../src/db/index.ts";
import type { SourceBatch } from "../../../src/ingest/core/batch.ts";
import { distinctInstruments } from "../../../src/ingest/core/instruments.ts";
import { addRegion, InstrumentResolver, type RegionsByTicker } from "../../../src/ingest/sqlite/instruments.ts";
import { SPOCK } from "../../../src/ingest/sqlite/layouts/index.ts";
import { spockOhlcv } from "../../../src/ingest/sqlite/layouts/spock/prices.ts";
import { readBatches } from "../../../src/ingest/sqlite/read-batches.ts";
import { TableThread, type WorkerContext } from "../../../src/ingest/sqlite/table-thread.ts";
import { generateSpockSample } from "../../../src/synthetic/index.ts";

const BATCH = 256;
let dir: string;
let file: string;
let database: Database;
let context: WorkerContext;
let counts: { withRegion: number; withoutRegion: number };
/** Rowids of the rows with a region made negative: each must come back rejected. */
let negative: string[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "table-thread-"));
  file = join(dir, "spock_local.db");
  generateSpockSample(file, { instruments: 40, days: 30, seed: 7 });
  // Legacy rows without a region, and rows the transform rejects, so batches carry both.
  const source = new Sqlite(file);
  source.exec("UPDATE ohlcv_data SET region = NULL WHERE rowid % 17 = 0; UPDATE ohlcv_data SET close = -1 WHERE rowid % 29 = 0");
  const master: RegionsByTicker = new Map();
  for (const { ticker, region } of source.prepare("SELECT ticker, region FROM tickers").all() as { ticker: string; region: string }[]) addRegion(master, ticker, region);
  counts = source.prepare("SELECT count(*) FILTER (WHERE region IS NOT NULL) AS withRegion, count(*) FILTER (WHERE region IS NULL) AS withoutRegion FROM ohlcv_data").get() as typeof counts;
  negative = source.prepare("SELECT rowid FROM ohlcv_data WHERE region IS NOT NULL AND close = -1").pluck().all().map(String) as string[];
  source.close();
  context = { regions: { master, priced: new Map() }, instrumentTypes: new Map(), zones: SPOCK.zones, loadedAt: "2026-01-02 03:04:05+00" };
  database = await openDatabase({ dir: "memory://" });
});

afterAll(async () => {
  await database.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The pass read on this thread, prepared as the worker prepares it. */
async function inProcess(pass: number, after: number) {
  const db = new Sqlite(file, { readonly: true });
  const zones = new ZoneOffsets();
  const { regions, ...rest } = context;
  const resolver = new InstrumentResolver(regions.master, regions.priced);
  const merge = { onConflict: spockOhlcv.passes[pass].onConflict, key: spockOhlcv.key };
  const batches = [];
  for (const batch of readBatches(db, spockOhlcv, spockOhlcv.passes[pass], after, BATCH, { ...rest, resolver })) {
    let copy = prepareCopy(spockOhlcv.target, batch.rows, merge, zones);
    if (zones.missing.size > 0) {
      await resolveZoneOffsets(database, zones);
      copy = prepareCopy(spockOhlcv.target, batch.rows, merge, zones);
    }
    const instruments = distinctInstruments(batch.rows as { ticker: string; region: string }[]);
    batches.push({ ...comparable(batch), rows: copy.rows, repeats: copy.repeats, format: copy.format, bytes: Buffer.concat(copy.chunks as Uint8Array[]), instruments });
  }
  db.close();
  return batches;
}

function comparable(batch: SourceBatch) {
  return { read: batch.read, position: batch.position, notes: batch.notes, rejects: batch.rejects };
}

async function threaded(thread: TableThread, pass: number, after: number, take = Infinity) {
  const batches = [];
  for await (const batch of thread.unit(spockOhlcv, BATCH, context).passes[pass].read(after)) {
    const { copy, instruments } = batch.prepared!;
    expect(batch.rows).toEqual([]);
    batches.push({ ...comparable(batch), rows: copy.rows, repeats: copy.repeats, format: copy.format, bytes: Buffer.concat(copy.chunks as Uint8Array[]), instruments });
    if (batches.length === take) break;
  }
  return batches;
}

describe("TableThread", () => {
  it("reads and prepares each pass exactly as this thread would", async () => {
    const thread = new TableThread(file, "spock", database);
    try {
      for (const pass of [0, 1]) {
        const expected = await inProcess(pass, 0);
        const got = await threaded(thread, pass, 0);
        expect(got).toEqual(expected);
        const rows = pass === 0 ? counts.withRegion : counts.withoutRegion;
        expect(got.length).toBe(Math.ceil(rows / BATCH));
        expect(got.reduce((n, b) => n + b.read, 0)).toBe(rows);
        expect(got.every((b) => b.format === "binary")).toBe(true);
      }
      const rejects = new Map((await inProcess(0, 0)).flatMap((b) => b.rejects).map((r) => [r.sourceRowId, r.reason]));
      expect(negative.length).toBeGreaterThan(10);
      for (const rowid of negative) expect(rejects.get(rowid)).toBe("close: negative value -1");
    } finally {
      await thread.close();
    }
  });

  it("stops a pass left part-way and reads the next from its position", async () => {
    const thread = new TableThread(file, "spock", database);
    try {
      const full = await threaded(thread, 0, 0);
      const first = await threaded(thread, 0, 0, 2);
      expect(first).toEqual(full.slice(0, 2));
      expect(await threaded(thread, 0, first[1].position)).toEqual(full.slice(2));
    } finally {
      await thread.close();
    }
  });

  it("fails the read with SQLite's message when the worker cannot open the file", async () => {
    const thread = new TableThread(join(dir, "gone.db"), "spock", database);
    try {
      await expect(threaded(thread, 0, 0)).rejects.toThrow("unable to open database file");
    } finally {
      await thread.close();
    }
  });
});
