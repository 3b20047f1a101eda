/**
 * What a new import run loads: every file of the chosen sessions except those recorded in
 * `tick_session_files` as imported unchanged. A file is unchanged when its size and modification time
 * are as recorded, or, when only the time moved, its SHA-256 is (a "touched" file: skipped, its new
 * time recorded after the load). Every other file is read here once for its SHA-256 and rows (the
 * accounting's `source`), and what an earlier import stored from it is deleted, with its record:
 * the file loads whole again, so a changed file leaves no stale rows and a file whose earlier load was
 * cut short is completed. (A run stopped half-way leaves its files unrecorded, so a new run reloads
 * them; `--resume` instead continues the stopped run from its checkpoints.)
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { Queryable } from "../../db/index.ts";
import type { SessionsInput, SessionFile } from "./discover.ts";
import type { PlannedFile } from "./file-unit.ts";
import { indicatorRecords } from "./indicators.ts";
import { scanLines, type FileScan } from "./lines.ts";
import type { PlannedSession, TouchedFile } from "./session-records.ts";

/** `migration_runs.options` of a sessions import. */
export interface SessionsRunOptions {
  sessions: PlannedSession[];
  files: PlannedFile[];
  touched: TouchedFile[];
  /** Files not loaded because they were imported unchanged. */
  skipped: number;
  batchSize: number;
}

async function scan(file: SessionFile): Promise<FileScan> {
  if (file.kind !== "indicator") return scanLines(file.absolute);
  const bytes = readFileSync(file.absolute);
  return { sha256: createHash("sha256").update(bytes).digest("hex"), rows: indicatorRecords(file.absolute, bytes.toString("utf8")).length };
}

/** Delete what earlier imports stored from `files`, and their records. */
async function clearFiles(session: Queryable, files: readonly PlannedFile[]): Promise<void> {
  const of = (kind: PlannedFile["kind"]) => files.filter((f) => f.kind === kind);
  const ticks = [["tick_prices", of("prices")], ["tick_orderbook", of("orderbook")]] as const;
  for (const [table, list] of ticks) {
    if (list.length === 0) continue;
    await session.query(`DELETE FROM ${table} t USING unnest($1::text[], $2::text[]) AS k(session_id, symbol) WHERE t.session_id = k.session_id AND t.symbol = k.symbol`, [
      list.map((f) => f.sessionId),
      list.map((f) => f.symbol),
    ]);
  }
  const indicators = of("indicator");
  if (indicators.length > 0) {
    await session.query(
      `DELETE FROM indicator_values t USING unnest($1::text[], $2::text[], $3::text[]) AS k(series, symbol, indicator_id)
       WHERE t.series = k.series AND t.symbol = k.symbol AND t.indicator_id = k.indicator_id`,
      [indicators.map((f) => f.sessionId), indicators.map((f) => f.symbol), indicators.map((f) => f.indicatorId)],
    );
  }
  if (files.length > 0) {
    await session.query("DELETE FROM tick_session_files t USING unnest($1::text[], $2::text[]) AS k(session_id, path) WHERE t.session_id = k.session_id AND t.path = k.path", [
      files.map((f) => f.sessionId),
      files.map((f) => f.path),
    ]);
  }
}

interface Recorded {
  session_id: string;
  path: string;
  size: number;
  mtime_ms: number;
  sha256: string;
}

export async function planRun(session: Queryable, input: SessionsInput, batchSize: number): Promise<{ options: SessionsRunOptions; sourceCounts: Record<string, number> }> {
  const recorded = new Map(
    (
      await session.query<Recorded>("SELECT session_id, path, size, mtime_ms, sha256 FROM tick_session_files WHERE session_id = ANY($1::text[])", [
        input.sessions.map((s) => s.sessionId),
      ])
    ).map((r) => [`${r.session_id}/${r.path}`, r]),
  );
  const files: PlannedFile[] = [];
  const touched: TouchedFile[] = [];
  const sourceCounts: Record<string, number> = {};
  let skipped = 0;
  for (const s of input.sessions) {
    for (const f of s.files) {
      const unit = `${s.sessionId}/${f.path}`;
      const before = recorded.get(unit);
      if (before && before.size === f.size && before.mtime_ms === f.mtimeMs) {
        skipped++;
        continue;
      }
      const { sha256, rows } = await scan(f);
      if (before && before.size === f.size && before.sha256 === sha256) {
        skipped++;
        touched.push({ sessionId: s.sessionId, path: f.path, mtimeMs: f.mtimeMs });
        continue;
      }
      const folder = s.folder.slice(input.dir.length + 1);
      files.push({ unit, sessionId: s.sessionId, folder, path: f.path, symbol: f.symbol, kind: f.kind, indicatorId: f.indicatorId, header: f.header, size: f.size, mtimeMs: f.mtimeMs, sha256 });
      sourceCounts[unit] = rows;
    }
  }
  await clearFiles(session, files);
  const sessions = input.sessions.map(({ sessionId, folder, symbols, dataTypes, metadata }) => ({ sessionId, folder, symbols, dataTypes, metadata }));
  return { options: { sessions, files, touched, skipped, batchSize }, sourceCounts };
}
