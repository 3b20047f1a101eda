/**
 * `validatePhase1()`: the acceptance checks after a migration, in four groups (accounting, integrity,
 * TimescaleDB health, read performance). Accepted when no check FAILs; WARNs are reported only.
 * The target must already hold the platform schema: validation never creates or migrates anything.
 */
import { existsSync } from "node:fs";
import { openDatabase } from "../../../db/index.ts";
import { openSource, type SourceFile } from "../source.ts";
import { accountingChecks } from "./accounting.ts";
import type { Check, Status } from "./check.ts";
import { integrityChecks } from "./integrity.ts";
import { performanceChecks } from "./performance.ts";
import { timescaleHealthChecks } from "./timescale.ts";
import { unfinishedRunChecks } from "./unfinished-runs.ts";
import { InputError } from "../../../errors.ts";

export interface ValidateOptions {
  source?: string;
  /** Default: DATABASE_URL, else the embedded database (PGLITE_DIR or ./data/pglite). */
  target?: { url?: string; dir?: string };
  /** Timed repetitions per performance query. */
  runs?: number;
}

export interface ValidationReport {
  accepted: boolean;
  target: string;
  engine: string;
  timescaledb: string | null;
  source: string | null;
  counts: Record<Status, number>;
  checks: Check[];
}

export async function validatePhase1(options: ValidateOptions = {}): Promise<ValidationReport> {
  const url = options.target?.url ?? process.env.DATABASE_URL;
  const dir = options.target?.dir ?? process.env.PGLITE_DIR ?? "./data/pglite";
  if (!url && !dir.includes("://") && !existsSync(dir)) {
    throw new InputError(`no embedded database in ${dir}: run scripts/migrate-from-sqlite.ts first (or set DATABASE_URL)`);
  }
  let source: SourceFile | undefined;
  if (options.source) source = openSource(options.source);
  try {
    const database = await openDatabase({ url, dir, migrate: false });
    try {
      const [{ ready }] = await database.query<{ ready: boolean }>("SELECT to_regclass('migration_runs') IS NOT NULL AS ready");
      if (!ready) throw new InputError(`${database.target} has no platform schema: run scripts/migrate-from-sqlite.ts first`);
      const checks = [
        ...(await unfinishedRunChecks(database, source)), // first: it explains FAILs below
        ...(await accountingChecks(database, source)),
        ...(await integrityChecks(database)),
        ...(await timescaleHealthChecks(database)),
        ...(await performanceChecks(database, options.runs)),
      ];
      const counts: Record<Status, number> = { PASS: 0, WARN: 0, FAIL: 0 };
      for (const c of checks) counts[c.status]++;
      return {
        accepted: counts.FAIL === 0,
        target: database.target,
        engine: database.capabilities.engine,
        timescaledb: database.capabilities.timescaledb,
        source: source?.path ?? null,
        counts,
        checks,
      };
    } finally {
      await database.close();
    }
  } finally {
    source?.close();
  }
}
