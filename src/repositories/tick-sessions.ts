/**
 * Reads of tick-data sessions (migrations/0006) for the sessions API, and a session's deletion.
 *
 * Conventions:
 * - Instants are epoch microseconds (src/util/instants.ts): converted in SQL both ways
 *   (`extract(epoch …)` is exact numeric on PostgreSQL ≥ 14), so a tick's microseconds survive.
 * - Within one session and symbol a tick, snapshot or value is identified by `(ts, seq)` (the
 *   primary key's tail): pages are keyset pages `(ts, seq) > after` in that order, so ties on `ts`
 *   never make a page skip or repeat a row, and each page is an index range.
 * - Candles and per-symbol price statistics come from the 1-minute candles (`tick_candles_1m`, kept
 *   current by every import and delete: tick-candles.ts); coarser candles are those minutes grouped
 *   with `date_bin` from 2000-01-01 UTC (both engines), so 1d candles are UTC days and 4h candles
 *   start at 00, 04, … UTC. A bucket with no trade has no candle.
 * - Every value reaches SQL as a bind parameter; the only text put together is fixed fragments.
 */
import type { Queryable, Session } from "../db/index.ts";
import type { TickCandle, TickOrderbookSnapshot, TickPrice, TickSession, TickSessionStatus } from "../schema/index.ts";
import { refreshTickCandles } from "./tick-candles.ts";

/** SQL: the epoch micros of a timestamptz expression. */
const micros = (column: string) => `(extract(epoch FROM ${column}) * 1000000)::int8`;
/** SQL: the timestamptz of an epoch-micros parameter. */
const instantOf = (param: string) => `(TIMESTAMPTZ 'epoch' + ${param}::int8 * INTERVAL '1 microsecond')`;

type InstantField = "startTime" | "endTime" | "firstTickAt" | "lastTickAt" | "importedAt" | "createdAt" | "updatedAt";

/** A session row with its instants as epoch micros (null where the row has none). */
export type StoredSession = Omit<TickSession, InstantField | "sourceMetadata" | "importRunId"> & { [K in InstantField]: number | null };

/** One trade: `ts` in epoch micros. */
export type StoredTick = Pick<TickPrice, "seq" | "price" | "volume" | "quoteVolume"> & { ts: number };

/** One order-book snapshot: levels best first, a missing level null. */
export type StoredSnapshot = Pick<TickOrderbookSnapshot, "seq" | "bidPrices" | "bidQtys" | "askPrices" | "askQtys"> & { ts: number };

/** A candle: `time` is the bucket's start in epoch seconds. */
export type StoredCandle = Pick<TickCandle, "open" | "high" | "low" | "close" | "volume" | "tradeCount"> & { time: number };

/** What one symbol of a session holds. Price figures are null when it has no trades. */
export interface SymbolStatistics {
  symbol: string;
  priceRecords: number;
  orderbookRecords: number;
  firstTick: number | null;
  lastTick: number | null;
  firstPrice: number | null;
  lastPrice: number | null;
  minPrice: number | null;
  maxPrice: number | null;
  totalVolume: number | null;
  firstSnapshot: number | null;
  lastSnapshot: number | null;
  /** Indicator ids with stored values, in name order. */
  indicators: string[];
}

export interface SessionListOptions {
  limit: number;
  status?: TickSessionStatus;
  /** Sessions holding exactly this symbol. */
  symbol?: string;
}

/** A position in one session's symbol: the last row of a page. */
export interface TickKey {
  ts: number;
  seq: number;
}

export interface PageOptions {
  /** Inclusive bounds, epoch micros. */
  from?: number;
  to?: number;
  limit: number;
  /** Rows strictly after this key. */
  after?: TickKey;
}

export interface Page<R> {
  rows: R[];
  /** True when rows follow the last one returned (within the bounds). */
  more: boolean;
}

export const CANDLE_INTERVALS = ["1m", "5m", "15m", "30m", "1h", "4h", "1d"] as const;
export type CandleInterval = (typeof CANDLE_INTERVALS)[number];
/** Each candle interval's length in seconds. */
export const CANDLE_SECONDS: Record<CandleInterval, number> = { "1m": 60, "5m": 300, "15m": 900, "30m": 1_800, "1h": 3_600, "4h": 14_400, "1d": 86_400 };

