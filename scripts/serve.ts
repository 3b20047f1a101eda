/**
 * The tick-sessions API and page over the configured database until interrupted. The work is
 * serveSessions (src/server/serve.ts); this file parses flags, prints where it listens, and closes
 * the server on Ctrl-C or SIGTERM.
 */
import { DEFAULT_HOST, DEFAULT_PORT, serveSessions } from "../src/server/serve.ts";
import { integerOption, parseCli, runCli } from "./lib/cli.ts";

const HELP = `Usage: tsx scripts/serve.ts [--port ${DEFAULT_PORT}] [--host ${DEFAULT_HOST}]

Serves the stored tick sessions over HTTP until interrupted: the page at / (sessions, candles and
the order-book spread) and FX_code_AI's REST API:
  GET    /api/data-collection/sessions?limit&status&symbol&include_stats
  GET    /api/data-collection/{id}
  GET    /api/data-collection/{id}/ticks?symbol&from&to&limit&cursor
  GET    /api/data-collection/{id}/orderbook?symbol&from&to&limit&cursor | &max_points
  GET    /api/data-collection/{id}/chart-data?symbol&max_points
  GET    /api/chart/ohlcv?session_id&symbol&interval=1m|5m|15m|30m|1h|4h|1d&limit
  GET    /api/indicators/sessions/{sid}/symbols/{sym}/indicators/{id}/history?limit
  DELETE /api/data-collection/sessions/{id}

  --port N     port to listen on (default ${DEFAULT_PORT}; 0 picks a free one)
  --host H     address to bind (default ${DEFAULT_HOST}: this machine only; the API can delete
               sessions and has no authentication)
  --help       show this help

Database: DATABASE_URL=postgres://user:pass@host:port/db, else the embedded database in
PGLITE_DIR (default ./data/pglite), which must exist.
Exit codes: 0 stopped by Ctrl-C or SIGTERM; 2 bad input (a flag, a port in use, no database).`;

const OPTIONS = {
  port: { type: "string" },
  host: { type: "string" },
} as const;

runCli(async () => {
  const values = parseCli(OPTIONS, HELP);
  if (!values) return;
  const server = await serveSessions({ port: integerOption(values.port, "--port", 0), host: values.host });
  console.log(`serving tick sessions at ${server.url}/ (Ctrl-C stops)`);
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  await server.close();
});
