/**
 * Opening a server that is not PostgreSQL, or nothing at all, fails with one line naming host and
 * port (never the password) instead of hanging: an HTTP server answers the startup message with text
 * and closes, which postgres.js alone retries forever; a server that accepts and stays silent; a
 * closed port. The wait is `connectTimeoutSeconds` (default DATABASE_CONNECT_TIMEOUT, else 10 s).
 */
import { createServer as createHttpServer } from "node:http";
import { createServer as createTcpServer, type Server, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { DatabaseError, openDatabase } from "../../src/db/index.ts";
import { InputError } from "../../src/errors.ts";

const servers: Server[] = [];
const sockets: Socket[] = [];

async function listen(server: Server): Promise<number> {
  servers.push(server);
  server.on("connection", (socket: Socket) => sockets.push(socket));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as { port: number }).port;
}

const savedTimeout = process.env.DATABASE_CONNECT_TIMEOUT;
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
  if (savedTimeout === undefined) delete process.env.DATABASE_CONNECT_TIMEOUT;
  else process.env.DATABASE_CONNECT_TIMEOUT = savedTimeout;
});

async function openError(url: string, connectTimeoutSeconds?: number, kind: new (...args: never[]) => Error = DatabaseError) {
  const err = await openDatabase({ url, connectTimeoutSeconds }).then(
    async (database) => {
      await database.close();
      throw new Error("opened a database that is not there");
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(kind);
  return err as DatabaseError;
}

describe("openDatabase on a port that is not PostgreSQL", () => {
  it("an HTTP server: times out with one line naming host and port", async () => {
    const http = createHttpServer((_req, res) => res.end("hello"));
    const port = await listen(http);
    const err = await openError(`postgres://u:secret-pw@127.0.0.1:${port}/db`, 0.5);
    expect(err.message).toBe(
      `cannot connect to PostgreSQL at 127.0.0.1:${port}/db: no PostgreSQL answer within 0.5 s ` +
        "(is a PostgreSQL server listening there? DATABASE_CONNECT_TIMEOUT sets the wait in seconds)",
    );
    expect(err.code).toBe("CONNECT_TIMEOUT");
    expect(err.expected).toBe(true);
    expect(err.message).not.toContain("secret-pw");
  });

  it("a server that accepts and never speaks: the same line, the wait from DATABASE_CONNECT_TIMEOUT", async () => {
    const silent = createTcpServer(() => {});
    const port = await listen(silent);
    process.env.DATABASE_CONNECT_TIMEOUT = "0.3";
    const err = await openError(`postgres://u:p@127.0.0.1:${port}/quant`);
    expect(err.message).toBe(
      `cannot connect to PostgreSQL at 127.0.0.1:${port}/quant: no PostgreSQL answer within 0.3 s ` +
        "(is a PostgreSQL server listening there? DATABASE_CONNECT_TIMEOUT sets the wait in seconds)",
    );
    expect(err.code).toBe("CONNECT_TIMEOUT");
  });

  it("a closed port: connection refused, one line", async () => {
    const probe = createTcpServer();
    const port = await listen(probe);
    await new Promise((resolve) => probe.close(resolve));
    servers.splice(servers.indexOf(probe), 1);
    const err = await openError(`postgres://u:p@127.0.0.1:${port}/db`, 5);
    expect(err.message).toBe(
      `cannot connect to PostgreSQL at 127.0.0.1:${port}/db: connection refused (is the server running and listening there?)`,
    );
    expect(err.code).toBe("ECONNREFUSED");
  });

  it("a DATABASE_CONNECT_TIMEOUT that is not a positive number of seconds is refused", async () => {
    process.env.DATABASE_CONNECT_TIMEOUT = "ten";
    const err = await openError("postgres://u:p@127.0.0.1:1/db", undefined, InputError);
    expect(err.message).toBe('DATABASE_CONNECT_TIMEOUT must be a positive number of seconds, got "ten"');
    expect(err.code).toBe("bad-input");
  });
});