const BUCKETS: Record<Exclude<CandleInterval, "1m">, string> = {
  "5m": "5 minutes",
  "15m": "15 minutes",
  "30m": "30 minutes",
  "1h": "1 hour",
  "4h": "4 hours",
  "1d": "1 day",
};

export type DeleteOutcome =
  | { outcome: "deleted"; counts: { tickPrices: number; tickOrderbook: number; indicators: number; sessionFiles: number; sessions: number } }
  | { outcome: "not-found" }
  | { outcome: "active" };

const SESSION_COLUMNS = `session_id AS "sessionId", status, symbols, data_types AS "dataTypes",
  ${micros("start_time")} AS "startTime", ${micros("end_time")} AS "endTime", duration_seconds AS "durationSeconds",
  records_collected AS "recordsCollected", prices_count AS "pricesCount", orderbook_count AS "orderbookCount",
  trades_count AS "tradesCount", errors_count AS "errorsCount", exchange, notes,
  ${micros("first_tick_at")} AS "firstTickAt", ${micros("last_tick_at")} AS "lastTickAt", source_dir AS "sourceDir",
  ${micros("imported_at")} AS "importedAt", rejected_rows AS "rejectedRows",
  ${micros("created_at")} AS "createdAt", ${micros("updated_at")} AS "updatedAt"`;

/** `WHERE` conditions after session and symbol ($1, $2) for bounds and a keyset position, with their values. */
function pageConditions(options: PageOptions, values: unknown[]): string {
  const parts: string[] = [];
  const param = (value: unknown) => `$${values.push(value)}`;
  if (options.from !== undefined) parts.push(`ts >= ${instantOf(param(options.from))}`);
  if (options.to !== undefined) parts.push(`ts <= ${instantOf(param(options.to))}`);
  if (options.after !== undefined) parts.push(`(ts, seq) > (${instantOf(param(options.after.ts))}, ${param(options.after.seq)}::int4)`);
  return parts.map((p) => ` AND ${p}`).join("");
}

/** A keyset page of `table`'s rows: one row more than the limit is read to know whether more follow. */
async function keysetPage<R>(session: Queryable, columns: string, table: string, sessionId: string, symbol: string, options: PageOptions): Promise<Page<R>> {
  const values: unknown[] = [sessionId, symbol];
  const where = pageConditions(options, values);
  const rows = await session.query<R>(
    `SELECT ${micros("ts")} AS ts, seq, ${columns} FROM ${table}
     WHERE session_id = $1 AND symbol = $2${where} ORDER BY ts, seq LIMIT $${values.push(options.limit + 1)}`,
    values,
  );
  const more = rows.length > options.limit;
  if (more) rows.pop();
  return { rows, more };
}

const TICK_COLUMNS = `price, volume, quote_volume AS "quoteVolume"`;
const SNAPSHOT_COLUMNS = `bid_prices AS "bidPrices", bid_qtys AS "bidQtys", ask_prices AS "askPrices", ask_qtys AS "askQtys"`;

/**
 * Rows `i` of `count` spread evenly from the first to the last (`i = ⌊k (count − 1) / (points − 1)⌋`,
 * k = 0 … points − 1), all of them when `count ≤ points`: the SQL selecting row numbers `i` (from 0)
 * of `numbered`, whose columns include `i`.
 */
function evenlySpaced(numbered: string, count: number, points: number, values: unknown[]): string {
  if (count <= points) return `SELECT * FROM (${numbered}) n ORDER BY i`;
  const p = values.push(points);
  const c = values.push(count);
  return `SELECT n.* FROM (${numbered}) n
    JOIN generate_series(0, $${p}::int8 - 1) AS k ON n.i = (k * ($${c}::int8 - 1)) / ($${p}::int8 - 1) ORDER BY n.i`;
}

