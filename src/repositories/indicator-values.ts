/**
 * Indicator values repository (`indicator_values`, migrations/0006): one indicator's values for a
 * tick session's symbol or for a stored bar series, saved, loaded and summarised.
 *
 * - A series is `{ session, symbol, indicator }` (stored as series = the session id) or
 *   `{ ticker, region, timeframe, indicator }` (series = `bars/<region>/<timeframe>`, symbol = the
 *   ticker); the indicator id is free text (`twpa_1a2b3c4d`, `sma(30).value`).
 * - Times are epoch microseconds (integers; PostgreSQL's precision, which a Date would cut to the
 *   millisecond), converted in SQL both ways. A daily bar's value is at its date's UTC midnight.
 * - `save` in mode `append` adds values, a time already stored taking the new value; in `overwrite`
 *   the series' stored values are replaced by the new set in one transaction, so a reader sees the
 *   old set or the new one, never a mix; an overwrite racing another writer of the series ends with
 *   exactly its own set (it runs again when the other's rows appear under it). A time given twice
 *   in one save keeps its last value. Values and confidences must be finite numbers or null;
 *   metadata any JSON value.
 * - `load` returns values in time order within [from, to] (inclusive, either open), the first
 *   `limit` of them when given, or the last `last` of them (still in time order); `info` says whether the series exists, how many values it has and
 *   the first and last time.
 * Bulk both ways, as the rest of the platform: a save is binary COPY (src/db/copy-rows.ts: straight
 * into the table when no time is stored yet, else merged through a staging table), a load is a binary
 * COPY of the SELECT read into values (src/db/copy-out.ts), each ~2-5x an INSERT … unnest or a plain
 * SELECT of the same values (parsing 1,000 floats of an array parameter alone costs ~1.5 ms on the
 * server). Every value reaches SQL as a bind parameter.
 */
import { copyBatch, type Session } from "../db/index.ts";
import { BinaryCopyReader } from "../db/copy-out.ts";
import { sqlState } from "../db/errors.ts";
import { InputError } from "../errors.ts";
import { indicatorValues } from "../schema/index.ts";
import { timestampValue } from "../util/instants.ts";

export type IndicatorSeriesKey =
  | { session: string; symbol: string; indicator: string }
  | { ticker: string; region: string; timeframe: string; indicator: string };

export interface IndicatorValue {
  /** Epoch microseconds. */
  ts: number;
  value: number | null;
  confidence?: number | null;
  metadata?: unknown;
}

export type SaveMode = "append" | "overwrite";

export interface SaveResult {
  /** Times new to the series. */
  loaded: number;
  /** Times already stored (append), or given twice in the save. */
  merged: number;
  /** Values removed first by an overwrite. */
  replaced: number;
}

export interface LoadOptions {
  /** Epoch microseconds, inclusive. */
  from?: number;
  to?: number;
  /** The first `limit` values. */
  limit?: number;
  /** The last `last` values, still oldest first (not with `limit`). */
  last?: number;
}

export interface SeriesInfo {
  exists: boolean;
  count: number;
  /** Epoch microseconds of the first and last value, null when there is none. */
  first: number | null;
  last: number | null;
}

/** Values per COPY: large saves go in several, in one transaction. */
const CHUNK = 50_000;
/** Runs of an overwrite that met another writer's new rows of the series (see save). */
const OVERWRITE_ATTEMPTS = 3;

const nonEmpty = (text: string, what: string) => {
  if (typeof text !== "string" || text.trim() === "") throw new InputError(`${what} must be non-empty text`);
  return text;
};

/** `[series, symbol, indicator_id]` of a key, checked. */
function keyOf(key: IndicatorSeriesKey): [string, string, string] {
  const indicator = nonEmpty(key.indicator, "the indicator id");
  if ("session" in key) {
    const session = nonEmpty(key.session, "the session id");
    if (session.includes("/")) throw new InputError(`session id "${session}" contains "/"; session ids never do`);
    return [session, nonEmpty(key.symbol, "the symbol"), indicator];
  }
  return [`bars/${nonEmpty(key.region, "the region")}/${nonEmpty(key.timeframe, "the timeframe")}`, nonEmpty(key.ticker, "the ticker"), indicator];
}

function micros(value: number, what: string): number {
  if (!Number.isSafeInteger(value)) throw new InputError(`${what} must be whole epoch microseconds, got ${value}`);
  return value;
}

function finiteOrNull(value: number | null | undefined, what: string, ts: number): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== "number" || !Number.isFinite(value)) throw new InputError(`${what} at ${ts} must be a finite number or null, got ${value}`);
  return value;
}

/** The rows to write, a time given twice keeping its last value (checked first, so a refusal writes nothing). */
function rowsOf([series, symbol, indicatorId]: [string, string, string], values: readonly IndicatorValue[]) {
  const last = new Map<number, number>();
  values.forEach((v, i) => last.set(micros(v.ts, "a value's time"), i));
  const rows: Record<string, unknown>[] = [];
  values.forEach((v, i) => {
    if (last.get(v.ts) !== i) return;
    rows.push({
      series,
      symbol,
      indicatorId,
      ts: timestampValue(v.ts),
      value: finiteOrNull(v.value, "value", v.ts),
      confidence: finiteOrNull(v.confidence, "confidence", v.ts),
      metadata: v.metadata === undefined || v.metadata === null ? null : JSON.stringify(v.metadata),
    });
  });
  return rows;
}

