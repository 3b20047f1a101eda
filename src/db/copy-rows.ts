/**
 * The bulk write path: rows → COPY → merge into the target with `INSERT … ON CONFLICT`.
 *
 * Rows are encoded in PostgreSQL's binary COPY format from their typed values (copy-binary.ts) on
 * both engines, so no number is printed or parsed as text; a table with a column type the binary
 * encoder lacks, or a batch holding a value it does not take exactly (e.g. timestamp text in a named
 * zone), is written as CSV (csv.ts), with the same result.
 *
 * Each batch is atomic: its own transaction on the database, a savepoint inside a transaction (so a
 * load inside a transaction commits or rolls back with it), or the caller's own with `copyBatch`.
 * A batch is first COPYed straight into the target under a savepoint: when no key already exists —
 * every first load — that is the whole cost. On a unique violation it is rolled back to the
 * savepoint, COPYed into a temporary staging table and merged, idempotently (a key repeated within
 * the batch is merged before the COPY, so it alone does not force the staging path):
 * - `onConflict: "update"` (default): an existing key takes the new values (last row wins, also
 *   among duplicates inside one batch);
 * - `onConflict: "ignore"`: an existing key keeps its values (first row wins).
 * Either way a row whose key was already present is counted as `merged`, never loaded twice.
 * Deduplicating and encoding (`prepareCopy`) is apart from writing (`copyPrepared`), so a loader can
 * prepare its batches on another thread than the one holding the connection.
 */
import { getTableColumns, getTableName } from "drizzle-orm";
import { getTableConfig, type PgTable } from "drizzle-orm/pg-core";
import { binaryCopyChunks, binaryTypeOf, NotBinaryEncodable, resolveZoneOffsets, ZoneOffsets, type BinaryField } from "./copy-binary.ts";
import { csvChunks, csvEncoder, type CsvKind } from "./csv.ts";
import { sqlState } from "./errors.ts";
import { ident, identList, type CopyFormat } from "./sql-text.ts";
import type { Capabilities, Transaction } from "./types.ts";

export interface CopyResult {
  /** Rows whose key was new to the table. */
  loaded: number;
  /** Rows whose key was already present (in the table or earlier in the same load). */
  merged: number;
}

export interface CopyOptions<R> {
  /** Properties to write; default: the keys of the first row. Missing properties are NULL. */
  columns?: readonly (keyof R & string)[];
  onConflict?: "update" | "ignore";
  /** Conflict key (properties); default: the table's primary key. */
  key?: readonly (keyof R & string)[];
  /**
   * The caller knows no key repeats within a batch (a line number is part of it): the client-side
   * merge of repeats is skipped. A repeat would still be merged, by the server (the staging path).
   */
  distinctKeys?: boolean;
  /** See MergeOptions. */
  noStoredKeys?: boolean;
}

/** How a prepared batch merges: the options of CopyOptions that matter once rows are encoded. */
export interface MergeOptions {
  onConflict?: "update" | "ignore";
  /** Conflict key (properties); default: the table's primary key. */
  key?: readonly string[];
  /**
   * The caller knows no stored row shares a key (it deleted them earlier in this transaction): the
   * COPY goes straight in without a savepoint to fall back to (two round trips fewer), and a unique
   * violation fails the transaction.
   */
  noStoredKeys?: boolean;
}

interface TargetShape {
  table: string;
  columns: string[];
  encode: (row: unknown) => string;
  /** The binary encoding of each column, or null when one has none (CSV only). */
  binary: BinaryField[] | null;
  key: string[];
  /** The key's row properties. */
  keyProps: string[];
}

interface TableEncoding {
  columns: string[];
  encode: (row: unknown) => string;
  binary: BinaryField[] | null;
}

const encoders = new WeakMap<PgTable, Map<string, TableEncoding>>();

/**
 * The database columns for `props` of `table`, a CSV encoder for rows with those properties and
 * their binary COPY fields (null when a column's type has no binary encoding here), built once per
 * table and property list.
 */
export function tableCsv(table: PgTable, props: readonly string[]): TableEncoding {
  let byTable = encoders.get(table);
  if (!byTable) encoders.set(table, (byTable = new Map()));
  const cacheKey = props.join("\u0000");
  let entry = byTable.get(cacheKey);
  if (!entry) {
    const byProp = getTableColumns(table);
    const fields = props.map((prop) => {
      const col = byProp[prop];
      if (!col) throw new Error(`copyRows: ${getTableName(table)} has no column for property "${prop}"`);
      const kind: CsvKind = col.dataType === "number" ? "number" : col.dataType === "string" ? "string" : "other";
      return { prop, column: col.name, kind, type: binaryTypeOf(col) };
    });
    const binary = fields.every((f) => f.type !== null) ? fields.map((f) => ({ prop: f.prop, column: f.column, type: f.type! })) : null;
    entry = { columns: fields.map((f) => f.column), encode: csvEncoder(fields), binary };
    byTable.set(cacheKey, entry);
  }
  return entry;
}

