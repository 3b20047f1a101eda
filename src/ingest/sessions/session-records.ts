/**
 * The records an import leaves besides the rows, written in one transaction once every file loaded:
 *
 * - `tick_session_files`: per session and file loaded, its identity (size, modification time,
 *   SHA-256), its accounting and the run; a file found unchanged but for its modification time gets
 *   the new time, so the next run skips it without reading it;
 * - `tick_sessions`: for each session with a file loaded, or without a row yet, the row as the
 *   original kept it: status `completed`, symbols and data types (the session's files), counts from
 *   the file records (`trades_count` = `prices_count`: a price row is a trade; `records_collected` =
 *   prices + order books), first and last tick over both from what is stored, start and end time
 *   from session_metadata.json where it states them (epoch seconds, or ISO 8601 with an offset),
 *   else the first and last tick; exchange (default `mexc`), notes and `errors_count` from the
 *   metadata; the rows rejected over the session's files; provenance (folder, metadata, run, time).
 *
 * Returns the span of ticks the import touched (stored now or before it), for the candles refresh.
 */
import type { Transaction } from "../../db/index.ts";
import type { TableAccounting, TickDataType } from "../../schema/index.ts";
import type { PlannedFile } from "./file-unit.ts";

/** A session as a run records it in its options. */
export interface PlannedSession {
  sessionId: string;
  /** The session folder (absolute). */
  folder: string;
  symbols: string[];
  dataTypes: TickDataType[];
  metadata: Record<string, unknown> | null;
}

/** A file whose content was unchanged although its modification time moved. */
export interface TouchedFile {
  sessionId: string;
  path: string;
  mtimeMs: number;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}(:?\d{2})?)$/;

/** An instant the metadata states unambiguously, as text PostgreSQL reads, else null (a local time without an offset is not one). */
function statedInstant(value: unknown): string | null {
  if (typeof value === "number" && Number.isFinite(value) && value > 0) return new Date(value * 1000).toISOString();
  if (typeof value === "string" && ISO_INSTANT.test(value)) return value;
  return null;
}

const text = (value: unknown) => (typeof value === "string" && value.trim() !== "" ? value : null);

// The session's own facts; its figures are set from the file records and the ticks (SET_FIGURES).
const UPSERT_SESSION = `
INSERT INTO tick_sessions (session_id, status, symbols, data_types, records_collected, prices_count, orderbook_count, trades_count,
  errors_count, exchange, notes, source_dir, source_metadata, import_run_id, imported_at, rejected_rows, updated_at)
VALUES ($1, 'completed', $2::text[], $3::text[], 0, 0, 0, 0, $4, $5, $6, $7, $8::jsonb, $9, now(), 0, now())
ON CONFLICT (session_id) DO UPDATE SET status = EXCLUDED.status, symbols = EXCLUDED.symbols, data_types = EXCLUDED.data_types,
  errors_count = EXCLUDED.errors_count, exchange = EXCLUDED.exchange, notes = EXCLUDED.notes, source_dir = EXCLUDED.source_dir,
  source_metadata = EXCLUDED.source_metadata, import_run_id = EXCLUDED.import_run_id, imported_at = EXCLUDED.imported_at,
  updated_at = EXCLUDED.updated_at`;

// Counts from the file records: a file's stored rows are exactly what its last load loaded (plan.ts
// clears them before a load; ticks and snapshots never merge, their keys hold the line number).
// First and last tick per symbol from the key index (a min/max each, not a scan).
const SET_FIGURES = `
WITH f AS (
  SELECT coalesce(sum(loaded) FILTER (WHERE kind = 'prices'), 0) AS prices, coalesce(sum(loaded) FILTER (WHERE kind = 'orderbook'), 0) AS orderbooks,
         coalesce(sum(rejected), 0) AS rejected
  FROM tick_session_files WHERE session_id = $1
), t AS (
  SELECT min(m.first) AS first, max(m.last) AS last
  FROM (SELECT DISTINCT symbol FROM tick_session_files WHERE session_id = $1 AND kind <> 'indicator') s,
  LATERAL (SELECT min(ts) AS first, max(ts) AS last FROM tick_prices p WHERE p.session_id = $1 AND p.symbol = s.symbol
           UNION ALL SELECT min(ts), max(ts) FROM tick_orderbook o WHERE o.session_id = $1 AND o.symbol = s.symbol) m
), span AS (
  SELECT t.first, t.last, coalesce($2::timestamptz, t.first) AS start_time, coalesce($3::timestamptz, t.last) AS end_time FROM t
)
UPDATE tick_sessions SET prices_count = f.prices, orderbook_count = f.orderbooks, trades_count = f.prices, records_collected = f.prices + f.orderbooks,
  rejected_rows = f.rejected, first_tick_at = span.first, last_tick_at = span.last, start_time = span.start_time, end_time = span.end_time,
  duration_seconds = extract(epoch FROM span.end_time - span.start_time)::float8
FROM f, span WHERE session_id = $1`;