const KEY = "series = $1 AND symbol = $2 AND indicator_id = $3";

export function indicatorValuesRepository(session: Session) {
  return {
    async save(key: IndicatorSeriesKey, values: readonly IndicatorValue[], options: { mode: SaveMode }): Promise<SaveResult> {
      const k = keyOf(key);
      if (options.mode !== "append" && options.mode !== "overwrite") throw new InputError(`mode must be append or overwrite, got "${options.mode}"`);
      const rows = rowsOf(k, values);
      const overwrite = options.mode === "overwrite";
      const write = () => session.transaction(async (tx) => {
        // An overwrite's DELETE is sent without waiting for its answer: the COPY after it is queued on
        // the same connection, so the server runs them in order (one round trip fewer). The COPY
        // needs no savepoint: no stored time of the series is left to conflict with.
        const deleted = overwrite
          ? tx.query<{ replaced: number }>(`WITH d AS (DELETE FROM indicator_values WHERE ${KEY} RETURNING 1) SELECT count(*)::int AS replaced FROM d`, k)
          : Promise.resolve([{ replaced: 0 }]);
        deleted.catch(() => undefined);
        let loaded = 0;
        try {
          for (let at = 0; at < rows.length; at += CHUNK) {
            // Times are distinct after rowsOf: no client-side check of repeats needed.
            const batch = rows.slice(at, at + CHUNK);
            loaded += (await copyBatch(tx, indicatorValues, batch, { onConflict: "update", distinctKeys: true, noStoredKeys: overwrite })).loaded;
          }
        } catch (err) {
          await deleted; // a failed DELETE is the cause; the COPY then only found the transaction aborted
          throw err;
        }
        const [{ replaced }] = await deleted;
        return { loaded, merged: values.length - loaded, replaced };
      });
      // Another writer's rows of the series that committed after the DELETE looked (READ COMMITTED) make
      // the COPY fail on a stored time; the overwrite is then run again, and deletes them too.
      for (let attempt = 1; ; attempt++) {
        try {
          return await write();
        } catch (err) {
          if (!overwrite || attempt === OVERWRITE_ATTEMPTS || sqlState(err) !== "23505") throw err;
        }
      }
    },

    async load(key: IndicatorSeriesKey, options: LoadOptions = {}): Promise<IndicatorValue[]> {
      const k = keyOf(key);
      const from = options.from === undefined ? null : micros(options.from, "from");
      const to = options.to === undefined ? null : micros(options.to, "to");
      if (from !== null && to !== null && from > to) throw new InputError(`from ${from} is after to ${to}`);
      const count = (name: "limit" | "last") => {
        const n = options[name];
        if (n !== undefined && (!Number.isSafeInteger(n) || n < 1)) throw new InputError(`${name} must be a positive integer, got ${n}`);
        return n ?? null;
      };
      const limit = count("limit");
      const last = count("last");
      if (limit !== null && last !== null) throw new InputError("give limit (the first values) or last (the last values), not both");
      // Bounds and limit only when given, so each bound is an index bound (and chunk exclusion).
      const params: unknown[] = [...k];
      const bound = (op: string, at: number | null) => (at === null ? "" : ` AND ts ${op} TIMESTAMPTZ 'epoch' + $${params.push(at)}::int8 * INTERVAL '1 microsecond'`);
      const where = `${KEY}${bound(">=", from)}${bound("<=", to)}`;
      const columns = "ts, value, confidence, metadata::text AS metadata";
      const select =
        last === null
          ? `SELECT ${columns} FROM indicator_values WHERE ${where} ORDER BY ts${limit === null ? "" : ` LIMIT $${params.push(limit)}::int8`}`
          : `SELECT * FROM (SELECT ${columns} FROM indicator_values WHERE ${where} ORDER BY ts DESC LIMIT $${params.push(last)}::int8) v ORDER BY ts`;
      const reader = new BinaryCopyReader(await session.copyTo(select, params));
      const out: IndicatorValue[] = [];
      while (reader.nextRow()) {
        const ts = reader.epochMicros();
        const value = reader.nullableFloat8();
        const confidence = reader.nullableFloat8();
        const metadata = reader.text();
        out.push({ ts, value, confidence, metadata: metadata === null ? null : JSON.parse(metadata) });
      }
      return out;
    },

    async info(key: IndicatorSeriesKey): Promise<SeriesInfo> {
      const [r] = await session.query<{ count: number; first: number | null; last: number | null }>(
        `SELECT count(*)::int8 AS count, (extract(epoch FROM min(ts)) * 1000000)::int8 AS first, (extract(epoch FROM max(ts)) * 1000000)::int8 AS last
         FROM indicator_values WHERE ${KEY}`,
        keyOf(key),
      );
      return { exists: r.count > 0, count: r.count, first: r.first, last: r.last };
    },
  };
}

export type IndicatorValuesRepository = ReturnType<typeof indicatorValuesRepository>;
