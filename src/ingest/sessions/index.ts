/**
 * `migrateCsvSessions()`: FX_code_AI's session folders into `tick_sessions`, `tick_prices`,
 * `tick_orderbook` and `indicator_values`, as a user of the ingest core (src/ingest/core:
 * checkpointed batches, the run record in `migration_runs` with layout `fx-sessions`, rejects in
 * `migration_rejects`, exact accounting, dry run, resume).
 *
 * Order of work: the data folder is read and checked (discover.ts: sessions, symbols, files, headers),
 * so bad input writes nothing; the target is opened; a new run plans its files (plan.ts: unchanged
 * files are skipped, the others scanned and cleared of what an earlier import stored) and loads each
 * as one unit (file-unit.ts; per file `source = loaded + merged + rejected`, `source` = its data rows),
 * then records the files and the sessions (session-records.ts) and refreshes the 1-minute candles
 * over the ticks it touched. Row rules: prices.ts, orderbook.ts, indicators.ts, timestamps.ts.
 *
 * Idempotent: a second run of the same folder skips every file and writes nothing but its run record.
 * Resume: a run stopped at any point (Ctrl-C, kill -9) continues with `resume` from its last committed
 * batch, with the sessions and batch size it recorded; its files must be unchanged. It ends with the
 * same rows, records and accounting as a clean run.
 */
import { join } from "node:path";
import { statSync } from "node:fs";
import { InputError } from "../../errors.ts";
import type { TickFileKind, TickSessionStatus } from "../../schema/index.ts";
import { refreshTickCandles } from "../../repositories/tick-candles.ts";
import { runIngest, type IngestOptions, type IngestSource } from "../core/run-ingest.ts";
import { discoverSessions, type SessionsInput } from "./discover.ts";
import { fileUnit } from "./file-unit.ts";
import { planRun, type SessionsRunOptions } from "./plan.ts";
import { recordSessions } from "./session-records.ts";

export const DEFAULT_BATCH_SIZE = 50_000;
export const LAYOUT = "fx-sessions";

export interface MigrateSessionsOptions extends IngestOptions {
  /** The folder holding the `session_*` folders. */
  dataDir: string;
  /** Session ids (or folder names) to import; default: every session of the folder. */
  sessions?: readonly string[];
  /** Rows per batch and transaction (default 50,000). */
  batchSize?: number;
}

export interface SessionFileReport {
  /** Relative to the session folder. */
  path: string;
  kind: TickFileKind;
  source: number;
  loaded: number;
  merged: number;
  rejected: number;
}

export interface SessionReport {
  sessionId: string;
  symbols: string[];
  /** The files this run loaded (unchanged ones are skipped). */
  files: SessionFileReport[];
  status: TickSessionStatus;
}

export interface SessionsImportReport {
  runId: number;
  target: string;
  dryRun: boolean;
  resumed: boolean;
  sessions: SessionReport[];
  /** Files not loaded because they were imported unchanged before. */
  skipped: number;
  seconds: number;
}

function sessionsSource(input: SessionsInput, batchSize: number): IngestSource<SessionsRunOptions> {
  const absolute = (f: { folder: string; path: string }) => join(input.dir, f.folder, f.path);
  return {
    path: input.dir,
    layout: LAYOUT,
    plan: (session) => planRun(session, input, batchSize),
    changedSince: (recorded) =>
      recorded.files.some((f) => {
        const now = statSync(absolute(f), { throwIfNoEntry: false });
        return !now || now.size !== f.size || now.mtimeMs !== f.mtimeMs;
      }),
    async units(_session, { options }) {
      return { units: options.files.map((f) => fileUnit(absolute(f), f, options.batchSize)) };
    },
    async afterLoad(database, state) {
      const { options } = state;
      const span = await database.transaction((tx) => recordSessions(tx, state.id, options.sessions, options.files, state.tables, options.touched));
      if (span.from !== null) await refreshTickCandles(database, { ...span, sessions: options.sessions.map((s) => s.sessionId) });
    },
  };
}

function checkedBatchSize(options: MigrateSessionsOptions): number {
  if (options.resume) {
    const own = [
      ...(options.sessions?.length ? ["--session"] : []),
      ...(options.batchSize !== undefined ? ["--batch-size"] : []),
      ...(options.dryRun ? ["--dry-run"] : []),
    ];
    if (own.length > 0) throw new InputError(`--resume continues the interrupted run with its own sessions and batch size; drop ${own.join(", ")}`);
  }
  const batchSize = options.batchSize ?? DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new InputError(`--batch-size must be a positive integer, got ${batchSize}`);
  return batchSize;
}

export async function migrateCsvSessions(options: MigrateSessionsOptions): Promise<SessionsImportReport> {
  const started = performance.now();
  try {
    const batchSize = checkedBatchSize(options);
    const input = discoverSessions(options.dataDir, options.sessions);
    const { state, target } = await runIngest(sessionsSource(input, batchSize), options);
    const { sessions, files, skipped } = state.options;
    return {
      runId: state.id,
      target,
      dryRun: options.dryRun ?? false,
      resumed: options.resume ?? false,
      sessions: sessions.map((s) => ({
        sessionId: s.sessionId,
        symbols: s.symbols,
        files: files.filter((f) => f.sessionId === s.sessionId).map((f) => ({ path: f.path, kind: f.kind, ...state.tables[f.unit] })),
        status: "completed",
      })),
      skipped,
      seconds: Math.round(performance.now() - started) / 1000,
    };
  } finally {
    options.progress?.stop();
  }
}
