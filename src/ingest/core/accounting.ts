/**
 * Exact accounting of a run. Every source unit counts each source row once, as `loaded` (its key was
 * new), `merged` (its key was present: in the target, or earlier in the same load) or `rejected`, so
 * `source = loaded + merged + rejected` holds for the committed part of a run after every batch, and
 * for the whole unit once it is read to the end. Anything else is a bug and fails the run.
 */
import type { CopyResult } from "../../db/index.ts";
import type { RunState } from "../../repositories/ingest-runs.ts";
import type { SourceBatch } from "./batch.ts";

export interface BatchOutcome {
  unit: string;
  pass: number;
  batch: SourceBatch;
  copied: CopyResult;
  /** Instruments the batch created. */
  inferred: number;
  /** Rows the batch wrote to other tables, by table name. */
  related: Record<string, CopyResult>;
}

/** The run's state once a batch has committed (a new object; the old one is left as it was). */
export function advance<O>(state: RunState<O>, { unit, pass, batch, copied, inferred, related }: BatchOutcome): RunState<O> {
  const before = state.tables[unit];
  const previous = state.checkpoint[unit];
  const notes = { ...(previous?.notes ?? {}) };
  for (const [k, n] of Object.entries(batch.notes)) notes[k] = (notes[k] ?? 0) + n;
  const checkpoint = { pass, after: batch.position, notes, ...relatedTotals(previous?.related, related) };
  return {
    ...state,
    tables: {
      ...state.tables,
      [unit]: {
        source: before.source,
        loaded: before.loaded + copied.loaded,
        merged: before.merged + copied.merged,
        rejected: before.rejected + batch.rejects.length,
      },
    },
    checkpoint: { ...state.checkpoint, [unit]: checkpoint },
    inferredInstruments: state.inferredInstruments + inferred,
  };
}

/** `{ related }` with the batch's counts added, or nothing for a unit that writes no related rows. */
function relatedTotals(before: Record<string, CopyResult> | undefined, batch: Record<string, CopyResult>): { related?: Record<string, CopyResult> } {
  if (before === undefined && Object.keys(batch).length === 0) return {};
  const totals = { ...(before ?? {}) };
  for (const [table, c] of Object.entries(batch)) {
    const t = totals[table] ?? { loaded: 0, merged: 0 };
    totals[table] = { loaded: t.loaded + c.loaded, merged: t.merged + c.merged };
  }
  return { related: totals };
}

/** Throws unless every unit balances: `source = loaded + merged + rejected`. */
export function assertBalanced(state: RunState<unknown>): void {
  for (const [unit, a] of Object.entries(state.tables)) {
    if (a.loaded + a.merged + a.rejected !== a.source) {
      throw new Error(`accounting of ${unit} does not balance: source ${a.source} ≠ loaded ${a.loaded} + merged ${a.merged} + rejected ${a.rejected}`);
    }
  }
}
