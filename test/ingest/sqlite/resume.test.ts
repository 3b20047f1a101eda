import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateFromSqlite, type MigrateReport } from "../../../src/ingest/sqlite/migrate.ts";
import { generateSpockSample } from "../../../src/synthetic/spock-sample.ts";
import { startCli, runCli } from "./cli.ts";
import { dumpTables, runRecords } from "./dump.ts";
import { scratchDir, targetKinds, type Target } from "./targets.ts";

const source = join(scratchDir("resume-test-"), "spock.db");
// 16,261 price rows in batches of 50: the price table takes 2-3 s, so the signal sent on the first
// batch's progress line lands mid-table even when the test process is slow to react.
generateSpockSample(source, { instruments: 80, days: 200, seed: 11 });
const BATCH = ["--batch-size", "50"];

for (const kind of targetKinds) {
  describe(`--resume after kill -9 [${kind.name}]`, () => {
    let clean: Target;
    let killed: Target;
    let cleanReport: MigrateReport;
    let interrupted: { bars: number; status: string[]; checkpointTables: string[] };
    let resumed: MigrateReport;

    beforeAll(async () => {
      [clean, killed] = await Promise.all([kind.create(), kind.create()]);
      cleanReport = await migrateFromSqlite({ source, target: clean.options, batchSize: 50 });

      // A progress line after every batch: the first price line after the table's start line means
      // one price batch has committed. Killed right there, the run is early in the price table.
      const run = startCli("migrate-from-sqlite.ts", ["--source", source, ...BATCH, "--progress-every", "0"], killed.env);
      await run.stderrSeen("ohlcv_data: 50/");
      run.child.kill("SIGKILL");
      const ended = await run.done;
      expect(ended.signal).toBe("SIGKILL");

      const database = await killed.open();
      const [{ bars }] = await database.query<{ bars: number }>("SELECT count(*)::int AS bars FROM ohlcv_data");
      const runs = await database.query<{ status: string; checkpoint: unknown }>("SELECT status, checkpoint FROM migration_runs");
      await database.close();
      const checkpoint = runs.map((r) => (typeof r.checkpoint === "string" ? JSON.parse(r.checkpoint) : r.checkpoint));
      interrupted = { bars, status: runs.map((r) => r.status), checkpointTables: Object.keys(checkpoint[0] ?? {}) };

      const again = await runCli("migrate-from-sqlite.ts", ["--source", source, "--resume", "--json"], killed.env);
      expect(again.stderr.split("\n").filter((l) => l.startsWith("error"))).toEqual([]);
      expect(again.code).toBe(0);
      resumed = JSON.parse(again.stdout);
    });
    afterAll(async () => {
      await Promise.all([clean?.drop(), killed?.drop()]);
    });

    it("was killed half-way through the price table", () => {
      expect(interrupted.status).toEqual(["running"]);
      expect(interrupted.checkpointTables).toContain("ohlcv_data");
      expect(interrupted.bars).toBeGreaterThan(0);
      expect(interrupted.bars).toBeLessThan(cleanReport.tables.ohlcv_data.loaded);
    });

    it("finishes the same run with exactly the accounting of a clean run", async () => {
      expect(resumed.resumed).toBe(true);
      expect(resumed.tables).toEqual(cleanReport.tables);
      expect(resumed.inferredInstruments).toBe(cleanReport.inferredInstruments);
      expect(resumed.notes).toEqual(cleanReport.notes);
      const database = await killed.open();
      const records = await runRecords(database);
      await database.close();
      expect(records).toEqual([{ status: "completed", tables: cleanReport.tables, inferred: cleanReport.inferredInstruments }]);
    });

    it("ends with exactly the table contents of a clean run: no duplicates, nothing missing", async () => {
      const [a, b] = [await clean.open(), await killed.open()];
      const [cleanDump, resumedDump] = [await dumpTables(a), await dumpTables(b)];
      await Promise.all([a.close(), b.close()]);
      expect(resumedDump.ohlcv_data.length).toBe(cleanReport.tables.ohlcv_data.loaded);
      for (const table of Object.keys(cleanDump)) expect(resumedDump[table], table).toEqual(cleanDump[table]);
    });

    it("refuses to resume a run that completed", async () => {
      const result = await runCli("migrate-from-sqlite.ts", ["--source", source, "--resume"], killed.env);
      expect(result.code).toBe(2);
      expect(result.stderr).toMatch(/^error: the last run of \S+spock\.db \(run \d+\) completed; nothing to resume\n$/);
    });
  });
}
