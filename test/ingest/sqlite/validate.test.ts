import { join } from "node:path";
import Sqlite from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrateFromSqlite } from "../../../src/ingest/sqlite/migrate.ts";
import type { Check } from "../../../src/ingest/sqlite/validate/check.ts";
import { validatePhase1, type ValidationReport } from "../../../src/ingest/sqlite/validate/validate.ts";
import { runCli } from "./cli.ts";
import { writeSpockFixture } from "./spock-fixture.ts";
import { scratchDir, targetKinds, type Target } from "./targets.ts";

const scratch = scratchDir("spock-fixture-");

const find = (report: ValidationReport, name: string): Check => {
  const check = report.checks.find((c) => c.name === name);
  if (!check) throw new Error(`no check named ${name}: ${report.checks.map((c) => c.name).join(" | ")}`);
  return check;
};

for (const kind of targetKinds) {
  describe(`validate-phase1 [${kind.name}]`, () => {
    let target: Target;
    let source: string;
    let clean: ValidationReport;
    let tampered: ValidationReport;
    let sourceChanged: ValidationReport;
    let cli: { clean?: { code: number | null; report: ValidationReport }; tampered?: number | null } = {};

    beforeAll(async () => {
      target = await kind.create();
      source = writeSpockFixture(join(scratch, kind.name));
      await migrateFromSqlite({ source, target: target.options });
      clean = await validatePhase1({ source, target: target.options, runs: 3 });
      if (kind === targetKinds[0]) {
        const result = await runCli("validate-phase1.ts", ["--source", source, "--json", "--runs", "3"], target.env);
        cli.clean = { code: result.code, report: JSON.parse(result.stdout) };
      }
      const database = await target.open();
      await database.query("DELETE FROM ohlcv_data WHERE ticker = '005930' AND date = '2024-01-04'");
      await database.close();
      tampered = await validatePhase1({ source, target: target.options, runs: 3 });
      if (kind === targetKinds[0]) cli.tampered = (await runCli("validate-phase1.ts", ["--runs", "1"], target.env)).code;
      const file = new Sqlite(source);
      file.prepare("INSERT INTO market_sentiment (date, vix) VALUES ('2024-01-03', 14)").run();
      file.close();
      sourceChanged = await validatePhase1({ source, target: target.options, runs: 1 });
    });
    afterAll(async () => {
      await target?.drop();
    });

    it("accepts a clean migration: accounting, integrity, health and reads all pass or warn", () => {
      expect(clean.checks.filter((c) => c.status === "FAIL")).toEqual([]);
      expect(clean.accepted).toBe(true);
      expect(find(clean, "ohlcv_data: source = loaded + merged + rejected")).toEqual({ group: "accounting", name: "ohlcv_data: source = loaded + merged + rejected", status: "PASS", figure: "15 = 8 + 2 + 5" });
      expect(find(clean, "ohlcv_data: rows = before + loaded").figure).toBe("8 = 0 before + 8 loaded");
      expect(find(clean, "tickers: rows = before + loaded").figure).toBe("7 = 0 before + 7 loaded");
      expect(find(clean, "rejected rows kept in migration_rejects").figure).toBe("8 stored, 8 rejected");
      expect(find(clean, "ohlcv_data: every row has its instrument").figure).toBe("0 orphan rows");
      expect(find(clean, "ohlcv_data: open/close within [low, high] ± 2%")).toMatchObject({ status: "WARN", figure: "1 beyond 2%, 0 high < low; 1 of 8 outside [low, high] at all" });
      expect(find(clean, "ohlcv_monthly covers every daily bar")).toMatchObject({ status: "PASS", figure: "6 of 6 daily bars" });
      expect(clean.checks.filter((c) => c.group === "performance").map((c) => [c.name, c.status, /^p50 \d+\.\d ms over 3 runs, /.test(c.figure)])).toEqual([
        ["10 years of daily bars, 005930.KR (target 1000 ms)", "PASS", true],
        ["one year of momentum_12_1 scores (target 500 ms)", "WARN", true],
        ["monthly aggregate, 005930.KR (target 200 ms)", "PASS", true],
      ]);
    });

    it("checks TimescaleDB where it is installed, and the fallback views where it is not", () => {
      const health = clean.checks.filter((c) => c.group === "timescaledb");
      if (clean.timescaledb) {
        expect(health.map((c) => [c.name, c.status])).toContainEqual(["ohlcv_monthly: refresh policy", "PASS"]);
        expect(find(clean, "ohlcv_data: hypertable")).toMatchObject({ status: "PASS", figure: "1 chunks, 8 rows" });
      } else {
        expect(find(clean, "TimescaleDB installed")).toMatchObject({ status: "WARN", figure: "no TimescaleDB: plain tables and materialized views (the fallback)" });
        expect(find(clean, "ohlcv_yearly: materialized view with unique key")).toMatchObject({ status: "PASS", figure: "present, indexed" });
      }
      expect(health.filter((c) => c.status === "FAIL")).toEqual([]);
    });

    it("fails when a loaded row has gone missing, and when the source no longer matches", () => {
      expect(tampered.accepted).toBe(false);
      expect(tampered.checks.filter((c) => c.status === "FAIL")).toEqual([
        { group: "accounting", name: "ohlcv_data: rows = before + loaded", status: "FAIL", figure: "7 ≠ 0 before + 8 loaded" },
        // The aggregate still counts the deleted bar until it is refreshed.
        { group: "timescaledb", name: "ohlcv_monthly covers every daily bar", status: "FAIL", figure: "6 of 5 daily bars" },
      ]);
      expect(find(sourceChanged, "market_sentiment: source rows recounted")).toMatchObject({ status: "FAIL", figure: "2 now, 1 at the run" });
    });

    if (kind === targetKinds[0]) {
      it("exits 0 with one JSON document when accepted, 1 when a check fails", () => {
        expect(cli.clean?.code).toBe(0);
        expect(cli.clean?.report.accepted).toBe(true);
        expect(cli.clean?.report.checks.length).toBe(clean.checks.length);
        expect(cli.tampered).toBe(1);
      });
    }
  });
}
