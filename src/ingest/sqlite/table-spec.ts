/**
 * How one source table loads: which source columns it reads, the target table, the conflict key and
 * policy, and a transform from one source row to one target row (or a `RowReject`).
 *
 * Transforms read columns by name through a `SourceView`: one object per table pass whose getters
 * index into the current raw row, so reading a row allocates nothing (better-sqlite3's raw arrays are
 * several times faster than its row objects). Optional columns may be absent from older files and
 * then read as NULL.
 */
import type { PgTable } from "drizzle-orm/pg-core";
import type { InstrumentResolver } from "./instruments.ts";
import type { SqlValue, TimeZones } from "../core/values.ts";

export interface TransformContext {
  resolver: InstrumentResolver;
  /** Yahoo's instrumentType (quoteType) by source symbol, where the source records one; else empty. */
  instrumentTypes: ReadonlyMap<string, string>;
  zones: TimeZones;
  /** The run's start as timestamp text: `created_at` for rows whose source has none. */
  loadedAt: string;
  /** Count a condition that does not stop a row from loading (reported per table). */
  note(condition: string): void;
}

export type SourceView<C extends string> = { readonly [K in C]: SqlValue };

/** A target row as transforms build it: timestamps are PostgreSQL timestamp text (see core/values.ts). */
type Loadable<V> = Date extends V ? Exclude<V, Date> | string : V;
export type LoadRow<T> = { [K in keyof T]?: Loadable<T[K]> };

/**
 * A pass reads the rows matching `where` (SQL on the source table) in rowid order. Rows whose key is
 * already present are merged: `update` lets the later row win, `ignore` keeps the earlier one.
 */
export interface TablePass {
  where?: string;
  onConflict: "update" | "ignore";
}

export interface TableSpec {
  source: string;
  target: PgTable;
  required: readonly string[];
  optional: readonly string[];
  /** Conflict key (target properties); default: the target's primary key. */
  key?: readonly string[];
  passes: readonly TablePass[];
  /** Price rows: instruments they name that the target lacks are created, marked inferred. */
  createsInstruments: boolean;
  transform(row: SourceView<string>, context: TransformContext): Record<string, unknown>;
}

export interface TableDefinition<C extends string, Out extends object> {
  source: string;
  target: PgTable;
  required: readonly C[];
  optional?: readonly C[];
  key?: readonly (keyof Out & string)[];
  passes?: readonly TablePass[];
  createsInstruments?: boolean;
  transform(row: SourceView<C>, context: TransformContext): Out;
}

const ALL_ROWS_LAST_WINS: readonly TablePass[] = [{ onConflict: "update" }];

export function defineTable<C extends string, Out extends object>(definition: TableDefinition<C, Out>): TableSpec {
  return {
    ...definition,
    optional: definition.optional ?? [],
    passes: definition.passes ?? ALL_ROWS_LAST_WINS,
    createsInstruments: definition.createsInstruments ?? false,
    transform: definition.transform as TableSpec["transform"],
  };
}

/** A reusable view over raw rows laid out as `columns`; point it at a row with `view.at(values)`. */
export function sourceView(spec: TableSpec, columns: readonly string[]): { view: SourceView<string>; at(values: unknown[]): void } {
  const state = { values: [] as unknown[] };
  const view = {} as Record<string, SqlValue>;
  for (const name of [...spec.required, ...spec.optional]) {
    const index = columns.indexOf(name);
    Object.defineProperty(view, name, { get: index < 0 ? () => null : () => state.values[index] as SqlValue, enumerable: true });
  }
  return {
    view,
    at(values) {
      state.values = values;
    },
  };
}
