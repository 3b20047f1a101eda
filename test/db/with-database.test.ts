/**
 * `withDatabase(work, database?)`: a one-call entry works on the caller's database and leaves it
 * open, or opens the configured one (PGLITE_DIR here) for the call and closes it after, also when the
 * work fails.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type Database, openDatabase } from "../../src/db/index.ts";
import { withDatabase } from "../../src/db/with-database.ts";
import { configureDatabase } from "../configured-database.ts";

describe("withDatabase", () => {
  const dir = mkdtempSync(join(tmpdir(), "with-database-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("opens the configured database for the work and closes it after, also when the work fails", async () => {
    configureDatabase(join(dir, "configured"));
    let used: Database | undefined;
    const answer = await withDatabase(async (database) => {
      used = database;
      const [{ n }] = await database.query<{ n: number }>("SELECT 41 + 1 AS n");
      return [database.target, n];
    });
    expect(answer).toEqual([join(dir, "configured"), 42]);
    await expect(used!.query("SELECT 1")).rejects.toThrow();

    await expect(
      withDatabase(async (database) => {
        used = database;
        throw new Error("work failed");
      }),
    ).rejects.toThrow("work failed");
    await expect(used!.query("SELECT 1")).rejects.toThrow();
  });

  it("works on the caller's database and leaves it open", async () => {
    const own = await openDatabase({ dir: "memory://" });
    try {
      expect(await withDatabase(async (database) => database === own, own)).toBe(true);
      expect(await own.query<{ n: number }>("SELECT 1 AS n")).toEqual([{ n: 1 }]);
    } finally {
      await own.close();
    }
  });
});
