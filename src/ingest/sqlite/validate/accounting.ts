/**
 * Acceptance group 1, row accounting, for the latest completed SQLite migration run (of `--source`
 * when given; runs of other importers, such as import-csv, are not migrations): every table balances
 * (`source = loaded + merged + rejected`), every rejected row is in `migration_rejects`, the source
 * recounted now still has the recorded row counts, and each target table holds exactly the rows it
 * had before the run plus what this run and any later run loaded (inferred instruments count towards
 * `tickers`). Later runs are included because their accounting commits with their rows, whatever
 * their status.
 */
import { getTableName } from "drizzle-orm";
import type { Database } from "../../../db/index.ts";
import type { TableAccounting } from "../../../schema/index.ts";
import { LAYOUTS } from "../layouts/index.ts";
import { targetTablesOf, type RunOptions } from "../migrate.ts";
import type { SourceFile } from "../source.ts";
import { passOrFail, type Check } from "./check.ts";

interface RunRow {
  id: number;
  source_path: string;
  source_layout: string;
  options: RunOptions | string;
  tables: Record<string, TableAccounting> | string;
  inferred_instruments: number;
}

const parsed = <T>(v: T | string): T => (typeof v === "string" ? JSON.parse(v) : v);
const check = (name: string, ok: boolean, figure: string): Check => ({ group: "accounting", name, status: passOrFail(ok), figure });

export async function accountingChecks(database: Database, source?: SourceFile): Promise<Check[]> {
  const [run] = await database.query<RunRow>(
    `SELECT id, source_path, source_layout, options, tables, inferred_instruments FROM migration_runs
     WHERE status = 'completed' AND source_layout = ANY($2::text[]) AND ($1::text IS NULL OR source_path = $1) ORDER BY id DESC LIMIT 1`,
    [source?.path ?? null, LAYOUTS.map((l) => l.name)],
  );
  if (!run) {
    const of = source ? ` of ${source.path}` : "";
    return [check("latest completed migration run", false, `none${of}: run scripts/migrate-from-sqlite.ts first`)];
  }
  const tables = parsed(run.tables);
  const options = parsed(run.options);
  const checks: Check[] = [check("latest completed migration run", true, `run ${run.id}: ${run.source_path} (${run.source_layout})`)];

  const layout = LAYOUTS.find((l) => l.name === run.source_layout)!;
  const specs = layout.tables.filter((t) => t.source in tables);
  for (const { source: table } of specs) {
    const a = tables[table];
    const total = a.loaded + a.merged + a.rejected;
    checks.push(check(`${table}: source = loaded + merged + rejected`, total === a.source, `${a.source} ${total === a.source ? "=" : "≠"} ${a.loaded} + ${a.merged} + ${a.rejected}`));
    if (source) {
      const now = source.db.prepare(`SELECT count(*) FROM "${table}"`).pluck().get() as number;
      checks.push(check(`${table}: source rows recounted`, now === a.source, `${now} now, ${a.source} at the run`));
    }
  }

  const rejected = Object.values(tables).reduce((n, a) => n + a.rejected, 0);
  const [{ stored }] = await database.query<{ stored: number }>("SELECT count(*)::int AS stored FROM migration_rejects WHERE run_id = $1", [run.id]);
  checks.push(check("rejected rows kept in migration_rejects", stored === rejected, `${stored} stored, ${rejected} rejected`));

  const later = await database.query<Pick<RunRow, "source_layout" | "tables" | "inferred_instruments">>(
    "SELECT source_layout, tables, inferred_instruments FROM migration_runs WHERE id > $1",
    [run.id],
  );
  const loadedInto = (target: string) => {
    let n = 0;
    for (const r of [{ ...run, tables }, ...later]) {
      const runTables = LAYOUTS.find((l) => l.name === r.source_layout)?.tables ?? [];
      for (const [table, a] of Object.entries(parsed(r.tables))) {
        const spec = runTables.find((s) => s.source === table);
        if (spec && getTableName(spec.target) === target) n += a.loaded;
      }
      if (target === "tickers") n += r.inferred_instruments;
    }
    return n;
  };
  for (const target of targetTablesOf(specs)) {
    const before = options.targetRowsBefore?.[target];
    const [{ n }] = await database.query<{ n: number }>(`SELECT count(*)::int AS n FROM "${target}"`);
    if (before === undefined) {
      checks.push({ group: "accounting", name: `${target}: rows = before + loaded`, status: "WARN", figure: `${n} rows; the run did not record the count before it` });
      continue;
    }
    const expected = before + loadedInto(target);
    checks.push(check(`${target}: rows = before + loaded`, n === expected, `${n} ${n === expected ? "=" : "≠"} ${before} before + ${expected - before} loaded`));
  }
  return checks;
}
