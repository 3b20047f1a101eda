/**
 * `runIngest()`: one checkpointed run of any loader, from opening the target to closing the run record.
 *
 * Order of work: the loader has already checked its source whole (so bad input writes nothing); the
 * target is opened (migrating a missing schema), a `migration_runs` row started — or, with `resume`,
 * the source's interrupted run reopened, refused when that run completed or the source changed since
 * — and the units loaded in order (load-unit.ts), each from its checkpoint. The accounting must then
 * balance for every unit (accounting.ts); `afterLoad` runs (e.g. refreshing aggregates) and the run
 * is marked completed. A failure marks it failed with the message, an abort of `signal` marks it
 * interrupted (interrupted.ts); what committed stays, and a resume continues from there.
 *
 * Dry run: everything happens inside one transaction that is rolled back, so the report is exactly
 * what a real run would say and nothing stays. A target without the schema is dry-run against an
 * empty in-memory database instead (creating the schema would be a write).
 */
import { existsSync } from "node:fs";
import { MIGRATIONS_FOLDER, openDatabase, type Database, type Queryable } from "../../db/index.ts";
import { schemaIsCurrent } from "../../db/schema-state.ts";
import { InputError } from "../../errors.ts";
import { ingestRunsRepository, type RunState } from "../../repositories/ingest-runs.ts";
import { assertBalanced } from "./accounting.ts";
import type { SourceUnit } from "./batch.ts";
import { InferredInstruments } from "./instruments.ts";
import { IngestInterrupted } from "./interrupted.ts";
import { loadUnits, type UnitRunner } from "./load-unit.ts";
import { silentProgress, type Progress } from "./progress.ts";

export interface IngestSource<O> {
  /** Absolute path: `migration_runs.source_path`, how a resume finds the run. */
  path: string;
  /** `migration_runs.source_layout`, and `data_source` of the instruments the run creates. */
  layout: string;
  /** A new run's options and its source rows per unit (read in the run's session). */
  plan(session: Queryable): Promise<{ options: O; sourceCounts: Record<string, number> }>;
  /** For a resume: whether the source differs from what the run recorded in its options. */
  changedSince(options: O): boolean;
  /** The run's units in load order, and the instruments the target holds when the loader knows them. */
  units(session: Queryable, state: RunState<O>): Promise<{ units: SourceUnit[]; instruments?: InferredInstruments }>;
  /** After a real run has loaded every unit, before it is marked completed. */
  afterLoad?(database: Database, state: RunState<O>): Promise<void>;
}

export interface IngestOptions {
  /** Read, check and load inside a transaction that is rolled back: the report, nothing written. */
  dryRun?: boolean;
  /** Continue the source's interrupted run from its checkpoint, with the options it recorded. */
  resume?: boolean;
  /** An open database to load into (left open); else `target` is opened for the run and closed after. */
  database?: Database;
  /** Default: DATABASE_URL, else the embedded database (PGLITE_DIR or ./data/pglite). */
  target?: { url?: string; dir?: string };
  progress?: Progress;
  /** Aborting it stops the load after the batches being written (IngestInterrupted, interrupted.ts). */
  signal?: AbortSignal;
}

export interface IngestOutcome<O> {
  state: RunState<O>;
  /** Where the run wrote (or, dry, would have written), without secrets. */
  target: string;
}

async function openTarget(options: IngestOptions): Promise<{ database: Database; description: string }> {
  const standIn = async (why: string) => ({ database: await openDatabase({ dir: "memory://" }), description: `memory:// (dry run: ${why})` });
  if (!options.dryRun) {
    // A resume continues a run in an existing database: a mistyped PGLITE_DIR must not start an empty one.
    const database = await openDatabase({ ...options.target, mustExist: options.resume });
    return { database, description: database.target };
  }
  const url = options.target?.url ?? process.env.DATABASE_URL;
  const dir = options.target?.dir ?? process.env.PGLITE_DIR ?? "./data/pglite";
  if (!url && !dir.includes("://") && !existsSync(dir)) return standIn("the target has no schema yet");
  // A dry run writes nothing, migrations included: against a schema that is behind (no tables for
  // this source yet), it loads into a migrated stand-in instead.
  const database = await openDatabase({ url, dir, migrate: false });
  const current = await schemaIsCurrent(database, MIGRATIONS_FOLDER).catch(async (err: unknown) => {
    await database.close();
    throw err;
  });
  if (current) return { database, description: database.target };
  await database.close();
  return standIn(`the schema of ${database.target} is not current; the import would migrate it first`);
}

