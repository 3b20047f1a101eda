/**
 * `formatResult(value)`: what the REPL prints for a result (its `writer`), usable in a notebook too.
 *
 * - an array of row objects → an aligned table with elision and a row count (format-table.ts);
 * - a panel (src/panel: `dates`, `tickers`, `values`) → a date × ticker table;
 * - a plain object (a run's result, a report) → an outline, one `key: value` line per field, nested
 *   objects indented up to three levels, row arrays and panels summarised by their size and columns;
 * - numbers to 6 significant digits, Dates as `YYYY-MM-DD` (format-scalar.ts); strings quoted;
 * - anything else (errors with their stack, Maps, class instances) as `util.inspect` shows it.
 */
import { inspect, types } from "node:util";
import type { Panel } from "../panel/index.ts";
import { formatScalar } from "./format-scalar.ts";
import { counted, panelTable, rowsTable } from "./format-table.ts";

const OUTLINE_DEPTH = 3;
const LIST_ITEMS = 8;
const INDENT = "  ";

/** An object literal, from this realm or a vm context's (a REPL's own context has its own Object). */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === null || (Object.getPrototypeOf(proto) === null && typeof proto.hasOwnProperty === "function");
}

export function isPanel(value: unknown): value is Panel {
  if (typeof value !== "object" || value === null) return false;
  const { dates, tickers, values } = value as Partial<Panel>;
  return Array.isArray(dates) && Array.isArray(tickers) && types.isFloat64Array(values) && values.length === dates.length * tickers.length;
}

function isRowArray(value: unknown): value is Record<string, unknown>[] {
  return Array.isArray(value) && value.length > 0 && value.every((row) => isPlainObject(row) && !isPanel(row));
}

/** A list on one line: its first items, then how many there are. */
function shortList(items: ArrayLike<unknown>, prefix: string): string {
  const head = Array.from({ length: Math.min(items.length, LIST_ITEMS) }, (_, k) => quoted(items[k]));
  const more = items.length > LIST_ITEMS ? `, … (${items.length} items)` : "";
  return `${prefix}[${head.join(", ")}${more}]`;
}

function quoted(value: unknown): string {
  return typeof value === "string" ? JSON.stringify(value) : isPlainObject(value) || Array.isArray(value) ? summary(value) : formatScalar(value);
}

/** A composite value as one line: its shape and size. */
function summary(value: unknown): string {
  if (isPanel(value)) return `[panel ${counted(value.dates.length, "date")} × ${counted(value.tickers.length, "ticker")}]`;
  if (isRowArray(value)) {
    const keys = [...new Set(value.flatMap((row) => Object.keys(row)))];
    const shownKeys = keys.length > LIST_ITEMS ? [...keys.slice(0, LIST_ITEMS), "…"] : keys;
    return `[${counted(value.length, "row")} × ${counted(keys.length, "column")}: ${shownKeys.join(", ")}]`;
  }
  if (Array.isArray(value)) return shortList(value, "");
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) return shortList(value as unknown as ArrayLike<unknown>, `${value.constructor.name}(${(value as unknown as ArrayLike<unknown>).length}) `);
  if (isPlainObject(value)) return Object.keys(value).length === 0 ? "{}" : `{… ${counted(Object.keys(value).length, "key")}}`;
  return formatScalar(value);
}

function outline(object: Record<string, unknown>, depth: number): string[] {
  const pad = INDENT.repeat(depth);
  return Object.entries(object).flatMap(([key, value]) => {
    const nested = isPlainObject(value) && !isPanel(value) && Object.keys(value).length > 0 && depth + 1 < OUTLINE_DEPTH;
    return nested ? [`${pad}${key}:`, ...outline(value, depth + 1)] : [`${pad}${key}: ${summary(value)}`];
  });
}

export function formatResult(value: unknown): string {
  if (isPanel(value)) return panelTable(value);
  if (isRowArray(value)) return rowsTable(value);
  if (isPlainObject(value) && Object.keys(value).length > 0) return outline(value, 0).join("\n");
  if (typeof value === "string") return JSON.stringify(value);
  if (typeof value === "number" || types.isDate(value)) return formatScalar(value);
  return inspect(value, { depth: 2 });
}
