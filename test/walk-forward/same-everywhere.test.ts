/**
 * A walk-forward's numbers do not depend on where it runs: the embedded engine and the server give
 * the same report, and so do one worker (this thread) and two worker threads.
 */
import { expect, it } from "vitest";
import type { Database } from "../../src/db/index.ts";
import { runWalkForward, type WalkForwardRun } from "../../src/walk-forward/run-walk-forward.ts";
import { engines } from "../engines.ts";
import { SMA, seedMarket } from "./market.ts";

async function onEngine<T>(open: () => Promise<Database>, work: (db: Database) => Promise<T>): Promise<T> {
  const db = await open();
  try {
    await seedMarket(db);
    return await work(db);
  } finally {
    await db.close();
  }
}

const comparable = (run: WalkForwardRun) => ({ report: run.report, results: run.results });

it("one worker and two worker threads give the same report and task results", async () => {
  const [one, two] = await onEngine(engines[0].open, async (db) => [
    await runWalkForward({ ...SMA, database: db }),
    await runWalkForward({ ...SMA, workers: 2, database: db }),
  ]);
  expect(two.results).toHaveLength(6 * 3);
  expect(comparable(two)).toEqual(comparable(one));
});

// Defined once per engine besides the embedded one (the server, when TEST_DATABASE_URL is set).
for (const engine of engines.slice(1)) {
  it(`the embedded engine and ${engine.name} give the same report`, async () => {
    const embedded = await onEngine(engines[0].open, (db) => runWalkForward({ ...SMA, database: db }));
    const other = await onEngine(engine.open, (db) => runWalkForward({ ...SMA, database: db }));
    expect(comparable(other)).toEqual(comparable(embedded));
  });
}
