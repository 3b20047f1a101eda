/**
 * Ctrl-C during a migration: the batches being written commit, the run is recorded `interrupted`,
 * the --resume command is printed and the exit code is 130. Validation then names the interrupted run
 * (and a run left `running` by a killed process), and a resume finishes it to a clean run's accounting.
 */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateFromSqlite, type MigrateReport } from "../../../src/ingest/sqlite/migrate.ts";
import { validatePhase1, type ValidationReport } from "../../../src/ingest/sqlite/validate/validate.ts";
import { generateSpockSample } from "../../../src/synthetic/spock-sample.ts";
import { runCli, startCli, type CliResult } from "./cli.ts";
import { runRecords } from "./dump.ts";
import { scratchDir, targetKinds, type Target } from "./targets.ts";

const source = join(scratchDir("interrupt-test-"), "spock.db");
// 16,261 price rows in batches of 50: the price table takes 2-3 s, so the signal sent on the first
// batch's progress line lands mid-table even when the test process is slow to react.
generateSpockSample(source, { instruments: 80, days: 200, seed: 11 });
const BATCH = ["--batch-size", "50"];
const resumeLine = `continue it with: tsx scripts/migrate-from-sqlite.ts --source ${source} --resume`;

const unfinished = (report: ValidationReport) => report.checks.filter((c) => c.name === "no unfinished migration run");

for (const kind of targetKinds) {
  describe(`Ctrl-C during a migration [${kind.name}]`, () => {
    let target: Target;
    let clean: MigrateReport;
    let stopped: CliResult;
    let runs: { status: string; finished: boolean; bars: number }[];

    beforeAll(async () => {
      target = await kind.create();
      const reference = await kind.create();
      clean = await migrateFromSqlite({ source, target: reference.options, batchSize: 50 });
      await reference.drop();

      const run = startCli("migrate-from-sqlite.ts", ["--source", source, ...BATCH, "--progress-every", "0"], target.env);
      await run.stderrSeen("ohlcv_data: 50/");
      run.child.kill("SIGINT");
      stopped = await run.done;
      const database = await target.open();
      try {
        const rows = await database.query<{ status: string; finished: boolean }>(
          "SELECT status, finished_at IS NOT NULL AS finished FROM migration_runs ORDER BY id",
        );
        const [{ bars }] = await database.query<{ bars: number }>("SELECT count(*)::int AS bars FROM ohlcv_data");
        runs = rows.map((r) => ({ ...r, bars }));
      } finally {
        await database.close();
      }
    });
    afterAll(async () => {
      await target?.drop();
    });

    it("exits 130 after the batches being written, printing the --resume command", () => {
      expect(stopped.code).toBe(130);
      const lines = stopped.stderr.trimEnd().split("\n");
      expect(lines).toContain("stopping after the batches being written (Ctrl-C again to quit at once)…");
      expect(lines.at(-1)).toBe(`interrupted: run 1 stopped after its last committed batch; ${resumeLine}`);
      expect(stopped.stdout).toBe("");
    });

    it("records the run as interrupted, part of the prices loaded", () => {
      expect(runs.map((r) => [r.status, r.finished])).toEqual([["interrupted", true]]);
      expect(runs[0].bars).toBeGreaterThan(0);
      expect(runs[0].bars).toBeLessThan(clean.tables.ohlcv_data.loaded);
    });

    it("validation names the interrupted run and the command that continues it", async () => {
      const report = await validatePhase1({ source, target: target.options, runs: 1 });
      expect(report.checks[0]).toEqual({
        group: "accounting",
        name: "no unfinished migration run",
        status: "FAIL",
        figure: expect.stringMatching(new RegExp(`^run 1 of ${source}, started \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d UTC, was interrupted; ${resumeLine}$`)),
      });
      expect(report.accepted).toBe(false);
    });

    it("a run left running (its process killed) is named too", async () => {
      const database = await target.open();
      await database.query("UPDATE migration_runs SET status = 'running', finished_at = NULL");
      await database.close();
      const [check] = unfinished(await validatePhase1({ source, target: target.options, runs: 1 }));
      expect(check.figure).toMatch(/, is still marked running: if no migration is running now, its process was killed; continue it with: /);
    });

    it("--resume finishes it with a clean run's accounting, and validation no longer names it", async () => {
      const resumed = await runCli("migrate-from-sqlite.ts", ["--source", source, "--resume", "--json"], target.env);
      expect([resumed.code, resumed.stderr.split("\n").filter((l) => l.startsWith("error"))]).toEqual([0, []]);
      expect(JSON.parse(resumed.stdout).tables).toEqual(clean.tables);
      const database = await target.open();
      expect(await runRecords(database)).toEqual([{ status: "completed", tables: clean.tables, inferred: clean.inferredInstruments }]);
      await database.close();
      expect(unfinished(await validatePhase1({ source, target: target.options, runs: 1 }))).toEqual([]);
    });
  });
}