function propsOf<R>(first: R, options: CopyOptions<R>): string[] {
  return [...((options.columns ?? Object.keys(first as object)) as readonly string[])];
}

function shapeOf(table: PgTable, props: readonly string[], options: MergeOptions): TargetShape {
  const byProp = getTableColumns(table);
  const { columns, encode, binary } = tableCsv(table, props);
  let key: string[];
  if (options.key) {
    key = options.key.map((p) => byProp[p].name);
  } else {
    const config = getTableConfig(table);
    key = config.primaryKeys[0]?.columns.map((c) => c.name) ??
      config.columns.filter((c) => c.primary).map((c) => c.name);
  }
  const missing = key.filter((k) => !columns.includes(k));
  if (missing.length > 0) throw new Error(`copyRows: key column(s) ${missing.join(", ")} not among the written columns`);
  const keyProps = key.map((c) => props[columns.indexOf(c)]);
  return { table: getTableName(table), columns, encode, binary, key, keyProps };
}

/** Run `step` under a savepoint; false (rolled back) when it fails with the given SQLSTATE. */
async function attempt(tx: Transaction, onCode: string, step: (sp: Transaction) => Promise<void>): Promise<boolean> {
  try {
    await tx.savepoint(step);
    return true;
  } catch (err) {
    if (sqlState(err) !== onCode) throw err;
    return false;
  }
}

/**
 * A batch encoded for COPY, ready for `copyPrepared`: made by `prepareCopy` where the rows are (a
 * loader's worker thread), written where the connection is. Its chunks are plain bytes or text, so
 * it crosses threads by transfer or copy.
 */
export interface PreparedCopy {
  /** The row properties written, in column order. */
  props: string[];
  chunks: (string | Uint8Array)[];
  format: CopyFormat;
  /** Rows given to prepareCopy. */
  rows: number;
  /** Of those, rows dropped because a later (update) or earlier (ignore) row had their key. */
  repeats: number;
}

/**
 * `rows` deduplicated on their key and encoded: binary COPY when every column and value has a binary
 * encoding, else CSV. Timestamp text in a named zone needs that zone's offsets: when `zones` lacks
 * some, they are listed in `zones.missing` and the result must not be used — resolve them
 * (`resolveZoneOffsets`) and prepare again.
 */
export function prepareCopy<R>(table: PgTable, rows: readonly R[], options: CopyOptions<R>, zones: ZoneOffsets): PreparedCopy {
  const props = propsOf(rows[0], options);
  const shape = shapeOf(table, props, options);
  // A key repeated inside the batch would fail the direct COPY for certain: the repeats are merged
  // here (the row that would win below is kept) and counted as merged.
  const unique = options.distinctKeys ? rows : withoutRepeatedKeys(rows, shape.keyProps, options.onConflict === "ignore" ? "first" : "last");
  const counts = { props, rows: rows.length, repeats: rows.length - unique.length };
  if (shape.binary) {
    try {
      return { ...counts, chunks: binaryCopyChunks(unique, shape.binary, zones), format: "binary" };
    } catch (err) {
      if (!(err instanceof NotBinaryEncodable)) throw err;
      zones.missing.clear();
    }
  }
  return { ...counts, chunks: [...csvChunks(unique, shape.encode)], format: "csv" };
}

/** Named time zones' offsets as each database applies them, learnt as loads meet them (copy-binary.ts). */
const zoneOffsets = new WeakMap<Capabilities, ZoneOffsets>();

/** The zone offsets learnt on `session`'s database, shared by every load into it. */
function zoneOffsetsOf(session: { capabilities: Capabilities }): ZoneOffsets {
  let zones = zoneOffsets.get(session.capabilities);
  if (!zones) zoneOffsets.set(session.capabilities, (zones = new ZoneOffsets()));
  return zones;
}

/** Write one batch inside the caller's transaction. */
export async function copyBatch<R>(tx: Transaction, table: PgTable, rows: readonly R[], options: CopyOptions<R> = {}): Promise<CopyResult> {
  if (rows.length === 0) return { loaded: 0, merged: 0 };
  const zones = zoneOffsetsOf(tx);
  let prepared = prepareCopy(table, rows, options, zones);
  if (zones.missing.size > 0) {
    await resolveZoneOffsets(tx, zones);
    prepared = prepareCopy(table, rows, options, zones);
  }
  return copyPrepared(tx, table, prepared, options);
}

