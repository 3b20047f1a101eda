/**
 * The sessions API and page as one Hono app over a database session: `createSessionsApp(database)`
 * answers requests (`app.fetch(request)`) without listening anywhere, so tests call it directly and
 * serve.ts puts it on a port.
 *
 * Errors: a PlatformError becomes its status with `{ detail: message }` (FastAPI's shape, as the
 * original answered): "bad-input" 400, "not-found" 404, "conflict" 409, other expected failures (an
 * unreachable database) 503. Anything else is a bug: 500 with a fixed message, logged with its stack.
 */
import { Hono } from "hono";
import type { Session } from "../db/index.ts";
import { isExpectedError } from "../errors.ts";
import { indicatorValuesRepository } from "../repositories/indicator-values.ts";
import { tickSessionsRepository } from "../repositories/tick-sessions.ts";
import { chartRoutes } from "./chart.ts";
import { dataCollectionRoutes } from "./data-collection.ts";
import { indicatorRoutes } from "./indicators.ts";
import { pageRoutes } from "./page.ts";

const STATUS: Record<string, 400 | 404 | 409> = { "bad-input": 400, "not-found": 404, conflict: 409 };

export function createSessionsApp(database: Session, log: (message: string) => void = (m) => console.error(m)): Hono {
  const app = new Hono();
  const sessions = tickSessionsRepository(database);
  dataCollectionRoutes(app, sessions);
  chartRoutes(app, sessions);
  indicatorRoutes(app, sessions, indicatorValuesRepository(database));
  pageRoutes(app);
  app.notFound((c) => c.json({ detail: `no such endpoint: ${c.req.method} ${new URL(c.req.url).pathname}` }, 404));
  app.onError((err, c) => {
    if (isExpectedError(err)) return c.json({ detail: err.message }, STATUS[err.code] ?? 503);
    log(`${c.req.method} ${c.req.url}: ${err.stack ?? err.message}`);
    return c.json({ detail: "internal error" }, 500);
  });
  return app;
}
