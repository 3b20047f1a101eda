/**
 * Errors a user can act on. `expected = true` makes the CLI print one line and exit 2 instead of a
 * stack trace; `code` is PostgreSQL's SQLSTATE (or a Node network code) so callers can branch on it.
 */
export class DatabaseError extends Error {
  override name = "DatabaseError";
  readonly expected = true;
  constructor(
    message: string,
    readonly code: string | undefined,
    /** Where it happened, without secrets: `host:port/database` or the embedded directory. */
    readonly target: string,
  ) {
    super(message);
  }
}

/** A short reason for a failed connection, from the driver's error. */
export function connectionFailureReason(err: unknown): { reason: string; code: string | undefined } {
  const e = err as { code?: string; message?: string };
  const code = e?.code;
  switch (code) {
    case "ECONNREFUSED":
      return { code, reason: "connection refused (is the server running and listening there?)" };
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return { code, reason: "host not found" };
    case "CONNECT_TIMEOUT":
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
