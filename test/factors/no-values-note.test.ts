/**
 * A factor that gets no values says why: too little price history (naming the days it needs and where
 * the data starts), or no fundamentals. The run still succeeds (nothing is wrong with the input); the
 * notes are in the result (the --json document), in job_runs.details and on the script's output.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { openDatabase } from "../../src/db/index.ts";
import { FACTOR_JOB, runFactorJob } from "../../src/factors/jobs/factor-job.ts";
import { repositories } from "../../src/repositories/index.ts";
import { jobRunsRepository } from "../../src/repositories/job-runs.ts";
import { describeEachEngine } from "../engines.ts";
import { DAYS, universeBars } from "../jobs/universe.ts";

const D = 99; // 99 bars before DAYS[99] for UP, FLAT and DOWN: enough for reversal_1m, not momentum_12_1
const momentumNote =
  `momentum_12_1: no values in region US (${DAYS[D - 1]} … ${DAYS[D]}): it needs 252 trading days of history before ` +
  `${DAYS[D]}; the data starts ${DAYS[0]}, 99 trading days before it`;

describeEachEngine("factor job notes", (db) => {
  beforeAll(async () => {
    await repositories(db()).prices.upsertBars(universeBars(0, D + 1));
  });

  test("0 rows for momentum_12_1 and earnings_yield: one note each, the run succeeded with them in its details", async () => {
    const result = await runFactorJob(db(), { from: DAYS[D - 1], to: DAYS[D], factors: ["momentum_12_1", "reversal_1m", "earnings_yield"] });
    expect(result.rowsByFactor).toEqual({ momentum_12_1: 0, reversal_1m: 6, earnings_yield: 0 });
    expect(result.notes).toEqual([
      momentumNote,
      `earnings_yield: no values in region US (${DAYS[D - 1]} … ${DAYS[D]}): it needs fundamentals (netIncome, marketCap) ` +
        `known by ${DAYS[D]}, and no instrument has them`,
    ]);
    const [run] = await jobRunsRepository(db()).list(FACTOR_JOB, { limit: 1 });
    expect([run.status, run.rows, (run.details as { notes: unknown }).notes]).toEqual(["succeeded", 6, result.notes]);
  });

  test("a loaded window too short for any instrument names its start, not the data's", async () => {
    // Bars on days 0..99 (to 2023-04-10), then 2024-06-03: the job loads from 30 + 1.5 × 252 = 408 days back.
    await repositories(db()).prices.upsertBars(universeBars(D + 1, D + 2).map((b) => ({ ...b, date: "2024-06-03" })));
    const result = await runFactorJob(db(), { from: "2024-06-03", to: "2024-06-03", factors: ["momentum_12_1"] });
    expect(result.notes).toEqual([
      "momentum_12_1: no values in region US (2024-06-03 … 2024-06-03): it needs 252 trading days of history before 2024-06-03; " +
        "no instrument has more than 0 in the prices loaded from 2023-04-22",
    ]);
  });

  test("factors with values get no note", async () => {
    const result = await runFactorJob(db(), { from: DAYS[D], to: DAYS[D], factors: ["reversal_1m"] });
    expect([result.rows, result.notes]).toEqual([3, []]);
  });
});

describe("scripts/compute-factors.ts prints the note and exits 0", () => {
  const root = mkdtempSync(join(tmpdir(), "factor-notes-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  test("momentum_12_1 over 100 days of bars", async () => {
    const database = await openDatabase({ dir: root });
    try {
      await repositories(database).prices.upsertBars(universeBars(0, D + 1));
    } finally {
      await database.close();
    }
    const env: NodeJS.ProcessEnv = { ...process.env, PGLITE_DIR: root };
    delete env.DATABASE_URL;
    const run = spawnSync(process.execPath, ["--import", "tsx", "scripts/compute-factors.ts", "--from", DAYS[D - 1], "--to", DAYS[D], "--factors", "momentum_12_1"], {
      cwd: fileURLToPath(new URL("../..", import.meta.url)),
      env,
      encoding: "utf8",
    });
    expect([run.status, run.stderr]).toEqual([0, ""]);
    const lines = run.stdout.trimEnd().split("\n");
    expect(lines[0]).toBe(`run #1: ${DAYS[D - 1]} … ${DAYS[D]}, 0 rows`);
    expect(lines.at(-1)).toBe(`note: ${momentumNote}`);
  });
});
