/**
 * A sweep's jobs deleted while a worker fails one of them. pg-boss fails a job by deleting its row and
 * inserting it again; a plain DELETE waiting on that row skips it once the failure commits and never
 * sees the new row, so the job outlived its sweep (a CI run found one left). Here the failure, in
 * pg-boss's statement shape, is held open in its own transaction while deleteJobs starts and waits.
 */
import { randomUUID } from "node:crypto";
import { setTimeout as sleep } from "node:timers/promises";
import type PgBoss from "pg-boss";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/db/index.ts";
import { createScratchDatabase, type ScratchDatabase } from "../../src/db/scratch-database.ts";
import { deleteJobs, startTaskQueue, TASK_QUEUE } from "../../src/walk-forward/executors/task-queue.ts";

// On a server only when the suite has one (TEST_DATABASE_URL, as .ci/run sets it), like job-queue.test.ts.
const servers = process.env.TEST_DATABASE_URL ? [process.env.TEST_DATABASE_URL] : [];
for (const baseUrl of servers) {
  describe("deleting a sweep's jobs [postgres]", () => {
    let server: ScratchDatabase;
    let database: Database;
    let boss: PgBoss;

    beforeAll(async () => {
      server = await createScratchDatabase(baseUrl, "wfjobs");
      database = await openDatabase({ url: server.url });
      boss = await startTaskQueue(database, { onError: () => {} });
    });
    afterAll(async () => {
      await boss?.stop();
      await database?.close();
      await server?.drop();
    });

    const jobsLeft = async () => (await database.query<{ n: number }>("SELECT count(*)::int AS n FROM pgboss.job WHERE name = $1", [TASK_QUEUE]))[0].n;

    it("also removes the row a failure in flight inserts again", async () => {
      const [failing, other] = [randomUUID(), randomUUID()];
      await boss.insert([failing, other].map((id, trial) => ({ id, name: TASK_QUEUE, data: { sweepId: 1, fold: 0, trial } })));
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      let reinserted!: () => void;
      const failed = new Promise<void>((resolve) => (reinserted = resolve));
      const worker = database.transaction(async (tx) => {
        await tx.query("WITH d AS (DELETE FROM pgboss.job WHERE name = $1 AND id = $2 RETURNING *) INSERT INTO pgboss.job SELECT * FROM d", [TASK_QUEUE, failing]);
        reinserted();
        await held;
      });
      await failed;
      const deleting = deleteJobs(database, [failing, other]);
      const waiting = "SELECT 1 FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'";
      while ((await database.query(waiting)).length === 0) await sleep(20);
      release();
      await worker;
      await deleting;
      expect(await jobsLeft()).toBe(0);
    });

    it("deletes nothing when given no job", async () => {
      const before = await jobsLeft();
      const id = randomUUID();
      await boss.insert([{ id, name: TASK_QUEUE, data: { sweepId: 2, fold: 0, trial: 0 } }]);
      await deleteJobs(database, []);
      expect(await jobsLeft()).toBe(before + 1);
      await deleteJobs(database, [id]);
      expect(await jobsLeft()).toBe(before);
    });
  });
}
