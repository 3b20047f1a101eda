/**
 * `migrateDatabase(options)`, the one call behind scripts/migrate.ts: applies every migration of the
 * repository to a fresh database, again as a no-op, and reports the engine and where the data lives.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { migrateDatabase } from "../../src/db/migrate-database.ts";
import { createScratchDatabase } from "../../src/db/scratch-database.ts";

const journal = JSON.parse(readFileSync(new URL("../../migrations/meta/_journal.json", import.meta.url), "utf8")) as { entries: unknown[] };

describe("migrateDatabase", () => {
  const dir = mkdtempSync(join(tmpdir(), "migrate-database-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("migrates an embedded database once; applying again changes nothing", async () => {
    const first = await migrateDatabase({ dir });
    expect({ ...first, serverVersion: undefined }).toEqual({
      target: dir,
      engine: "pglite",
      serverVersion: undefined,
      timescaledb: expect.stringMatching(/^\d+\.\d+\.\d+/),
      migrations: journal.entries.length,
    });
    expect(first.serverVersion).toMatch(/^\d+\.\d+$/);
    expect(await migrateDatabase({ dir })).toEqual(first);
  });

  // On a server only when the suite has one (TEST_DATABASE_URL, as .ci/run sets it), like test/engines.ts.
  const servers = process.env.TEST_DATABASE_URL ? [process.env.TEST_DATABASE_URL] : [];
  for (const baseUrl of servers) {
    it("migrates a server database, named without its password", async () => {
      const server = await createScratchDatabase(baseUrl, "migrate");
      try {
        const status = await migrateDatabase({ url: server.url });
        const url = new URL(server.url);
        expect([status.target, status.engine, status.migrations]).toEqual([`postgres://${url.hostname}:${url.port}${url.pathname}`, "postgres", journal.entries.length]);
        expect(await migrateDatabase({ url: server.url })).toEqual(status);
      } finally {
        await server.drop();
      }
    });
  }
});