/** The interrupted run of the source, reopened, or an InputError saying why there is none to resume. */
async function resumableRun<O>(session: Queryable, source: IngestSource<O>): Promise<RunState<O>> {
  const records = ingestRunsRepository(session);
  const latest = await records.latest<O>(source.path);
  if (!latest) throw new InputError(`no earlier run of ${source.path} to resume; run without --resume`);
  const { status, state } = latest;
  if (status === "completed") throw new InputError(`the last run of ${source.path} (run ${state.id}) completed; nothing to resume`);
  if (source.changedSince(state.options)) throw new InputError(`${source.path} changed since run ${state.id} started; start a new run without --resume`);
  await records.reopen(state.id);
  return state;
}

/** Start (or reopen) the run and load its units; `commit` makes each batch one committed unit. */
async function loadAll<O>(session: Queryable, commit: UnitRunner, source: IngestSource<O>, options: IngestOptions, onStarted: (id: number) => void): Promise<RunState<O>> {
  let state: RunState<O>;
  if (options.resume) {
    state = await resumableRun(session, source);
  } else {
    const planned = await source.plan(session);
    state = await ingestRunsRepository(session).start({ sourcePath: source.path, layout: source.layout, ...planned });
  }
  onStarted(state.id);
  const { units, instruments = new InferredInstruments() } = await source.units(session, state);
  const run = { state };
  const progress = options.progress ?? silentProgress;
  const extent = (unit: SourceUnit) => {
    const a = run.state.tables[unit.name];
    return { total: a.source, done: a.loaded + a.merged + a.rejected };
  };
  progress.plan(units.map(extent));
  await loadUnits(
    units,
    { run, commit, instruments, dataSource: source.layout },
    (unit) => {
      const { total, done } = extent(unit);
      return progress.table(unit.name, total, done);
    },
    options.signal,
  );
  assertBalanced(run.state);
  return run.state;
}

class DryRunRollback extends Error {}

async function dryRun<O>(database: Database, source: IngestSource<O>, options: IngestOptions): Promise<RunState<O>> {
  let state: RunState<O> | undefined;
  try {
    await database.transaction(async (tx) => {
      // One transaction, one connection: units run one after another.
      let queue: Promise<unknown> = Promise.resolve();
      const serial: UnitRunner = (fn) => {
        const step = queue.then(() => fn(tx));
        queue = step.catch(() => undefined);
        return step;
      };
      // The loader's own statements (a reader resolving time zones while a batch is written) take
      // their turn too: a statement sent on the connection while a COPY streams on it breaks the protocol.
      const session: Queryable = {
        query: (text, params) => serial((t) => t.query(text, params)),
        copyFrom: (table, columns, data, format) => serial((t) => t.copyFrom(table, columns, data, format)),
        copyTo: (select, params, settings) => serial((t) => t.copyTo(select, params, settings)),
        copyToChunks: (select, params, settings, onChunk) => serial((t) => t.copyToChunks(select, params, settings, onChunk)),
      };
      state = await loadAll(session, serial, source, options, () => undefined);
      throw new DryRunRollback();
    });
  } catch (err) {
    if (err instanceof IngestInterrupted) throw new IngestInterrupted(undefined); // rolled back: nothing written
    if (!(err instanceof DryRunRollback)) throw err;
  }
  return state!;
}

async function realRun<O>(database: Database, source: IngestSource<O>, options: IngestOptions): Promise<RunState<O>> {
  const records = ingestRunsRepository(database);
  let runId: number | undefined;
  try {
    const state = await loadAll(database, (fn) => database.transaction(fn), source, options, (id) => (runId = id));
    await source.afterLoad?.(database, state);
    await records.finish(state.id);
    return state;
  } catch (err) {
    if (runId !== undefined) {
      const closing = err instanceof IngestInterrupted ? records.interrupt(runId) : records.finish(runId, (err as Error).message);
      await closing.catch(() => undefined);
    }
    throw err;
  }
}

export async function runIngest<O>(source: IngestSource<O>, options: IngestOptions): Promise<IngestOutcome<O>> {
  if (options.database) {
    const state = await (options.dryRun ? dryRun : realRun)(options.database, source, options);
    return { state, target: options.database.target };
  }
  const { database, description } = await openTarget(options);
  try {
    const state = await (options.dryRun ? dryRun : realRun)(database, source, options);
    return { state, target: description };
  } finally {
    await database.close();
  }
}
