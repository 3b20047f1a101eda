/** Choosing an engine, and expected connection failures: one line naming host, port and database, never the password. */
import { expect, test } from "vitest";
import { DatabaseError, openDatabase } from "../../src/db/index.ts";

test("an unreachable server names host, port and database, not the password", async () => {
  const err = await openDatabase({ url: "postgres://quant:s3cret@127.0.0.1:1/research" }).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(DatabaseError);
  expect((err as DatabaseError).message).toBe(
    "cannot connect to PostgreSQL at 127.0.0.1:1/research: connection refused (is the server running and listening there?)",
  );
  expect((err as DatabaseError).code).toBe("ECONNREFUSED");
  expect((err as DatabaseError).expected).toBe(true);
});

test("a malformed DATABASE_URL says what shape is expected", async () => {
  await expect(openDatabase({ url: "not a url" })).rejects.toThrow(
    "DATABASE_URL is not a valid URL (expected postgres://user:password@host:port/database)",
  );
});

test.runIf(process.env.TEST_DATABASE_URL)("a wrong password and a missing database are told apart", async () => {
  const url = new URL(process.env.TEST_DATABASE_URL!);
  const target = `${url.hostname}:${url.port || "5432"}`;
  const wrong = new URL(url);
  wrong.password = "definitely-wrong";
  const e1 = (await openDatabase({ url: wrong.toString() }).catch((e: unknown) => e)) as DatabaseError;
  expect(e1.message).toBe(
    `cannot connect to PostgreSQL at ${target}${url.pathname}: authentication failed (check the user and password in DATABASE_URL)`,
  );
  expect(e1.message).not.toContain("definitely-wrong");
  const missing = new URL(url);
  missing.pathname = "/no_such_database_here";
  const e2 = (await openDatabase({ url: missing.toString() }).catch((e: unknown) => e)) as DatabaseError;
  expect(e2.message).toBe(
    `cannot connect to PostgreSQL at ${target}/no_such_database_here: database does not exist (create it, e.g. \`createdb <name>\`)`,
  );
  expect(e2.code).toBe("3D000");
});

test("an explicit embedded directory wins over DATABASE_URL", async () => {
  const saved = process.env.DATABASE_URL;
  process.env.DATABASE_URL = "postgres://quant:s3cret@127.0.0.1:1/research";
  try {
    const database = await openDatabase({ dir: "memory://", migrate: false });
    expect([database.capabilities.engine, database.target]).toEqual(["pglite", "memory://"]);
    await database.close();
  } finally {
    if (saved === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = saved;
  }
});
