/**
 * Tick-session import benchmark: a seeded FX_code_AI data folder (default one session of 4 symbols ×
 * 125,000 trades = 500,000 price ticks, no order books, no problems) loaded with migrateCsvSessions()
 * into a fresh database per engine, beside a raw COPY of the same rows in the same run.
 *
 * - Import: end to end as a first run sees it (discovery, creating the schema, hashing and counting
 *   each file, every batch with its checkpoint, the session and file records, the candles refresh),
 *   and its load phase alone (first file started → last file committed); then end to end again into
 *   a database whose schema exists already (migrated before the clock starts), as every import after
 *   a user's first one runs.
 * - Raw COPY: the ticks the import stored, read back as one binary COPY stream and COPYed into a fresh
 *   migrated database of the same engine in one transaction: the engine's own COPY into tick_prices
 *   with its key index, with nothing read, parsed, checked or encoded. The ratio is import ticks/s
 *   over raw ticks/s.
 * Engines: embedded PGlite always; the PostgreSQL server at DATABASE_URL when set. Target: ≥ 200,000
 * ticks/s into the server.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { integerOption, parseCli, runCli } from "../scripts/lib/cli.ts";
import { openDatabase, type Database } from "../src/db/index.ts";
import type { Progress } from "../src/ingest/core/progress.ts";
import { migrateCsvSessions } from "../src/ingest/sessions/index.ts";
import { generateTickSessions } from "../src/synthetic/tick-sessions.ts";
import { freshTargets, type FreshTarget } from "./lib/fresh-targets.ts";
import { progress as log, seconds } from "./lib/timing.ts";

const HELP = `Usage: npm run bench:sessions [-- --symbols N --trades N --engines pglite,postgres --json]

Writes one seeded session of N symbols × N trades, then per engine imports it with
migrate-csv-sessions and times a raw binary COPY of the same ticks into a fresh database.
The server engine is used when DATABASE_URL is set.`;

const COLUMNS = ["session_id", "symbol", "ts", "seq", "price", "volume", "quote_volume"];

/** The span from the first file's start to the last file's end, from the importer's progress calls. */
function loadTimer(): { progress: Progress; seconds(): number } {
  let first = Number.POSITIVE_INFINITY;
  let last = 0;
  return {
    progress: {
      plan: () => undefined,
      table() {
        first = Math.min(first, performance.now());
        return { advance: () => undefined, finish: () => void (last = performance.now()) };
      },
      stop: () => undefined,
    },
    seconds: () => (last - first) / 1000,
  };
}

/** Seconds for a binary COPY of the ticks stored in `loaded` into a fresh migrated database of the same engine. */
async function rawCopySeconds(loaded: Database, engine: FreshTarget): Promise<{ seconds: number; rows: number }> {
  const stream = await loaded.copyTo(`SELECT ${COLUMNS.join(", ")} FROM tick_prices`);
  const target = await engine.fresh();
  const database = await openDatabase(target.options);
  try {
    const started = performance.now();
    await database.transaction((tx) => tx.copyFrom("tick_prices", COLUMNS, [stream], "binary"));
    const elapsed = seconds(started);
    const [{ n }] = await database.query<{ n: number }>("SELECT count(*)::int AS n FROM tick_prices");
    return { seconds: elapsed, rows: n };
  } finally {
    await database.close();
    await target.drop();
  }
}

runCli(async () => {
  const values = parseCli(
    {
      symbols: { type: "string", default: "4" },
      trades: { type: "string", default: "125000" },
      engines: { type: "string", default: "pglite,postgres" },
      json: { type: "boolean" },
    },
    HELP,
  );
  if (!values) return;
  const symbols = integerOption(values.symbols, "--symbols", 1)!;
  const trades = integerOption(values.trades, "--trades", 1)!;
  const dir = mkdtempSync(join(tmpdir(), "sessions-bench-"));
  try {
    const sample = generateTickSessions(join(dir, "data"), { seed: 1, sessions: 1, symbols, trades, snapshots: 0, problems: false });
    const ticks = symbols * trades;
    log(`${ticks} ticks (${symbols} symbols × ${trades}) in ${sample.dir}`);
    const results = [];
    for (const engine of freshTargets(values.engines.split(","), "t_sessions_bench")) {
      const target = await engine.fresh();
      const timer = loadTimer();
      const started = performance.now();
      const report = await migrateCsvSessions({ dataDir: sample.dir, target: target.options, progress: timer.progress });
      const importSeconds = seconds(started);
      const loaded = report.sessions.flatMap((s) => s.files).reduce((n, f) => n + f.loaded, 0);
      if (loaded !== ticks) throw new Error(`the import loaded ${loaded} of ${ticks} ticks`);
      const database = await openDatabase(target.options);
      let raw: { seconds: number; rows: number };
      try {
        raw = await rawCopySeconds(database, engine);
      } finally {
        await database.close();
        await target.drop();
      }
      const migrated = await engine.fresh();
      let migratedSeconds: number;
      try {
        await (await openDatabase(migrated.options)).close();
        const again = performance.now();
        await migrateCsvSessions({ dataDir: sample.dir, target: migrated.options });
        migratedSeconds = seconds(again);
      } finally {
        await migrated.drop();
      }
      if (raw.rows !== ticks) throw new Error(`the raw COPY wrote ${raw.rows} of ${ticks} ticks`);
      const result = {
        engine: engine.name,
        ticks,
        importSeconds: Number(importSeconds.toFixed(2)),
        importTicksPerSecond: Math.round(ticks / importSeconds),
        loadPhaseSeconds: Number(timer.seconds().toFixed(2)),
        loadPhaseTicksPerSecond: Math.round(ticks / timer.seconds()),
        rawCopySeconds: Number(raw.seconds.toFixed(2)),
        rawCopyTicksPerSecond: Math.round(ticks / raw.seconds),
        ratioToRawCopy: Number((raw.seconds / importSeconds).toFixed(2)),
        migratedSeconds: Number(migratedSeconds.toFixed(2)),
        migratedTicksPerSecond: Math.round(ticks / migratedSeconds),
        loadAverage: Number(loadavg()[0].toFixed(2)),
      };
      results.push(result);
      log(`${engine.name}: import ${result.importSeconds} s (load phase ${result.loadPhaseSeconds} s), into a migrated database ${result.migratedSeconds} s, raw COPY ${result.rawCopySeconds} s`);
    }
    if (values.json) console.log(JSON.stringify({ symbols, trades, results }));
    else {
      for (const r of results) {
        const verdict = (perSecond: number) => (r.engine === "postgres" ? (perSecond >= 200_000 ? " (target ≥ 200,000: met)" : " (target ≥ 200,000: missed)") : "");
        console.log(
          `${r.engine.padEnd(9)} migrate-csv-sessions ${r.importTicksPerSecond} ticks/s end to end creating the schema${verdict(r.importTicksPerSecond)}, ` +
            `${r.migratedTicksPerSecond} ticks/s into a migrated database${verdict(r.migratedTicksPerSecond)}, load phase ${r.loadPhaseTicksPerSecond}/s; ` +
            `raw binary COPY ${r.rawCopyTicksPerSecond}/s; ratio ${r.ratioToRawCopy}; load average ${r.loadAverage}`,
        );
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
