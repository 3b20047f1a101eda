/**
 * Loading one source table: its passes in order, from the checkpoint, as a pipeline — the next batch
 * is read and transformed while the previous one is written.
 *
 * Each batch is one transaction: its rows (COPY, merged on conflict), the instruments its price rows
 * name that the target lacks (created `is_inferred`, counted), its rejects (whole rows with reasons,
 * into `migration_rejects`), and the run's accounting and checkpoint. So a batch is in the target
 * with its record or not at all, and `source = loaded + merged + rejected` holds after every commit.
 * Batches commit in source order; the next one's COPY may overlap the previous one's commit.
 */
import type Sqlite from "better-sqlite3";
import { copyBatch, type CopyResult, type Transaction } from "../../db/index.ts";
import { migrationRejects, tickers } from "../../schema/index.ts";
import { REGION_CURRENCY, type InferredInstruments } from "../sqlite/instruments.ts";
import type { TableProgress } from "./progress.ts";
import { readBatches, type SourceBatch } from "../sqlite/read-batches.ts";
import { saveProgress, type RunState } from "./run-record.ts";
import type { TableSpec, TransformContext } from "../sqlite/table-spec.ts";

/**
 * Runs `fn` as one committed unit: a transaction, or (dry run) a step of the one rolled-back
 * transaction, in which units must run one after another.
 */
export type UnitRunner = <T>(fn: (tx: Transaction) => Promise<T>) => Promise<T>;

export interface TableLoad {
  source: Sqlite.Database;
  spec: TableSpec;
  /** Replaced (never mutated) after each commit, in commit order. */
  run: { state: RunState };
  unit: UnitRunner;
  instruments: InferredInstruments;
  context: Omit<TransformContext, "note">;
  batchSize: number;
  /** `data_source` of inferred instruments: the layout name. */
  dataSource: string;
  progress: TableProgress;
}

function advance(state: RunState, table: string, pass: number, batch: SourceBatch, copied: CopyResult, inferred: number): RunState {
  const before = state.tables[table];
  const notes = { ...(state.checkpoint[table]?.notes ?? {}) };
  for (const [k, n] of Object.entries(batch.notes)) notes[k] = (notes[k] ?? 0) + n;
  return {
    ...state,
    tables: {
      ...state.tables,
      [table]: {
        source: before.source,
        loaded: before.loaded + copied.loaded,
        merged: before.merged + copied.merged,
        rejected: before.rejected + batch.rejects.length,
      },
    },
    checkpoint: { ...state.checkpoint, [table]: { pass, after: batch.lastRowid, notes } },
    inferredInstruments: state.inferredInstruments + inferred,
  };
}

/**
 * Write one batch in its own unit. `prior` is the previous batch's write: this batch's COPY may run
 * while that one is still committing (on the server they use two connections), but its record is
 * written only after the previous batch committed, so checkpoints commit in order and a failure
 * anywhere rolls back every later batch.
 */
async function writeBatch(load: TableLoad, pass: number, batch: SourceBatch, prior: Promise<void>): Promise<void> {
  const { spec, run } = load;
  const keys = spec.createsInstruments ? load.instruments.claimMissing(batch.rows as { ticker: string; region: string }[]) : [];
  run.state = await load.unit(async (tx) => {
    const copied = await copyBatch(tx, spec.target, batch.rows, { onConflict: spec.passes[pass].onConflict, key: spec.key });
    const created = await copyBatch(
      tx,
      tickers,
      keys.map((k) => ({ ...k, currency: REGION_CURRENCY[k.region] ?? null, isInferred: true, dataSource: load.dataSource, createdAt: load.context.loadedAt })),
      { onConflict: "ignore" },
    );
    await copyBatch(
      tx,
      migrationRejects,
      batch.rejects.map((r) => ({ runId: run.state.id, sourceTable: spec.source, ...r })),
      { onConflict: "ignore", key: ["runId", "sourceTable", "sourceRowId"] },
    );
    await prior;
    const state = advance(run.state, spec.source, pass, batch, copied, created.loaded);
    await saveProgress(tx, state);
    return state;
  });
  load.progress.advance(batch.read);
}

export async function loadTable(load: TableLoad): Promise<void> {
  const { spec } = load;
  const start = load.run.state.checkpoint[spec.source] ?? { pass: 0, after: 0, notes: {} };
  for (let pass = start.pass; pass < spec.passes.length; pass++) {
    const after = pass === start.pass ? start.after : 0;
    // Two writes in flight at most; the next batch is read meanwhile.
    let older: Promise<void> = Promise.resolve();
    let newer: Promise<void> = Promise.resolve();
    for await (const batch of readBatches(load.source, spec, spec.passes[pass], after, load.batchSize, load.context)) {
      await older;
      older = newer;
      newer = writeBatch(load, pass, batch, older);
      // Observed through the next batch's `prior` or the final await; this keeps a failure from
      // counting as unhandled in between.
      newer.catch(() => undefined);
    }
    await newer;
  }
}
