/**
 * Replay benchmark: unpaced replaySession() over a loaded session, events/s, beside a raw binary
 * COPY read of the same rows in the same run.
 *
 * - Session: `--symbols` symbols, each with `--trades` trades and `--snapshots` 3-level order-book
 *   snapshots over one hour (runs of trades sharing a timestamp, as real files have), written with
 *   copyRows (default 4 × (200,000 + 50,000) = 1,000,000 events).
 * - Raw COPY: per symbol and kind, all its rows in (ts, seq) order as one binary COPY stream (the
 *   replay's SELECT without a limit), bytes only: what the engine delivers before anything is decoded,
 *   merged or made into an event.
 * - Replay: `for await` over replaySession(database, id, { batchSize }) counting the events, best of
 *   `--runs`. Ratio = replay events/s ÷ raw COPY events/s.
 * - Merge alone: the same replay over a database stand-in that answers each batch's COPY from a
 *   cache filled by one earlier replay: decoding, merging and making events, without the engine.
 * Engines: embedded PGlite in memory always; the PostgreSQL server at DATABASE_URL when set (a
 * scratch database `t_replay_bench_*`, dropped after). Target (issue 15): ≥ 1,000,000 events/s.
 */
import { loadavg } from "node:os";
import { integerOption, parseCli, runCli } from "../scripts/lib/cli.ts";
import { type Database, openDatabase, type Queryable } from "../src/db/index.ts";
import { createScratchDatabase } from "../src/db/scratch-database.ts";
import { replaySession } from "../src/replay/replay-session.ts";
import { tickOrderbook, tickPrices, tickSessions } from "../src/schema/index.ts";
import { mulberry32 } from "../src/synthetic/random.ts";
import { formatInstant } from "../src/util/instants.ts";
import { progress, seconds } from "./lib/timing.ts";

const HELP = `Usage: npm run bench:replay [-- --symbols 4 --trades 200000 --snapshots 50000 [--batch-size N] --runs 2 --engines pglite,postgres]

Loads one session (symbols × (trades + snapshots) events) and times an unpaced replay of it
beside a raw binary COPY read of the same rows. The server engine is used when DATABASE_URL is set.
--batch-size: rows read at a time per symbol and kind (default: replaySession's own, 50,000).`;

const OPTIONS = {
  symbols: { type: "string", default: "4" },
  trades: { type: "string", default: "200000" },
  snapshots: { type: "string", default: "50000" },
  "batch-size": { type: "string" },
  runs: { type: "string", default: "2" },
  engines: { type: "string", default: "pglite,postgres" },
} as const;

const SESSION = "exec_20251007_120000_b3nc4001";
const START = Date.parse("2025-10-07T12:00:00Z") * 1000;
const HOUR_MICROS = 3_600_000_000;

/** Instants over one hour at microsecond precision, a third of them shared with the one before. */
function instants(count: number, random: () => number): string[] {
  const step = HOUR_MICROS / count;
  const out: string[] = [];
  let t = START;
  for (let i = 0; i < count; i++) {
    if (i === 0 || random() > 1 / 3) t += 1 + Math.floor(random() * 2 * step);
    out.push(formatInstant(t));
  }
  return out;
}

async function seed(db: Database, symbols: string[], trades: number, snapshots: number): Promise<void> {
  const random = mulberry32(15);
  await db.copyRows(tickSessions, [{
    sessionId: SESSION, status: "completed", symbols, dataTypes: ["prices", "orderbook"], recordsCollected: symbols.length * (trades + snapshots),
    pricesCount: symbols.length * trades, orderbookCount: symbols.length * snapshots, tradesCount: symbols.length * trades, errorsCount: 0,
    exchange: "mexc", rejectedRows: 0,
  }]);
  for (const symbol of symbols) {
    const started = performance.now();
    const priceTimes = instants(trades, random);
    await db.copyRows(tickPrices, priceTimes.map((ts, i) => {
      const price = 100 + Math.round(random() * 10_000) / 100;
      const volume = 1 + Math.floor(random() * 50);
      return { sessionId: SESSION, symbol, ts: ts as unknown as Date, seq: i + 1, price, volume, quoteVolume: price * volume };
    }), { batchSize: 100_000 });
    const bookTimes = instants(snapshots, random);
    await db.copyRows(tickOrderbook, bookTimes.map((ts, i) => {
      const mid = 100 + Math.round(random() * 10_000) / 100;
      return {
        sessionId: SESSION, symbol, ts: ts as unknown as Date, seq: i + 1,
        bidPrices: [mid - 0.01, mid - 0.02, mid - 0.03], bidQtys: [1, 2, 3], askPrices: [mid + 0.01, mid + 0.02, mid + 0.03], askQtys: [3, 2, 1],
      };
    }), { batchSize: 100_000 });
    progress(`  ${symbol}: ${trades} trades + ${snapshots} snapshots written in ${seconds(started).toFixed(1)} s`);
  }
  await db.query("ANALYZE tick_prices");
  await db.query("ANALYZE tick_orderbook");
}

