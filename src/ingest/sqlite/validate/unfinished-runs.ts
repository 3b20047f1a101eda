/**
 * Acceptance, accounting group: a migration run newer than the latest completed one that did not
 * complete (interrupted by Ctrl-C, failed, or still `running` because its process was killed) is
 * named with the command that continues it. Its committed batches are in the target, so the other
 * checks judge a half-loaded database against the older run; this check says why. It appears only
 * when there is such a run (FAIL: the database is not in the state of any completed run).
 *
 * A `running` run may also be a migration running right now (on the server engine, from another
 * process): the figure says so rather than guessing.
 */
import type { Database } from "../../../db/index.ts";
import { LAYOUTS } from "../layouts/index.ts";
import type { SourceFile } from "../source.ts";
import type { Check } from "./check.ts";

interface UnfinishedRun {
  id: number;
  source_path: string;
  status: string;
  started_at: string;
  error: string | null;
}

export async function unfinishedRunChecks(database: Database, source?: SourceFile): Promise<Check[]> {
  const [run] = await database.query<UnfinishedRun>(
    `SELECT id, source_path, status, to_char(started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS') AS started_at, error
       FROM migration_runs r
      WHERE status <> 'completed' AND source_layout = ANY($2::text[]) AND ($1::text IS NULL OR source_path = $1)
        AND id > COALESCE((SELECT max(id) FROM migration_runs c WHERE c.status = 'completed' AND c.source_path = r.source_path), 0)
      ORDER BY id DESC LIMIT 1`,
    [source?.path ?? null, LAYOUTS.map((l) => l.name)],
  );
  if (!run) return [];
  const resume = `continue it with: tsx scripts/migrate-from-sqlite.ts --source ${run.source_path} --resume`;
  const what =
    run.status === "interrupted"
      ? "was interrupted"
      : run.status === "failed"
        ? `failed (${run.error ?? "no message"})`
        : "is still marked running: if no migration is running now, its process was killed";
  return [
    {
      group: "accounting",
      name: "no unfinished migration run",
      status: "FAIL",
      figure: `run ${run.id} of ${run.source_path}, started ${run.started_at} UTC, ${what}; ${resume}`,
    },
  ];
}
