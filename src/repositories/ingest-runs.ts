/**
 * Ingest runs repository: the bookkeeping of every checkpointed load (src/ingest/core), one
 * `migration_runs` row per run and its rejected rows in `migration_rejects`. The names date from the
 * SQLite loader, the first importer; every importer of the core writes them the same way.
 *
 * A run row holds `source_path` (absolute; how `--resume` finds the run), `source_layout` (spock,
 * stockula, csv), `status` (running | completed | failed | interrupted: stopped on request, resumable), the importer's own `options` (JSON),
 * `tables` (accounting per source unit `{ source, loaded, merged, rejected }`), `checkpoint` (per unit:
 * the pass in progress, the position after its last committed batch, the counts of noted conditions
 * and, when the unit writes rows for other tables, their `{ loaded, merged }` per table),
 * `inferred_instruments`, `error`, `started_at` and `finished_at`.
 *
 * Works on any Queryable: the database, or the transaction a batch commits in — `saveProgress` and
 * `addRejects` are written there, so a batch and its record commit together or not at all.
 */
import type { CopyResult, Queryable } from "../db/index.ts";
import type { TableAccounting } from "../schema/index.ts";

export interface UnitCheckpoint {
  pass: number;
  /** Position after the last committed batch of the pass (a rowid, a line number). */
  after: number;
  notes: Record<string, number>;
  /** Rows written to other tables with the unit's batches, by table name. */
  related?: Record<string, CopyResult>;
}

export interface RunState<O = Record<string, unknown>> {
  id: number;
  /** Timestamp text of the run's start. */
  startedAt: string;
  options: O;
  tables: Record<string, TableAccounting>;
  checkpoint: Record<string, UnitCheckpoint>;
  inferredInstruments: number;
}

export type RunStatus = "running" | "completed" | "failed" | "interrupted";

export interface RunStart<O> {
  sourcePath: string;
  layout: string;
  options: O;
  /** Source rows per unit; the accounting starts at zero loaded, merged and rejected. */
  sourceCounts: Record<string, number>;
}

export interface RejectRow {
  sourceRowId: string;
  reason: string;
  row: Record<string, unknown>;
}

interface RunRow {
  id: number;
  started_at: string;
  status: RunStatus;
  options: unknown;
  tables: unknown;
  checkpoint: unknown;
  inferred_instruments: number;
}

const json = (value: unknown) => (typeof value === "string" ? JSON.parse(value) : value);

function toState<O>(row: RunRow): RunState<O> {
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

export function ingestRunsRepository(session: Queryable) {
  return {
    async start<O>(run: RunStart<O>): Promise<RunState<O>> {
      const tables = Object.fromEntries(Object.entries(run.sourceCounts).map(([t, source]) => [t, { source, loaded: 0, merged: 0, rejected: 0 }]));
      const [row] = await session.query<RunRow>(
        `INSERT INTO migration_runs (source_path, source_layout, status, options, tables)
         VALUES ($1, $2, 'running', $3::jsonb, $4::jsonb) RETURNING ${RETURNING}`,
        [run.sourcePath, run.layout, JSON.stringify(run.options), JSON.stringify(tables)],
      );
      return toState(row);
    },

    /** The newest run of `sourcePath` with its status, or undefined when there is none. */
    async latest<O>(sourcePath: string): Promise<{ status: RunStatus; state: RunState<O> } | undefined> {
      const [row] = await session.query<RunRow>(`SELECT ${RETURNING} FROM migration_runs WHERE source_path = $1 ORDER BY id DESC LIMIT 1`, [sourcePath]);
      return row && { status: row.status, state: toState(row) };
    },

    /** Mark an interrupted or failed run running again (it resumes from its checkpoint). */
    async reopen(id: number): Promise<void> {
      await session.query("UPDATE migration_runs SET status = 'running', error = NULL WHERE id = $1", [id]);
    },

    async saveProgress(state: RunState<unknown>): Promise<void> {
      await session.query(
        "UPDATE migration_runs SET tables = $2::jsonb, checkpoint = $3::jsonb, inferred_instruments = $4 WHERE id = $1",
        [state.id, JSON.stringify(state.tables), JSON.stringify(state.checkpoint), state.inferredInstruments],
      );
    },

    /** Keep rejected rows whole with their reasons; a row already kept for this run is left as it is. */
    async addRejects(runId: number, sourceTable: string, rejects: readonly RejectRow[]): Promise<void> {
      if (rejects.length === 0) return;
      await session.query(
        `INSERT INTO migration_rejects (run_id, source_table, source_row_id, reason, row)
         SELECT $1, $2, r."sourceRowId", r.reason, r.row FROM jsonb_to_recordset($3::jsonb) AS r("sourceRowId" text, reason text, row jsonb)
         ON CONFLICT (run_id, source_table, source_row_id) DO NOTHING`,
        [runId, sourceTable, JSON.stringify(rejects)],
      );
    },

    /** Close a run stopped on request (Ctrl-C): it stays resumable. */
    async interrupt(id: number): Promise<void> {
      await session.query("UPDATE migration_runs SET status = 'interrupted', finished_at = now() WHERE id = $1", [id]);
    },

    /** Close a run: completed, or failed with `error`. */
    async finish(id: number, error?: string): Promise<void> {
      await session.query(
        "UPDATE migration_runs SET status = $2, error = $3, finished_at = now() WHERE id = $1",
        [id, error === undefined ? "completed" : "failed", error ?? null],
      );
    },
  };
}

export type IngestRunsRepository = ReturnType<typeof ingestRunsRepository>;
