import { expect, test } from "vitest";
import { FACTOR_JOB, runFactorJob } from "../../src/factors/jobs/factor-job.ts";
import { withJobLock } from "../../src/factors/jobs/job-lock.ts";
import { type ScheduledRequest, type TickOutcome, catchUpRange, runScheduledTick, scheduleFactorJob } from "../../src/factors/jobs/schedule.ts";
import { repositories } from "../../src/repositories/index.ts";
import { jobRunsRepository } from "../../src/repositories/job-runs.ts";
import { describeEachEngine } from "../engines.ts";
import { DAYS, universeBars } from "./universe.ts";
import { InputError } from "../../src/errors.ts";

// reversal_1m only: UP, FLAT and DOWN have a value on every day from day 21 on (LATE lists on day 200).
const request: ScheduledRequest = { factors: ["reversal_1m"] };

describeEachEngine("scheduled factor runs", (db) => {
  const addBars = (first: number, end: number) => repositories(db()).prices.upsertBars(universeBars(first, end));
  const tick = async () => {
    const result = await runScheduledTick(db(), request);
    return [result.from, result.to, result.regions[0].dates];
  };

  test("an empty database has no latest trading day: one clear usage error", async () => {
    const error = await catchUpRange(db(), request).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as Error).message).toBe("the database holds no daily prices; load daily bars first");
    await expect(catchUpRange(db(), { ...request, region: "KR" })).rejects.toThrow("the database holds no daily prices in region KR; load daily bars first");
  });

  test("each tick computes the latest trading day and catches up the days missed since the last success", async () => {
    await addBars(0, 30);
    expect(await tick()).toEqual([DAYS[29], DAYS[29], 1]); // no earlier success: the latest day only
    await addBars(30, 33);
    expect(await tick()).toEqual([DAYS[30], DAYS[32], 3]);
    expect(await tick()).toEqual([DAYS[32], DAYS[32], 1]); // nothing new: the latest day again

    // A tick refused by the lock computes nothing; the next one catches its days up.
    await addBars(33, 35);
    await expect(withJobLock(db(), FACTOR_JOB, () => runScheduledTick(db(), request))).rejects.toThrow("already running");
    expect(await tick()).toEqual([DAYS[33], DAYS[34], 2]);

    // A month-end run does not cover the daily scope; a manual run over all factors does.
    await addBars(35, 41);
    await runFactorJob(db(), { from: DAYS[35], to: DAYS[40], factors: ["reversal_1m"], monthEnds: true });
    expect(await tick()).toEqual([DAYS[35], DAYS[40], 6]);
    await addBars(41, 43);
    await runFactorJob(db(), { from: DAYS[41], to: DAYS[42] });
    await addBars(43, 44);
    expect(await tick()).toEqual([DAYS[43], DAYS[43], 1]);

    const scheduled = (await jobRunsRepository(db()).list(FACTOR_JOB)).filter((r) => r.details.trigger === "schedule");
    expect(scheduled.map((r) => [r.status, r.fromDate, r.toDate, r.rows])).toEqual([
      ["succeeded", DAYS[43], DAYS[43], 3],
      ["succeeded", DAYS[35], DAYS[40], 18],
      ["succeeded", DAYS[33], DAYS[34], 6],
      ["failed", DAYS[33], DAYS[34], null],
      ["succeeded", DAYS[32], DAYS[32], 3],
      ["succeeded", DAYS[30], DAYS[32], 9],
      ["succeeded", DAYS[29], DAYS[29], 3],
    ]);
  });

  test("the cron schedule runs ticks and reports them", async () => {
    await addBars(44, 45);
    const outcome = await new Promise<TickOutcome>((resolve) => {
      const cron = scheduleFactorJob(db(), "* * * * * *", request, (o) => {
        cron.stop();
        resolve(o);
      });
    });
    expect(outcome.ok && [outcome.result.from, outcome.result.to, outcome.result.rows]).toEqual([DAYS[44], DAYS[44], 3]);
  });

  test("an invalid cron pattern is a usage error", () => {
    expect(() => scheduleFactorJob(db(), "every day", request, () => {})).toThrow(
      /^"every day" is not a cron pattern \(.+\); e\.g\. "30 18 \* \* 1-5"$/,
    );
  });
});
