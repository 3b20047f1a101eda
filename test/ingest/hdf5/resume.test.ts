/**
 * kill -9 in the middle of a kite_app load, then `--resume`: the run finishes with exactly a clean run's
 * accounting and table contents (bars, instruments, listings, rejects), on each kind of target.
 */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateFromHdf5, type Hdf5ImportReport } from "../../../src/ingest/hdf5/index.ts";
import { generateInstrumentFile, generateKiteFile } from "../../../src/synthetic/kite-sample.ts";
import { runCli, startCli } from "../sqlite/cli.ts";
import { dumpTables, runRecords } from "../sqlite/dump.ts";
import { scratchDir, targetKinds, type Target } from "../sqlite/targets.ts";

const dir = scratchDir("hdf5-resume-");
const source = join(dir, "DERIVATIVES.h5");
const instruments = join(dir, "instruments.h5");
generateKiteFile(source, {
  segment: "DERIVATIVES",
  sessions: 12,
  seed: 21,
  edits: [{ path: "/data/NFO/NIFTY25OCTFUT/minute", row: 3000, field: "close", value: Number.NaN }],
  badChecksum: ["/data/BFO/SENSEX25OCT82000CE/5minute"],
});
generateInstrumentFile(instruments, {
  NFO: [{ instrument_token: 392450, exchange_token: 1533, tradingsymbol: "NIFTY25OCTFUT", name: "NIFTY", last_price: 0, expiry: "2025-10-28", strike: 0, tick_size: 0.05, lot_size: 75, instrument_type: "FUT", segment: "NFO-FUT", exchange: "NFO" }],
});
const ARGS = ["--source", source, "--instruments", instruments, "--batch-size", "10", "--progress-every", "0"];
const TABLES = { ohlcv_data: [], ohlcv_intraday: [], tickers: ["created_at"], kite_instruments: [], migration_rejects: ["id", "run_id", "created_at"] };

for (const kind of targetKinds) {
  describe(`migrate-from-hdf5 --resume after kill -9 [${kind.name}]`, () => {
    let clean: Target;
    let killed: Target;
    let cleanReport: Hdf5ImportReport;
    let interrupted: { intraday: number; status: string[] };
    let resumed: { datasets: unknown[]; rejectedDatasets: unknown[]; rows: number };

    beforeAll(async () => {
      [clean, killed] = await Promise.all([kind.create(), kind.create()]);
      cleanReport = await migrateFromHdf5({ source, instruments, target: clean.options, batchSize: 10 });

      // A progress line after every batch: the first 10 rows of the second contract's minute bars
      // have committed; the run is killed right there, mid-file. In batches of 10 the intraday bars
      // after that line take about 3 s, so a kill that arrives late still lands before their end.
      const run = startCli("migrate-from-hdf5.ts", ARGS, killed.env);
      await run.stderrSeen("/data/NFO/M_M25OCTFUT/minute: 10/");
      run.child.kill("SIGKILL");
      expect((await run.done).signal).toBe("SIGKILL");

      const database = await killed.open();
      const [{ intraday }] = await database.query<{ intraday: number }>("SELECT count(*)::int AS intraday FROM ohlcv_intraday");
      const runs = await database.query<{ status: string }>("SELECT status FROM migration_runs");
      await database.close();
      interrupted = { intraday, status: runs.map((r) => r.status) };

      const again = await runCli("migrate-from-hdf5.ts", ["--source", source, "--resume", "--json"], killed.env);
      expect([again.code, again.stderr.split("\n").filter((l) => l.startsWith("error"))]).toEqual([0, []]);
      resumed = JSON.parse(again.stdout);
    });
    afterAll(async () => {
      await Promise.all([clean?.drop(), killed?.drop()]);
    });

    it("was killed half-way", () => {
      expect(interrupted.status).toEqual(["running"]);
      expect(interrupted.intraday).toBeGreaterThan(0);
      expect(interrupted.intraday).toBeLessThan(cleanReport.datasets.filter((d) => d.interval !== "day").reduce((n, d) => n + d.loaded, 0));
    });

    it("finishes with exactly a clean run's accounting", async () => {
      expect(resumed.datasets).toEqual(cleanReport.datasets);
      expect(resumed.rejectedDatasets).toEqual(cleanReport.rejectedDatasets);
      expect(resumed.rows).toBe(cleanReport.rows);
      expect(cleanReport.datasets.find((d) => d.symbol === "NIFTY25OCTFUT" && d.interval === "minute")!.rejected).toBe(1);
      const database = await killed.open();
      const records = await runRecords(database);
      await database.close();
      expect(records.map((r) => r.status)).toEqual(["completed"]);
      expect(Object.keys(records[0].tables as object).length).toBe(cleanReport.datasets.length + 1);
    });

    it("ends with exactly the table contents of a clean run", async () => {
      const [a, b] = [await clean.open(), await killed.open()];
      const [cleanDump, resumedDump] = [await dumpTables(a, TABLES), await dumpTables(b, TABLES)];
      await Promise.all([a.close(), b.close()]);
      expect(resumedDump.ohlcv_intraday.length).toBe(cleanReport.datasets.filter((d) => d.interval !== "day").reduce((n, d) => n + d.loaded, 0));
      expect(resumedDump.kite_instruments.length).toBe(1);
      for (const table of Object.keys(TABLES)) expect(resumedDump[table], table).toEqual(cleanDump[table]);
    });

    it("refuses to resume a run that completed", async () => {
      const result = await runCli("migrate-from-hdf5.ts", ["--source", source, "--resume"], killed.env);
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(`error: the last run of ${source} (run 1) completed; nothing to resume\n`);
    });
  });
}
