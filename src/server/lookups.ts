/**
 * The existence checks every endpoint makes before it reads data: the session (404 when it is not
 * stored) and the symbol within it (404 when the session has no files of it). Ids are checked for
 * form first (400, params.ts). 404s are PlatformErrors with code "not-found".
 */
import { PlatformError } from "../errors.ts";
import type { StoredSession, TickSessionsRepository } from "../repositories/tick-sessions.ts";
import { nameParam } from "./params.ts";

export function notFound(message: string, context: Record<string, unknown> = {}): PlatformError {
  return new PlatformError("not-found", message, { context });
}

export async function storedSession(sessions: TickSessionsRepository, id: string): Promise<StoredSession> {
  const session = await sessions.get(nameParam("session id", id));
  if (session === undefined) throw notFound(`session ${id} not found`, { sessionId: id });
  return session;
}

/** `symbol` when the session has it. */
export function sessionSymbol(session: StoredSession, symbol: string): string {
  nameParam("symbol", symbol);
  if (!session.symbols.includes(symbol)) {
    throw notFound(`session ${session.sessionId} has no symbol ${symbol} (it has ${session.symbols.join(", ") || "none"})`, { symbol });
  }
  return symbol;
}
