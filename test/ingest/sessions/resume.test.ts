/**
 * migrate-csv-sessions killed with SIGKILL after its first committed batch: `--resume` finishes the
 * same run, and a plain new run reloads what the killed one left unrecorded; either way the tables end
 * exactly as after a clean run (the run id aside for the new run). Also the --json document's exact
 * shape. Both targets: an embedded directory and a scratch server database.
 */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../../src/db/index.ts";
import { generateTickSessions } from "../../../src/synthetic/tick-sessions.ts";
import { runCli, startCli, type CliResult } from "../sqlite/cli.ts";
import { dumpTables } from "../sqlite/dump.ts";
import { scratchDir, targetKinds, type Target } from "../sqlite/targets.ts";
import { expectedSessions } from "./fixtures.ts";

const sample = generateTickSessions(join(scratchDir("sessions-resume-"), "data"), { seed: 5, trades: 4_000, snapshots: 1_000 });
const ARGS = ["--data-dir", sample.dir, "--batch-size", "500"];
const first = `${sample.sessions[0].sessionId}/BTC_USDT/prices.csv`;
// The killed runs write batches of 10: the rest of the first session's BTC files then takes about 2 s,
// so a kill that arrives late still lands before the next prices file.
const KILLED_ARGS = ["--data-dir", sample.dir, "--batch-size", "10"];

/** Every row an import writes, without the columns that only say when (and, for a run of its own, which run). */
const dump = async (database: Database, ownRun = false): Promise<Record<string, string[]>> => {
  const tables = await dumpTables(database, {
    tick_prices: [],
    tick_orderbook: [],
    indicator_values: [],
    tick_sessions: ["imported_at", "created_at", "updated_at", ...(ownRun ? ["import_run_id"] : [])],
    tick_session_files: ["imported_at", ...(ownRun ? ["run_id"] : [])],
    tick_candles_1m: [],
  });
  // The last run's rejects (a killed run keeps the rejects of the batches it committed, as its record).
  const rejects = await database.query<{ r: string }>(
    `SELECT r FROM (SELECT (to_jsonb(j) - 'id' - 'created_at' - 'run_id')::text AS r FROM migration_rejects j
     WHERE run_id = (SELECT max(id) FROM migration_runs)) s ORDER BY r COLLATE "C"`,
  );
  return { ...tables, migration_rejects: rejects.map((x) => x.r) };
};

/** Start the import, let one batch of the first file commit, kill -9. */
async function killAfterFirstBatch(target: Target): Promise<{ prices: number; status: string[] }> {
  const run = startCli("migrate-csv-sessions.ts", [...KILLED_ARGS, "--progress-every", "0"], target.env);
  await run.stderrSeen(`${first}: 10/`);
  run.child.kill("SIGKILL");
  expect((await run.done).signal).toBe("SIGKILL");
  const database = await target.open();
  try {
    const [{ prices }] = await database.query<{ prices: number }>("SELECT count(*)::int AS prices FROM tick_prices");
    const runs = await database.query<{ status: string }>("SELECT status FROM migration_runs ORDER BY id");
    return { prices, status: runs.map((r) => r.status) };
  } finally {
    await database.close();
  }
}

const parsed = (r: CliResult) => {
  expect([r.code, r.stderr.split("\n").filter((l) => l.startsWith("error"))]).toEqual([0, []]);
  return JSON.parse(r.stdout);
};

for (const kind of targetKinds) {
  describe(`migrate-csv-sessions after kill -9 [${kind.name}]`, () => {
    let clean: Target;
    let resumed: Target;
    let rerun: Target;
    let cleanJson: { sessions: unknown[]; skipped: number; seconds: number };
    let killed: Awaited<ReturnType<typeof killAfterFirstBatch>>[];
    let resumedJson: typeof cleanJson;
    let rerunJson: typeof cleanJson;
    let progressLines: string[];

    beforeAll(async () => {
      [clean, resumed, rerun] = await Promise.all([kind.create(), kind.create(), kind.create()]);
      const cleanRun = await runCli("migrate-csv-sessions.ts", [...ARGS, "--json", "--progress-every", "0"], clean.env);
      cleanJson = parsed(cleanRun);
      progressLines = cleanRun.stderr.split("\n").filter((l) => l.startsWith(first));
      killed = [await killAfterFirstBatch(resumed), await killAfterFirstBatch(rerun)];
      resumedJson = parsed(await runCli("migrate-csv-sessions.ts", ["--data-dir", sample.dir, "--resume", "--json"], resumed.env));
      rerunJson = parsed(await runCli("migrate-csv-sessions.ts", [...ARGS, "--json"], rerun.env));
    });
    afterAll(async () => {
      await Promise.all([clean?.drop(), resumed?.drop(), rerun?.drop()]);
    });

    it("prints the --json document in exactly the issue's shape", () => {
      expect(Object.keys(cleanJson)).toEqual(["sessions", "skipped", "seconds"]);
      expect(cleanJson.sessions).toEqual(expectedSessions(sample));
      expect(cleanJson.skipped).toBe(0);
      expect(typeof cleanJson.seconds).toBe("number");
    });

    it("reports progress per file with rows/s", () => {
      expect(progressLines[0]).toBe(`${first}: 4000 source rows`);
      expect(progressLines.slice(1, 9)).toEqual(
        [500, 1000, 1500, 2000, 2500, 3000, 3500, 4000].map((n) => expect.stringMatching(new RegExp(`^${first}: ${n}/4000 rows \\(${Math.floor(n / 40)}%\\), \\d+ rows/s`))),
      );
    });

    it("was killed early in the first file, its run left running", () => {
      for (const k of killed) {
        expect(k.status).toEqual(["running"]);
        expect(k.prices).toBeGreaterThanOrEqual(8); // a batch of 10 rows, 2 of them rejected
        expect(k.prices).toBeLessThan(4_000);
      }
    });

    it("--resume finishes the run with a clean run's report, accounting and table contents", async () => {
      expect(resumedJson.sessions).toEqual(cleanJson.sessions);
      const [a, b] = [await clean.open(), await resumed.open()];
      try {
        expect(await b.query("SELECT id, status, tables FROM migration_runs ORDER BY id")).toEqual(await a.query("SELECT id, status, tables FROM migration_runs ORDER BY id"));
        const [cleanDump, resumedDump] = [await dump(a), await dump(b)];
        expect(resumedDump.tick_prices.length).toBe(6 * 4_000 - 3);
        expect(resumedDump.migration_rejects.length).toBe(4);
        for (const table of Object.keys(cleanDump)) expect(resumedDump[table], table).toEqual(cleanDump[table]);
      } finally {
        await Promise.all([a.close(), b.close()]);
      }
    });

    it("a new run instead reloads what the killed run left unrecorded, to the same contents", async () => {
      expect(rerunJson.sessions).toEqual(cleanJson.sessions);
      const [a, b] = [await clean.open(), await rerun.open()];
      try {
        const [cleanDump, rerunDump] = [await dump(a, true), await dump(b, true)];
        for (const table of Object.keys(cleanDump)) expect(rerunDump[table], table).toEqual(cleanDump[table]);
      } finally {
        await Promise.all([a.close(), b.close()]);
      }
    });

    it("refuses to resume a run that completed", async () => {
      const result = await runCli("migrate-csv-sessions.ts", ["--data-dir", sample.dir, "--resume"], resumed.env);
      expect([result.code, result.stdout, result.stderr]).toEqual([2, "", `error: the last run of ${sample.dir} (run 1) completed; nothing to resume\n`]);
    });
  });
}
