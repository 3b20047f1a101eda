/** Scratch databases (tests and benchmarks): an unreachable server is one line with its code, not the driver's stack. */
import { expect, test } from "vitest";
import { DatabaseError } from "../../src/db/index.ts";
import { createScratchDatabase } from "../../src/db/scratch-database.ts";

test("a server that refuses the connection fails as a DatabaseError naming where, and why", async () => {
  const failure = await createScratchDatabase("postgres://someone:secret@127.0.0.1:1/base", "t_scratch").catch((err: unknown) => err);
  expect(failure).toBeInstanceOf(DatabaseError);
  expect((failure as DatabaseError).message).toBe("cannot connect to PostgreSQL at 127.0.0.1:1/base: connection refused (is the server running and listening there?)");
  expect((failure as DatabaseError).code).toBe("ECONNREFUSED");
});