export function tickSessionsRepository(session: Session) {
  const rowCount = async (sql: string, values: unknown[]): Promise<number> => (await session.query<{ n: number }>(sql, values))[0].n;

  return {
    /** Sessions newest first (by start time, then id), and how many match in all. */
    async list(options: SessionListOptions): Promise<{ sessions: StoredSession[]; total: number }> {
      const values: unknown[] = [];
      const where: string[] = [];
      if (options.status !== undefined) where.push(`status = $${values.push(options.status)}`);
      if (options.symbol !== undefined) where.push(`$${values.push(options.symbol)} = ANY(symbols)`);
      const rows = await session.query<StoredSession & { total: number }>(
        `SELECT ${SESSION_COLUMNS}, count(*) OVER ()::int8 AS total FROM tick_sessions
         ${where.length > 0 ? `WHERE ${where.join(" AND ")}` : ""}
         ORDER BY start_time DESC NULLS LAST, session_id DESC LIMIT $${values.push(options.limit)}`,
        values,
      );
      const total = rows[0]?.total ?? 0;
      return { sessions: rows.map(({ total: _, ...row }) => row), total };
    },

    async get(sessionId: string): Promise<StoredSession | undefined> {
      const [row] = await session.query<StoredSession>(`SELECT ${SESSION_COLUMNS} FROM tick_sessions WHERE session_id = $1`, [sessionId]);
      return row;
    },

    /** Statistics per symbol of `symbols` (the session's), in that order. */
    async symbolStatistics(sessionId: string, symbols: readonly string[]): Promise<SymbolStatistics[]> {
      return session.query<SymbolStatistics>(
        `SELECT s.symbol,
           coalesce(c.trades, 0)::int8 AS "priceRecords",
           (SELECT count(*) FROM tick_orderbook o WHERE o.session_id = $1 AND o.symbol = s.symbol)::int8 AS "orderbookRecords",
           (SELECT ${micros("ts")} FROM tick_prices p WHERE p.session_id = $1 AND p.symbol = s.symbol ORDER BY ts, seq LIMIT 1) AS "firstTick",
           (SELECT ${micros("ts")} FROM tick_prices p WHERE p.session_id = $1 AND p.symbol = s.symbol ORDER BY ts DESC, seq DESC LIMIT 1) AS "lastTick",
           c.first_price AS "firstPrice", c.last_price AS "lastPrice", c.min_price AS "minPrice", c.max_price AS "maxPrice",
           c.volume AS "totalVolume",
           (SELECT ${micros("ts")} FROM tick_orderbook o WHERE o.session_id = $1 AND o.symbol = s.symbol ORDER BY ts, seq LIMIT 1) AS "firstSnapshot",
           (SELECT ${micros("ts")} FROM tick_orderbook o WHERE o.session_id = $1 AND o.symbol = s.symbol ORDER BY ts DESC, seq DESC LIMIT 1) AS "lastSnapshot",
           ARRAY(SELECT DISTINCT v.indicator_id FROM indicator_values v WHERE v.series = $1 AND v.symbol = s.symbol ORDER BY 1) AS indicators
         FROM unnest($2::text[]) WITH ORDINALITY AS s(symbol, position)
         LEFT JOIN LATERAL (
           SELECT sum(trade_count) AS trades, (array_agg(open ORDER BY bar_start))[1] AS first_price,
                  (array_agg(close ORDER BY bar_start DESC))[1] AS last_price, min(low) AS min_price, max(high) AS max_price,
                  sum(volume) AS volume
           FROM tick_candles_1m WHERE session_id = $1 AND symbol = s.symbol
         ) c ON true
         ORDER BY s.position`,
        [sessionId, symbols],
      );
    },

    /** A keyset page of one symbol's trades in (ts, seq) order. */
    ticks: (sessionId: string, symbol: string, options: PageOptions) => keysetPage<StoredTick>(session, TICK_COLUMNS, "tick_prices", sessionId, symbol, options),

    /** A keyset page of one symbol's order-book snapshots in (ts, seq) order. */
    snapshots: (sessionId: string, symbol: string, options: PageOptions) =>
      keysetPage<StoredSnapshot>(session, SNAPSHOT_COLUMNS, "tick_orderbook", sessionId, symbol, options),

    /** At most `points` snapshots within the bounds, spread evenly from the first to the last. */
    async sampledSnapshots(sessionId: string, symbol: string, bounds: { from?: number; to?: number }, points: number): Promise<StoredSnapshot[]> {
      const values: unknown[] = [sessionId, symbol];
      const where = pageConditions(bounds as PageOptions, values);
      const count = await rowCount(`SELECT count(*)::int8 AS n FROM tick_orderbook WHERE session_id = $1 AND symbol = $2${where}`, values);
      const numbered = `SELECT ${micros("ts")} AS ts, seq, ${SNAPSHOT_COLUMNS}, row_number() OVER (ORDER BY ts, seq) - 1 AS i
        FROM tick_orderbook WHERE session_id = $1 AND symbol = $2${where}`;
      const rows = await session.query<StoredSnapshot & { i: number }>(evenlySpaced(numbered, count, points, values), values);
      return rows.map(({ i: _, ...row }) => row);
    },

    /** At most `points` trades, spread evenly from the first to the last; with the number of trades. */
    async sampledTicks(sessionId: string, symbol: string, points: number): Promise<{ ticks: StoredTick[]; total: number }> {
      const values: unknown[] = [sessionId, symbol];
      const total = await rowCount("SELECT count(*)::int8 AS n FROM tick_prices WHERE session_id = $1 AND symbol = $2", values);
      const numbered = `SELECT ${micros("ts")} AS ts, seq, ${TICK_COLUMNS}, row_number() OVER (ORDER BY ts, seq) - 1 AS i
        FROM tick_prices WHERE session_id = $1 AND symbol = $2`;
      const rows = await session.query<StoredTick & { i: number }>(evenlySpaced(numbered, total, points, values), values);
      return { ticks: rows.map(({ i: _, ...row }) => row), total };
    },

    /** The last `limit` candles of `interval`, oldest first. */
    async candles(sessionId: string, symbol: string, interval: CandleInterval, limit: number): Promise<StoredCandle[]> {
      const values: unknown[] = [sessionId, symbol];
      const select =
        interval === "1m"
          ? `SELECT extract(epoch FROM bar_start)::int8 AS time, open, high, low, close, volume, trade_count AS "tradeCount"
             FROM tick_candles_1m WHERE session_id = $1 AND symbol = $2`
          : `SELECT extract(epoch FROM bucket)::int8 AS time, (array_agg(open ORDER BY bar_start))[1] AS open, max(high) AS high,
                    min(low) AS low, (array_agg(close ORDER BY bar_start DESC))[1] AS close, sum(volume) AS volume,
                    sum(trade_count)::int8 AS "tradeCount"
             FROM (SELECT date_bin($${values.push(BUCKETS[interval])}::interval, bar_start, TIMESTAMPTZ '2000-01-01 00:00:00+00') AS bucket, *
                   FROM tick_candles_1m WHERE session_id = $1 AND symbol = $2) m
             GROUP BY bucket`;
      const rows = await session.query<StoredCandle>(`SELECT * FROM (${select}) c ORDER BY time DESC LIMIT $${values.push(limit)}`, values);
      return rows.reverse();
    },

    /**
     * Delete a session with its trades, snapshots, indicator values and file records in one
     * transaction; an active session is refused (it is still being written). Its candles are
     * refreshed over the trades' time range once the deletion commits.
     */
    deleteSession(sessionId: string): Promise<DeleteOutcome> {
      return session.transaction(async (tx) => {
        const [row] = await tx.query<{ status: TickSessionStatus }>("SELECT status FROM tick_sessions WHERE session_id = $1 FOR UPDATE", [sessionId]);
        if (row === undefined) return { outcome: "not-found" };
        if (row.status === "active") return { outcome: "active" };
        const deleted = async (sql: string) => (await tx.query<{ n: number }>(`WITH d AS (${sql} RETURNING 1) SELECT count(*)::int8 AS n FROM d`, [sessionId]))[0].n;
        const [prices] = await tx.query<{ n: number; first: number | null; last: number | null }>(
          `WITH d AS (DELETE FROM tick_prices WHERE session_id = $1 RETURNING ts)
           SELECT count(*)::int8 AS n, ${micros("min(ts)")} AS first, ${micros("max(ts)")} AS last FROM d`,
          [sessionId],
        );
        const counts = {
          tickPrices: prices.n,
          tickOrderbook: await deleted("DELETE FROM tick_orderbook WHERE session_id = $1"),
          indicators: await deleted("DELETE FROM indicator_values WHERE series = $1"),
          sessionFiles: await deleted("DELETE FROM tick_session_files WHERE session_id = $1"),
          sessions: await deleted("DELETE FROM tick_sessions WHERE session_id = $1"),
        };
        if (prices.first !== null && prices.last !== null) {
          await refreshTickCandles(tx, { from: new Date(Math.floor(prices.first / 1000)), to: new Date(Math.ceil(prices.last / 1000)), sessions: [sessionId] });
        }
        return { outcome: "deleted", counts };
      });
    },
  };
}

export type TickSessionsRepository = ReturnType<typeof tickSessionsRepository>;
