/**
 * `serveSessions({ port, host })`: the sessions API and page (app.ts) listening on host:port until
 * `close()`. Bound to 127.0.0.1 unless a host is given: the API can delete sessions and has no
 * authentication, so reaching it from elsewhere is a deliberate choice. Works on the database given,
 * or opens the configured one (DATABASE_URL, else the embedded one in PGLITE_DIR, which must exist)
 * and closes it with the server.
 */
import { createAdaptorServer } from "@hono/node-server";
import type { AddressInfo } from "node:net";
import { openDatabase, type Database } from "../db/index.ts";
import { InputError } from "../errors.ts";
import { createSessionsApp } from "./app.ts";

export interface ServeOptions {
  /** Default 8000; 0 takes a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  database?: Database;
}

export interface RunningServer {
  /** `http://host:port`, with the port actually bound. */
  url: string;
  /** Stop listening (open requests finish), then close the database if this call opened it. */
  close(): Promise<void>;
}

export const DEFAULT_PORT = 8000;
export const DEFAULT_HOST = "127.0.0.1";

export async function serveSessions(options: ServeOptions = {}): Promise<RunningServer> {
  const port = options.port ?? DEFAULT_PORT;
  const host = options.host ?? DEFAULT_HOST;
  if (!Number.isInteger(port) || port < 0 || port > 65_535) throw new InputError(`port must be a whole number from 0 to 65535, got ${port}`);
  if (host.trim() === "") throw new InputError("host must be an address to bind, e.g. 127.0.0.1");
  const database = options.database ?? (await openDatabase({ mustExist: true }));
  const app = createSessionsApp(database);
  const server = createAdaptorServer({ fetch: app.fetch });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, host, () => {
        server.off("error", reject);
        resolve();
      });
    });
  } catch (err) {
    if (options.database === undefined) await database.close();
    const code = (err as { code?: string }).code;
    if (code === "EADDRINUSE") throw new InputError(`port ${port} on ${host} is in use: pick another with --port`);
    if (code === "EADDRNOTAVAIL" || code === "ENOTFOUND" || code === "EACCES") {
      throw new InputError(`cannot listen on ${host}:${port} (${code}): give a host of this machine and a port you may use`);
    }
    throw err;
  }
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(":") ? `[${host}]` : host}:${bound}`,
    async close() {
      await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
      if (options.database === undefined) await database.close();
    },
  };
}
