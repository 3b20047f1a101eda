/**
 * Loading source units (SQLite tables, CSV files): each unit's passes in order, from its checkpoint,
 * as one pipeline — the next batch is read and transformed while the previous one is written.
 *
 * Each batch is one transaction: its rows (COPY, merged on conflict), the instruments its price rows
 * name that the target lacks (created `is_inferred`, counted), its related rows for other tables, its
 * rejects (whole rows with reasons, into `migration_rejects`), and the run's accounting and
 * checkpoint. So a batch is in the target with its record or not at all, and the accounting balances
 * after every commit. Batches commit in source order; the next one's COPY may overlap the previous
 * one's rejects, record and commit, never its table rows (see writeBatch).
 */
import { getTableName } from "drizzle-orm";
import { copyBatch, copyPrepared, type CopyResult, type Transaction } from "../../db/index.ts";
import { ingestRunsRepository, type RunState } from "../../repositories/ingest-runs.ts";
import { tickers } from "../../schema/index.ts";
import { advance } from "./accounting.ts";
import type { SourceBatch, SourceUnit } from "./batch.ts";
import { REGION_CURRENCY, type InferredInstruments } from "./instruments.ts";
import { IngestInterrupted } from "./interrupted.ts";
import type { TableProgress } from "./progress.ts";

/**
 * Runs `fn` as one committed unit: a transaction, or (dry run) a step of the one rolled-back
 * transaction, in which units must run one after another.
 */
export type UnitRunner = <T>(fn: (tx: Transaction) => Promise<T>) => Promise<T>;

export interface UnitLoad<O> {
  unit: SourceUnit;
  /** Replaced (never mutated) after each commit, in commit order. */
  run: { state: RunState<O> };
  commit: UnitRunner;
  instruments: InferredInstruments;
  /** `data_source` of inferred instruments: the loader's name. */
  dataSource: string;
  progress: TableProgress;
}

/** A batch's write as the next batch waits on it: its table rows written, and its commit. */
interface BatchWrite {
  /** Resolves (never rejects) once the batch's rows are in its tables, or its unit failed before that. */
  written: Promise<void>;
  committed: Promise<void>;
}

const DONE: BatchWrite = { written: Promise.resolve(), committed: Promise.resolve() };

/**
 * Write one batch in its own unit, after `prior`, the previous batch's write. On the server the two
 * run on two connections: this batch's rows are written once the previous batch's rows are (not yet
 * committed), and its record once the previous batch committed, so checkpoints commit in order and a
 * failure anywhere rolls back every later batch. Rows wait for rows because the two batches may share
 * a key (a source with duplicates): a later batch holding that key uncommitted while waiting for the
 * earlier one's commit would make the earlier one's write of the key wait for it, a deadlock no server
 * detects (one side waits in this process). The other way round, the later batch waits on the server
 * for the earlier one's commit, which waits on nothing of the later one.
 */
function writeBatch<O>(load: UnitLoad<O>, pass: number, batch: SourceBatch, prior: BatchWrite): BatchWrite {
  const { unit, run } = load;
  const named = batch.prepared ? (batch.prepared.instruments ?? []) : (batch.rows as { ticker: string; region: string }[]);
  const keys = unit.createsInstruments ? load.instruments.claimMissing(named) : [];
  const merge = { onConflict: unit.passes[pass].onConflict, key: unit.key };
  let markWritten!: () => void;
  const written = new Promise<void>((resolve) => (markWritten = resolve));
  const committed = (async () => {
    try {
      run.state = await load.commit(async (tx) => {
        await prior.written;
        const copied = batch.prepared
          ? await copyPrepared(tx, unit.target, batch.prepared.copy, merge)
          : await copyBatch(tx, unit.target, batch.rows, { ...merge, distinctKeys: unit.distinctKeys });
        const created = await copyBatch(
          tx,
          tickers,
          keys.map((k) => ({ ...k, currency: REGION_CURRENCY[k.region] ?? null, isInferred: true, dataSource: load.dataSource, createdAt: run.state.startedAt })),
          { onConflict: "ignore" },
        );
        const related: Record<string, CopyResult> = {};
        for (const { table, rows } of batch.related ?? []) related[getTableName(table)] = await copyBatch(tx, table, rows);
        markWritten();
        const records = ingestRunsRepository(tx);
        await records.addRejects(run.state.id, unit.name, batch.rejects);
        await prior.committed;
        const state = advance(run.state, { unit: unit.name, pass, batch, copied, inferred: created.loaded, related });
        await records.saveProgress(state);
        return state;
      });
    } finally {
      markWritten(); // also when the unit failed (rolled back) before its rows were written
    }
    load.progress.advance(batch.read);
  })();
  return { written, committed };
}

/** Progress of one unit: created when its first batch is read, finished after its last write. */
export type UnitProgress = (unit: SourceUnit) => TableProgress;

/**
 * Load the units in order as one pipeline: the next batch (of this unit or the next) is read and
 * transformed while the previous one is written, so a source of many small units (a folder of CSV
 * files) overlaps reading with writing as a source of one large unit does. Two writes are in flight
 * at most, and they commit in order. The passes of one unit stay sequential: a later pass starts
 * reading only once the earlier one committed (Spock's NULL-region pass must see the rows before it).
 * When `signal` is aborted, no further batch is written: the ones in flight commit, then
 * IngestInterrupted is thrown (interrupted.ts).
 */
export async function loadUnits<O>(
  units: readonly SourceUnit[],
  shared: Omit<UnitLoad<O>, "unit" | "progress">,
  progressOf: UnitProgress,
  signal?: AbortSignal,
): Promise<void> {
  let older = DONE;
  let newer = DONE;
  const stopIfAborted = async () => {
    if (!signal?.aborted) return;
    await newer.committed; // the batches being written commit, in order, with their records
    throw new IngestInterrupted(shared.run.state.id);
  };
  for (const unit of units) {
    await stopIfAborted();
    const load: UnitLoad<O> = { ...shared, unit, progress: progressOf(unit) };
    const start = load.run.state.checkpoint[unit.name] ?? { pass: 0, after: 0 };
    for (let pass = start.pass; pass < unit.passes.length; pass++) {
      if (pass > start.pass) await newer.committed;
      const after = pass === start.pass ? start.after : 0;
      for await (const batch of unit.passes[pass].read(after)) {
        await stopIfAborted();
        await older.committed;
        older = newer;
        newer = writeBatch(load, pass, batch, older);
        // Observed through the next batch's `prior` or the final await; this keeps a failure from
        // counting as unhandled in between.
        newer.committed.catch(() => undefined);
      }
    }
    const finished = newer.committed.then(() => load.progress.finish());
    finished.catch(() => undefined);
    newer = { written: newer.written, committed: finished };
  }
  await newer.committed;
}
