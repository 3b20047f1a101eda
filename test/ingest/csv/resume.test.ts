import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importCsv, type CsvImportReport } from "../../../src/ingest/csv/index.ts";
import { runCli, startCli } from "../sqlite/cli.ts";
import { dumpTables, runRecords } from "../sqlite/dump.ts";
import { scratchDir, targetKinds, type Target } from "../sqlite/targets.ts";

/**
 * A zipline bundle of two 3,000-row files with a dividend every 60 rows, a 2:1 split in each, and a
 * bad row every 400: loaded in batches of 5, so the run can be killed after its first commit and the
 * rest of the first file still takes about 2 s, however late the kill arrives.
 */
function writeBundle(root: string): string {
  const daily = join(root, "daily");
  mkdirSync(daily, { recursive: true });
  for (const [ticker, base] of [["AAA", 40], ["BBB", 90]] as const) {
    const lines = ["date,open,high,low,close,volume,dividend,split"];
    const day = new Date(Date.UTC(2005, 0, 3));
    for (let i = 0; i < 3_000; i++) {
      while (day.getUTCDay() === 0 || day.getUTCDay() === 6) day.setUTCDate(day.getUTCDate() + 1);
      const close = base + 10 * Math.sin(i / 25) + i / 100;
      const cells = [close - 0.5, close + 1, close - 1, close].map((p) => p.toFixed(4));
      const dividend = i % 60 === 59 ? "0.125" : "0.0";
      const split = i === 700 ? "2.0" : "1.0";
      lines.push([day.toISOString().slice(0, 10), ...cells, String(100_000 + i), dividend, split].join(","));
      if (i % 400 === 399) lines.push([day.toISOString().slice(0, 10), "n/a", "1", "1", "1", "1", "0.0", "1.0"].join(","));
      day.setUTCDate(day.getUTCDate() + 1);
    }
    writeFileSync(join(daily, `${ticker}.csv`), `${lines.join("\n")}\n`);
  }
  return daily;
}

const bundle = writeBundle(scratchDir("csv-resume-"));
const ARGS = ["--dir", bundle, "--basis", "split", "--batch-size", "5"];

for (const kind of targetKinds) {
  describe(`import-csv --resume after kill -9 [${kind.name}]`, () => {
    let clean: Target;
    let killed: Target;
    let cleanReport: CsvImportReport;
    let interrupted: { bars: number; status: string[] };
    let resumed: CsvImportReport;

    beforeAll(async () => {
      [clean, killed] = await Promise.all([kind.create(), kind.create()]);
      cleanReport = await importCsv({ dir: bundle, basis: "split", batchSize: 5, target: clean.options });

      // A progress line after every batch: the first one means a batch has committed.
      const run = startCli("import-csv.ts", [...ARGS, "--progress-every", "0"], killed.env);
      await run.stderrSeen("AAA.csv: 5/");
      run.child.kill("SIGKILL");
      expect((await run.done).signal).toBe("SIGKILL");

      const database = await killed.open();
      const [{ bars }] = await database.query<{ bars: number }>("SELECT count(*)::int AS bars FROM ohlcv_data");
      const runs = await database.query<{ status: string }>("SELECT status FROM migration_runs");
      await database.close();
      interrupted = { bars, status: runs.map((r) => r.status) };

      const again = await runCli("import-csv.ts", ["--dir", bundle, "--resume", "--json"], killed.env);
      expect(again.stderr.split("\n").filter((l) => l.startsWith("error"))).toEqual([]);
      expect(again.code).toBe(0);
      resumed = JSON.parse(again.stdout);
    });
    afterAll(async () => {
      await Promise.all([clean?.drop(), killed?.drop()]);
    });

    it("was killed part-way through the first file", () => {
      expect(interrupted.status).toEqual(["running"]);
      expect(interrupted.bars).toBeGreaterThan(0);
      expect(interrupted.bars).toBeLessThan(cleanReport.files[0].loaded);
    });

    it("finishes the same run with exactly the accounting of a clean run", async () => {
      expect(cleanReport.files.map((f) => [f.ticker, f.source, f.loaded, f.merged, f.rejected])).toEqual([
        ["AAA", 3_007, 3_000, 0, 7],
        ["BBB", 3_007, 3_000, 0, 7],
      ]);
      expect(cleanReport.dividends).toEqual({ loaded: 100, merged: 0 });
      expect(cleanReport.splits).toEqual({ loaded: 2, merged: 0 });
      expect(resumed.resumed).toBe(true);
      expect(resumed.files).toEqual(cleanReport.files);
      expect(resumed.dividends).toEqual(cleanReport.dividends);
      expect(resumed.splits).toEqual(cleanReport.splits);
      expect(resumed.inferredInstruments).toBe(cleanReport.inferredInstruments);
      const database = await killed.open();
      const records = await runRecords(database);
      await database.close();
      const tables = Object.fromEntries(cleanReport.files.map((f) => [`${f.ticker}.csv`, { source: f.source, loaded: f.loaded, merged: f.merged, rejected: f.rejected }]));
      expect(records).toEqual([{ status: "completed", tables, inferred: 2 }]);
    });

    it("ends with exactly the table contents of a clean run: bars, dividends, splits, instruments, rejects", async () => {
      const [a, b] = [await clean.open(), await killed.open()];
      const [cleanDump, resumedDump] = [await dumpTables(a), await dumpTables(b)];
      await Promise.all([a.close(), b.close()]);
      expect(resumedDump.ohlcv_data).toHaveLength(6_000);
      expect(resumedDump.dividends).toHaveLength(100);
      expect(resumedDump.migration_rejects).toHaveLength(14);
      for (const table of Object.keys(cleanDump)) expect(resumedDump[table], table).toEqual(cleanDump[table]);
    });

    it("refuses to resume a run that completed, or a source never run", async () => {
      const completed = await runCli("import-csv.ts", ["--dir", bundle, "--resume"], killed.env);
      expect(completed.code).toBe(2);
      expect(completed.stderr).toBe(`error: the last run of ${bundle} (run 1) completed; nothing to resume\n`);
      const never = await runCli("import-csv.ts", ["--file", join(bundle, "AAA.csv"), "--resume"], killed.env);
      expect(never.code).toBe(2);
      expect(never.stderr).toBe(`error: no earlier run of ${join(bundle, "AAA.csv")} to resume; run without --resume\n`);
    });
  });
}
