/**
 * Database failures a user can act on (expected: one line, exit 2). `code` is PostgreSQL's SQLSTATE, a
 * Node network code, or "database" when there is neither, so callers can branch on it.
 */
import { PlatformError } from "../errors.ts";

export class DatabaseError extends PlatformError {
  override name = "DatabaseError";
  constructor(
    message: string,
    code: string | undefined,
    /** Where it happened, without secrets: `host:port/database` or the embedded directory. */
    readonly target: string,
  ) {
    super(code ?? "database", message, { context: { target } });
  }
}

/** The SQLSTATE of a failed statement (both drivers put it in `code`), or undefined. */
export function sqlState(err: unknown): string | undefined {
  return (err as { code?: string } | undefined)?.code;
}

/** `postgres://user@host:port/db` → `host:port/db`, never the password. */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname || "localhost"}:${u.port || "5432"}/${decodeURIComponent(u.pathname.slice(1)) || "(default database)"}`;
  } catch {
    throw new DatabaseError("DATABASE_URL is not a valid URL (expected postgres://user:password@host:port/database)", "INVALID_URL", "DATABASE_URL");
  }
}

/** The one-line error for a server at `url` that could not be reached or refused the login. */
export function connectionFailure(url: string, err: unknown): DatabaseError {
  const target = describeUrl(url);
  const { reason, code } = connectionFailureReason(err);
  return new DatabaseError(`cannot connect to PostgreSQL at ${target}: ${reason}`, code, target);
}

/** A short reason for a failed connection, from the driver's error. */
function connectionFailureReason(err: unknown): { reason: string; code: string | undefined } {
  const e = err as { code?: string; message?: string };
  const code = e?.code;
  switch (code) {
    case "ECONNREFUSED":
      return { code, reason: "connection refused (is the server running and listening there?)" };
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return { code, reason: "host not found" };
    case "CONNECT_TIMEOUT":
      return {
        code,
        reason: `${e.message} (is a PostgreSQL server listening there? DATABASE_CONNECT_TIMEOUT sets the wait in seconds)`,
      };
    case "ETIMEDOUT":
      return { code, reason: "connection timed out" };
    case "28P01":
    case "28000":
      return { code, reason: "authentication failed (check the user and password in DATABASE_URL)" };
    case "3D000":
      return { code, reason: "database does not exist (create it, e.g. `createdb <name>`)" };
    default:
      return { code, reason: e?.message ?? String(err) };
  }
}