/** Write a prepared batch inside the caller's transaction: COPY, and the merge when a key exists. */
export async function copyPrepared(tx: Transaction, table: PgTable, prepared: PreparedCopy, options: MergeOptions = {}): Promise<CopyResult> {
  if (prepared.rows === 0) return { loaded: 0, merged: 0 };
  const shape = shapeOf(table, prepared.props, options);
  const { chunks: data, format } = prepared;
  if (options.noStoredKeys) {
    await tx.copyFrom(shape.table, shape.columns, data, format);
    return { loaded: prepared.rows - prepared.repeats, merged: prepared.repeats };
  }
  const direct = await attempt(tx, "23505", (sp) => sp.copyFrom(shape.table, shape.columns, data, format));
  if (direct) return { loaded: prepared.rows - prepared.repeats, merged: prepared.repeats };

  const stage = `_stage_${shape.table}`;
  const cols = identList(shape.columns);
  await tx.query(`DROP TABLE IF EXISTS ${ident(stage)}`);
  await tx.query(`CREATE TEMP TABLE ${ident(stage)} ON COMMIT DROP AS SELECT ${cols} FROM ${ident(shape.table)} WITH NO DATA`);
  await tx.copyFrom(stage, shape.columns, data, format);

  const updates = shape.columns.filter((c) => !shape.key.includes(c));
  const action =
    options.onConflict === "ignore" || updates.length === 0
      ? "DO NOTHING"
      : `DO UPDATE SET ${updates.map((c) => `${ident(c)} = EXCLUDED.${ident(c)}`).join(", ")}`;
  const merge = (source: string) =>
    `WITH m AS (INSERT INTO ${ident(shape.table)} (${cols}) ${source} ON CONFLICT (${identList(shape.key)}) ${action} RETURNING (xmax = 0) AS fresh)
     SELECT count(*) FILTER (WHERE fresh)::int AS loaded FROM m`;
  let loaded = 0;
  const plain = await attempt(tx, "21000", async (sp) => {
    [{ loaded }] = await sp.query<{ loaded: number }>(merge(`SELECT ${cols} FROM ${ident(stage)}`));
  });
  if (!plain) {
    // A repeat the client could not see (equal in the database, different in JS, e.g. a Date and its
    // text): keep its last occurrence (COPY appends in order, so ctid is input order).
    const key = identList(shape.key);
    [{ loaded }] = await tx.query<{ loaded: number }>(
      merge(`SELECT DISTINCT ON (${key}) ${cols} FROM ${ident(stage)} ORDER BY ${key}, ctid DESC`),
    );
  }
  await tx.query(`DROP TABLE ${ident(stage)}`);
  return { loaded, merged: prepared.rows - loaded };
}

/** One key value as text that only an equal value of the same JS type shares. */
function keyPart(v: unknown): string {
  return v instanceof Date ? `d${v.getTime()}` : `${(typeof v)[0]}${String(v)}`;
}

/**
 * `rows` with each repeated key kept once — its first or its last row, where it stood — or `rows`
 * itself when no key repeats. Values equal only in the database (a Date and its text) are not seen
 * as repeats here; the merge's DISTINCT ON still handles those.
 */
function withoutRepeatedKeys<R>(rows: readonly R[], keyProps: readonly string[], keep: "first" | "last"): readonly R[] {
  const seen = new Map<string, number>();
  const drop = new Set<number>();
  rows.forEach((row, i) => {
    const r = row as Record<string, unknown>;
    let key = "";
    for (const p of keyProps) key += `${keyPart(r[p])}\u0000`;
    const earlier = seen.get(key);
    if (earlier === undefined) seen.set(key, i);
    else if (keep === "first") drop.add(i);
    else {
      drop.add(earlier);
      seen.set(key, i);
    }
  });
  return drop.size === 0 ? rows : rows.filter((_, i) => !drop.has(i));
}

export interface BatchProgress extends CopyResult {
  batchRows: number;
}

export interface CopyRowsOptions<R> extends CopyOptions<R> {
  /** Rows per batch (default 50,000). */
  batchSize?: number;
  onBatch?: (progress: BatchProgress) => void;
}

/** Write rows in batches, each batch atomic through `session.transaction` (see the header). */
export async function copyRows<R>(
  session: { transaction<T>(fn: (tx: Transaction) => Promise<T>): Promise<T> },
  table: PgTable,
  rows: Iterable<R> | AsyncIterable<R>,
  options: CopyRowsOptions<R> = {},
): Promise<CopyResult> {
  const batchSize = options.batchSize ?? 50_000;
  const total: CopyResult = { loaded: 0, merged: 0 };
  let batch: R[] = [];
  const flush = async () => {
    const result = await session.transaction((tx) => copyBatch(tx, table, batch, options));
    total.loaded += result.loaded;
    total.merged += result.merged;
    options.onBatch?.({ ...result, batchRows: batch.length });
    batch = [];
  };
  // A synchronous source is walked synchronously: `for await` over an array costs a microtask a row.
  if (Symbol.asyncIterator in rows) {
    for await (const row of rows) {
      batch.push(row);
      if (batch.length >= batchSize) await flush();
    }
  } else {
    for (const row of rows) {
      batch.push(row);
      if (batch.length >= batchSize) await flush();
    }
  }
  if (batch.length > 0) await flush();
  return total;
}
