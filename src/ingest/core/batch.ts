/**
 * The batch-reading contract between a loader and the ingest core.
 *
 * A loader describes its source as units — one SQLite table, one CSV file — each with its own line in
 * the run's accounting (`migration_runs.tables`, keyed by the unit's name). A unit is read in one or
 * more passes; each pass yields `SourceBatch`es in source order from a position. The position is the
 * unit's own checkpoint: a rowid for SQLite, a line number for CSV; reading "after" it must yield
 * exactly the rows not yet committed, so a resumed run ends where a clean one does.
 */
import type { PgTable } from "drizzle-orm/pg-core";
import type { PreparedCopy } from "../../db/copy-rows.ts";

/** A source row that could not be loaded: kept whole, with why (into `migration_rejects`). */
export interface Reject {
  /** The row's identity in its unit: a rowid, a line number. */
  sourceRowId: string;
  reason: string;
  row: Record<string, unknown>;
}

/**
 * Rows for another table that belong with a batch (a dividend or split stated on a CSV bar row):
 * written in the batch's transaction, merged on the table's primary key with the later row winning,
 * and counted per table in the unit's checkpoint.
 */
export interface RelatedRows {
  table: PgTable;
  rows: Record<string, unknown>[];
}

export interface SourceBatch {
  /** Target rows, transformed (empty when they come `prepared`). */
  rows: Record<string, unknown>[];
  /**
   * The rows already deduplicated and encoded (by a loader that does so on a worker thread), with
   * the instruments price rows name.
   */
  prepared?: { copy: PreparedCopy; instruments?: { ticker: string; region: string }[] };
  rejects: Reject[];
  /** Source rows consumed (rows + rejects). */
  read: number;
  /** The checkpoint once this batch commits: where the next batch starts after. */
  position: number;
  /** Conditions counted by the transforms that did not stop a row (e.g. closeOutsideLowHigh). */
  notes: Record<string, number>;
  related?: RelatedRows[];
}

/**
 * One pass over a unit. Rows whose key is already present are merged: `update` lets the later row
 * win, `ignore` keeps the earlier one.
 */
export interface SourcePass {
  onConflict: "update" | "ignore";
  /** The pass's batches after `position` (0: from the start), in source order. */
  read(position: number): AsyncIterable<SourceBatch>;
}

export interface SourceUnit {
  /** Its key in the run's accounting and checkpoint, and `migration_rejects.source_table`. */
  name: string;
  target: PgTable;
  /** Conflict key (target properties); default: the target's primary key. */
  key?: readonly string[];
  passes: readonly SourcePass[];
  /** Price rows: instruments they name that the target lacks are created (core/instruments.ts). */
  createsInstruments: boolean;
  /** No key repeats within a batch (copy-rows.ts `distinctKeys`): the client-side check is skipped. */
  distinctKeys?: boolean;
}