/** Seconds to read every row of the session as raw binary COPY streams (one per symbol and kind). */
async function rawCopySeconds(db: Database, symbols: readonly string[]): Promise<{ seconds: number; bytes: number }> {
  const started = performance.now();
  let bytes = 0;
  for (const symbol of symbols) {
    for (const select of ["SELECT ts, seq, price, volume, quote_volume FROM tick_prices", "SELECT ts, seq, bid_prices, bid_qtys, ask_prices, ask_qtys FROM tick_orderbook"]) {
      const out = await db.copyTo(`${select} WHERE session_id = $1 AND symbol = $2 ORDER BY ts, seq`, [SESSION, symbol]);
      bytes += out.length;
    }
  }
  return { seconds: seconds(started), bytes };
}

/** The database, with each COPY answered from memory once it has been read. */
function cachedCopies(db: Database): Queryable {
  const cache = new Map<string, Buffer>();
  return {
    query: db.query,
    copyFrom: db.copyFrom,
    async copyTo(select, params = [], settings) {
      const key = `${select}\u0000${JSON.stringify(params)}`;
      let bytes = cache.get(key);
      if (bytes === undefined) cache.set(key, (bytes = await db.copyTo(select, params, settings)));
      return bytes;
    },
    async copyToChunks(select, params, settings, onChunk) {
      onChunk(await this.copyTo(select, params, settings));
    },
  };
}

async function replaySeconds(db: Queryable, batchSize: number | undefined): Promise<{ seconds: number; events: number }> {
  const started = performance.now();
  let events = 0;
  for await (const _ of replaySession(db, SESSION, { batchSize })) events++;
  return { seconds: seconds(started), events };
}

const rate = (n: number, s: number) => Math.round(n / s).toLocaleString("en-US");

runCli(async () => {
  const values = parseCli(OPTIONS, HELP);
  if (!values) return;
  const symbolCount = integerOption(values.symbols, "--symbols", 1)!;
  const trades = integerOption(values.trades, "--trades", 1)!;
  const snapshots = integerOption(values.snapshots, "--snapshots", 0)!;
  const batchSize = integerOption(values["batch-size"], "--batch-size", 1);
  const runs = integerOption(values.runs, "--runs", 1)!;
  const engines = values.engines.split(",");
  const symbols = Array.from({ length: symbolCount }, (_, i) => `S${String(i).padStart(2, "0")}_USDT`);
  const total = symbolCount * (trades + snapshots);
  const targets: { name: string; open(): Promise<{ db: Database; drop(): Promise<void> }> }[] = [];
  if (engines.includes("pglite")) targets.push({ name: "pglite", open: async () => ({ db: await openDatabase({ dir: "memory://" }), drop: async () => {} }) });
  if (engines.includes("postgres") && process.env.DATABASE_URL) {
    targets.push({
      name: "postgres",
      async open() {
        const scratch = await createScratchDatabase(process.env.DATABASE_URL!, "t_replay_bench");
        return { db: await openDatabase({ url: scratch.url }), drop: scratch.drop };
      },
    });
  }
  for (const target of targets) {
    progress(`${target.name}: loading ${total.toLocaleString("en-US")} events (${symbolCount} symbols × (${trades} trades + ${snapshots} snapshots))`);
    const { db, drop } = await target.open();
    try {
      await seed(db, symbols, trades, snapshots);
      const raw = await rawCopySeconds(db, symbols);
      let best = Number.POSITIVE_INFINITY;
      for (let run = 0; run < runs; run++) {
        const replay = await replaySeconds(db, batchSize);
        if (replay.events !== total) throw new Error(`replay yielded ${replay.events} events, expected ${total}`);
        progress(`  replay run ${run + 1}: ${replay.seconds.toFixed(3)} s`);
        best = Math.min(best, replay.seconds);
      }
      const cached = cachedCopies(db);
      await replaySeconds(cached, batchSize);
      let merge = Number.POSITIVE_INFINITY;
      for (let run = 0; run < runs; run++) merge = Math.min(merge, (await replaySeconds(cached, batchSize)).seconds);
      console.log(
        `${target.name}: ${total.toLocaleString("en-US")} events; raw binary COPY ${raw.seconds.toFixed(3)} s (${rate(total, raw.seconds)} events/s, ${(raw.bytes / 1e6).toFixed(0)} MB); ` +
          `replay (batch ${batchSize ?? "default"}) ${best.toFixed(3)} s (${rate(total, best)} events/s), ${(raw.seconds / best).toFixed(2)} of raw COPY; ` +
          `merge alone ${merge.toFixed(3)} s (${rate(total, merge)} events/s); load average ${loadavg()[0].toFixed(1)}; target ≥ 1,000,000 events/s`,
      );
    } finally {
      await db.close();
      await drop();
    }
  }
});