async function upsertSession(tx: Transaction, runId: number, s: PlannedSession): Promise<void> {
  const m = s.metadata ?? {};
  const errors = typeof m.errors_count === "number" && Number.isInteger(m.errors_count) ? m.errors_count : 0;
  await tx.query(UPSERT_SESSION, [
    s.sessionId, s.symbols, s.dataTypes, errors, text(m.exchange) ?? "mexc", text(m.notes), s.folder,
    s.metadata === null ? null : JSON.stringify(s.metadata), runId,
  ]);
}

async function setFigures(tx: Transaction, s: PlannedSession): Promise<void> {
  const m = s.metadata ?? {};
  await tx.query(SET_FIGURES, [s.sessionId, statedInstant(m.start_time), statedInstant(m.end_time)]);
}

const UPSERT_FILES = `
INSERT INTO tick_session_files (session_id, path, symbol, kind, indicator_id, size, mtime_ms, sha256, source, loaded, merged, rejected, run_id, imported_at)
SELECT f."sessionId", f.path, f.symbol, f.kind, f."indicatorId", f.size, f."mtimeMs", f.sha256, f.source, f.loaded, f.merged, f.rejected, $2, now()
FROM jsonb_to_recordset($1::jsonb) AS f("sessionId" text, path text, symbol text, kind text, "indicatorId" text, size bigint, "mtimeMs" float8,
  sha256 text, source bigint, loaded bigint, merged bigint, rejected bigint)
ON CONFLICT (session_id, path) DO UPDATE SET symbol = EXCLUDED.symbol, kind = EXCLUDED.kind, indicator_id = EXCLUDED.indicator_id,
  size = EXCLUDED.size, mtime_ms = EXCLUDED.mtime_ms, sha256 = EXCLUDED.sha256, source = EXCLUDED.source, loaded = EXCLUDED.loaded,
  merged = EXCLUDED.merged, rejected = EXCLUDED.rejected, run_id = EXCLUDED.run_id, imported_at = EXCLUDED.imported_at`;

interface Span {
  from: number | null;
  to: number | null;
}

/** First and last tick (epoch ms) over the rows of `sessionIds`. */
async function spanOf(tx: Transaction, sessionIds: readonly string[]): Promise<Span> {
  const [span] = await tx.query<Span>(
    `SELECT (extract(epoch FROM min(first_tick_at)) * 1000)::float8 AS "from", (extract(epoch FROM max(last_tick_at)) * 1000)::float8 AS "to"
     FROM tick_sessions WHERE session_id = ANY($1::text[])`,
    [sessionIds],
  );
  return span;
}

/** Write the file and session records of a finished load (see the header); the span of ticks touched. */
export async function recordSessions(
  tx: Transaction,
  runId: number,
  sessions: readonly PlannedSession[],
  files: readonly PlannedFile[],
  tables: Readonly<Record<string, TableAccounting>>,
  touched: readonly TouchedFile[],
): Promise<{ from: Date | null; to: Date | null }> {
  const loaded = new Set(files.map((f) => f.sessionId));
  const present = new Set(
    (await tx.query<{ session_id: string }>("SELECT session_id FROM tick_sessions WHERE session_id = ANY($1::text[])", [sessions.map((s) => s.sessionId)])).map((r) => r.session_id),
  );
  const updated = sessions.filter((s) => loaded.has(s.sessionId) || !present.has(s.sessionId));
  const ids = updated.map((s) => s.sessionId);
  const before = await spanOf(tx, ids);
  // Sessions first (the file records reference them), then files, then the figures from both.
  for (const s of updated) await upsertSession(tx, runId, s);
  const records = files.map((f) => ({ ...f, ...tables[f.unit] }));
  if (records.length > 0) await tx.query(UPSERT_FILES, [JSON.stringify(records), runId]);
  for (const s of updated) await setFigures(tx, s);
  for (const t of touched) {
    await tx.query("UPDATE tick_session_files SET mtime_ms = $3 WHERE session_id = $1 AND path = $2", [t.sessionId, t.path, t.mtimeMs]);
  }
  const after = await spanOf(tx, ids);
  const ends = (pick: (a: number, b: number) => number, a: number | null, b: number | null) => (a === null ? b : b === null ? a : pick(a, b));
  const from = ends(Math.min, before.from, after.from);
  const to = ends(Math.max, before.to, after.to);
  return { from: from === null ? null : new Date(from), to: to === null ? null : new Date(to) };
}
