/**
 * The `migration_runs` row of a load: created when a run starts, updated in the same transaction as
 * every batch (accounting, checkpoint, inferred instruments), closed as completed or failed. Because
 * each batch and its record commit together, a run killed at any moment resumes from exactly what
 * is committed.
 *
 * Checkpoint per source table: the pass in progress, the rowid of the last committed source row of
 * that pass, and the running counts of noted conditions.
 */
import type { Queryable } from "../../db/index.ts";
import type { TableAccounting } from "../../schema/index.ts";
import { InputError } from "../../errors.ts";

export interface TableCheckpoint {
  pass: number;
  after: number;
  notes: Record<string, number>;
}

export interface RunOptions {
  tables: string[];
  batchSize: number;
  /** Identity of the source file when the run started; a resume refuses a changed file. */
  file: { size: number; mtimeMs: number };
  /** Rows in each target table the run writes, before it started (for validation's recount). */
  targetRowsBefore: Record<string, number>;
}

export interface RunState {
  id: number;
  /** Timestamp text of the run's start. */
  startedAt: string;
  options: RunOptions;
  tables: Record<string, TableAccounting>;
  checkpoint: Record<string, TableCheckpoint>;
  inferredInstruments: number;
}

interface RunRow {
  id: number;
  started_at: string;
  status: string;
  options: RunOptions;
  tables: Record<string, TableAccounting>;
  checkpoint: Record<string, TableCheckpoint>;
  inferred_instruments: number;
}

const json = (value: unknown) => (typeof value === "string" ? JSON.parse(value) : value);

function toState(row: RunRow): RunState {
  return {
    id: row.id,
    startedAt: row.started_at,
    options: json(row.options),
    tables: json(row.tables),
    checkpoint: json(row.checkpoint),
    inferredInstruments: row.inferred_instruments,
  };
}

const RETURNING = "id, started_at::text AS started_at, status, options, tables, checkpoint, inferred_instruments";

export async function startRun(
  session: Queryable,
  sourcePath: string,
  layout: string,
  options: RunOptions,
  sourceCounts: Record<string, number>,
): Promise<RunState> {
  const tables = Object.fromEntries(Object.entries(sourceCounts).map(([t, source]) => [t, { source, loaded: 0, merged: 0, rejected: 0 }]));
  const [row] = await session.query<RunRow>(
    `INSERT INTO migration_runs (source_path, source_layout, status, options, tables)
     VALUES ($1, $2, 'running', $3::jsonb, $4::jsonb) RETURNING ${RETURNING}`,
    [sourcePath, layout, JSON.stringify(options), JSON.stringify(tables)],
  );
  return toState(row);
}

/** The interrupted run of this file, or a InputError saying why there is none to resume. */
export async function resumableRun(session: Queryable, sourcePath: string, file: RunOptions["file"]): Promise<RunState> {
  const [row] = await session.query<RunRow>(
    `SELECT ${RETURNING} FROM migration_runs WHERE source_path = $1 ORDER BY id DESC LIMIT 1`,
    [sourcePath],
  );
  if (!row) throw new InputError(`no earlier run of ${sourcePath} to resume; run without --resume`);
  if (row.status === "completed") throw new InputError(`the last run of ${sourcePath} (run ${row.id}) completed; nothing to resume`);
  const state = toState(row);
  if (state.options.file.size !== file.size || state.options.file.mtimeMs !== file.mtimeMs) {
    throw new InputError(`${sourcePath} changed since run ${row.id} started; start a new run without --resume`);
  }
  await session.query("UPDATE migration_runs SET status = 'running', error = NULL WHERE id = $1", [state.id]);
  return state;
}

export async function saveProgress(tx: Queryable, state: RunState): Promise<void> {
  await tx.query(
    "UPDATE migration_runs SET tables = $2::jsonb, checkpoint = $3::jsonb, inferred_instruments = $4 WHERE id = $1",
    [state.id, JSON.stringify(state.tables), JSON.stringify(state.checkpoint), state.inferredInstruments],
  );
}

export async function finishRun(session: Queryable, id: number, error?: string): Promise<void> {
  await session.query(
    "UPDATE migration_runs SET status = $2, error = $3, finished_at = now() WHERE id = $1",
    [id, error === undefined ? "completed" : "failed", error ?? null],
  );
}
