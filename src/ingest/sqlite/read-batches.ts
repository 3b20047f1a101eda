/**
 * A source table's pass read as transformed batches, in rowid order from a resume point (on the
 * loader's worker thread: table-thread.ts).
 *
 * A batch holds at most `batchSize` source rows: the rows that transformed, the rejects (reason and
 * the whole source row, identified by its rowid), and the rowid of its last source row as its
 * position — the checkpoint once it commits.
 */
import type Sqlite from "better-sqlite3";
import type { SourceBatch } from "../core/batch.ts";
import { RowReject } from "../core/values.ts";
import { sourceView, type TablePass, type TableSpec, type TransformContext } from "./table-spec.ts";

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

function passWhere(pass: TablePass): string {
  return pass.where ? ` AND (${pass.where})` : "";
}

/** Rows per statement call: better-sqlite3's `all()` in chunks is faster than its row iterator. */
const CHUNK_ROWS = 2_000;

/** The pass's batches, in source order. */
export function* readBatches(
  db: Sqlite.Database,
  spec: TableSpec,
  pass: TablePass,
  afterRowid: number,
  batchSize: number,
  context: Omit<TransformContext, "note">,
): Generator<SourceBatch> {
  const statement = db.prepare(`SELECT rowid, * FROM "${spec.source}" WHERE rowid > ?${passWhere(pass)} ORDER BY rowid LIMIT ?`).raw(true);
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
    }
    if (batch.read === 0) return;
    batch.position = last;
    yield batch;
    if (batch.read < batchSize) return;
  }
}
