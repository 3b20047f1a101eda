/**
 * A source table as a unit of the ingest core (core/batch.ts): each pass read as transformed batches,
 * in rowid order from a resume point.
 *
 * A batch holds at most `batchSize` source rows: the rows that transformed, the rejects (reason and
 * the whole source row, identified by its rowid), and the rowid of its last source row as its
 * position — the checkpoint once it commits. Reading is synchronous (better-sqlite3), so it proceeds
 * in chunks and yields to the event loop between them: the previous batch's COPY keeps streaming
 * while the next batch is read.
 */
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import type Sqlite from "better-sqlite3";
import type { SourceBatch, SourceUnit } from "../core/batch.ts";
import { RowReject } from "../core/values.ts";
import { sourceView, type TablePass, type TableSpec, type TransformContext } from "./table-spec.ts";

const CHUNK_ROWS = 2_000;

/**
 * A source row as jsonb can hold it: non-finite numbers and 64-bit integers as text, blobs as base64,
 * NUL characters (which jsonb refuses) as U+FFFD.
 */
function jsonSafe(columns: readonly string[], values: readonly unknown[]): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  columns.forEach((name, i) => {
    const v = values[i];
    if (typeof v === "number" && !Number.isFinite(v)) row[name] = String(v);
    else if (typeof v === "string" && v.includes("\u0000")) row[name] = v.replaceAll("\u0000", "\ufffd");
    else if (typeof v === "bigint") row[name] = v.toString();
    else if (Buffer.isBuffer(v)) row[name] = { base64: v.toString("base64") };
    else row[name] = v;
  });
  return row;
}

export function passWhere(pass: TablePass): string {
  return pass.where ? ` AND (${pass.where})` : "";
}

export async function* readBatches(
  db: Sqlite.Database,
  spec: TableSpec,
  pass: TablePass,
  afterRowid: number,
  batchSize: number,
  context: Omit<TransformContext, "note">,
): AsyncGenerator<SourceBatch> {
  const statement = db
    .prepare(`SELECT rowid, * FROM "${spec.source}" WHERE rowid > ?${passWhere(pass)} ORDER BY rowid LIMIT ?`)
    .raw(true);
  const columns = statement.columns().map((c) => c.name);
  const sourceColumns = columns.slice(1);
  const { view, at } = sourceView(spec, columns);
  let notes: Record<string, number> = {};
  const transformContext: TransformContext = { ...context, note: (condition) => void (notes[condition] = (notes[condition] ?? 0) + 1) };

  let last = afterRowid;
  for (;;) {
    notes = {};
    const batch: SourceBatch = { rows: [], rejects: [], read: 0, position: last, notes };
    while (batch.read < batchSize) {
      const chunk = statement.all(last, Math.min(CHUNK_ROWS, batchSize - batch.read)) as unknown[][];
      if (chunk.length === 0) break;
      for (const values of chunk) {
        at(values);
        try {
          batch.rows.push(spec.transform(view, transformContext));
        } catch (err) {
          if (!(err instanceof RowReject)) throw err;
          batch.rejects.push({ sourceRowId: String(values[0]), reason: err.message, row: jsonSafe(sourceColumns, values.slice(1)) });
        }
      }
      batch.read += chunk.length;
      last = chunk[chunk.length - 1][0] as number;
      await yieldToEventLoop();
    }
    if (batch.read === 0) return;
    batch.position = last;
    yield batch;
    if (batch.read < batchSize) return;
  }
}

/** The table as the core loads it: its passes, each read from a position in `batchSize` batches. */
export function tableUnit(db: Sqlite.Database, spec: TableSpec, batchSize: number, context: Omit<TransformContext, "note">): SourceUnit {
  return {
    name: spec.source,
    target: spec.target,
    key: spec.key,
    createsInstruments: spec.createsInstruments,
    passes: spec.passes.map((pass) => ({ onConflict: pass.onConflict, read: (after) => readBatches(db, spec, pass, after, batchSize, context) })),
  };
}
