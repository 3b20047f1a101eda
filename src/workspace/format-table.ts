/**
 * Aligned text tables for the REPL and notebooks, DataFrame-style: a long table shows its first 10
 * and last 5 rows around a "…" row, a wide one its first 6 and last 3 columns around a "…" column,
 * and a footer always gives the full size. Numeric columns (numbers, with null for missing) are
 * right-aligned, others left-aligned.
 *
 * Two shapes: row objects (`[{ date, close }, …]`, columns in order of first appearance, index = row
 * number) and panels (src/panel: dates × tickers, index = date).
 */
import type { Panel } from "../panel/index.ts";
import { formatNumber, formatScalar } from "./format-scalar.ts";

const HEAD_ROWS = 10;
const TAIL_ROWS = 5;
const HEAD_COLUMNS = 6;
const TAIL_COLUMNS = 3;
const GAP = "  ";
const ELLIPSIS = "…";

/** `3 rows`, `1 row`. */
export function counted(n: number, noun: string): string {
  return `${n} ${n === 1 ? noun : `${noun}s`}`;
}

/** Positions to show out of `count`, with null where the elided ones go. */
function shown(count: number, head: number, tail: number): (number | null)[] {
  const all = Array.from({ length: count }, (_, k) => k);
  return count <= head + tail ? all : [...all.slice(0, head), null, ...all.slice(count - tail)];
}

interface Column {
  readonly header: string;
  readonly cells: readonly string[];
  readonly right: boolean;
}

function render(index: Column, columns: readonly Column[], footer: string): string {
  const all = [index, ...columns];
  const widths = all.map((c) => Math.max(c.header.length, ...c.cells.map((s) => s.length)));
  const line = (cellOf: (c: Column) => string) =>
    all
      .map((c, k) => (c.right ? cellOf(c).padStart(widths[k]) : cellOf(c).padEnd(widths[k])))
      .join(GAP)
      .trimEnd();
  const lines = [line((c) => c.header)];
  for (let r = 0; r < index.cells.length; r++) lines.push(line((c) => c.cells[r]));
  return [...lines, footer].join("\n");
}

/** Column headers of row objects: every key, in order of first appearance. */
function keysOf(rows: readonly Record<string, unknown>[]): string[] {
  const keys = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) keys.add(key);
  return [...keys];
}

export function rowsTable(rows: readonly Record<string, unknown>[]): string {
  const keys = keysOf(rows);
  const rowPositions = shown(rows.length, HEAD_ROWS, TAIL_ROWS);
  const keyPositions = shown(keys.length, HEAD_COLUMNS, TAIL_COLUMNS);
  const index: Column = { header: "", cells: rowPositions.map((r) => (r === null ? ELLIPSIS : String(r))), right: false };
  const columns = keyPositions.map((k): Column => {
    if (k === null) return { header: ELLIPSIS, cells: rowPositions.map(() => ELLIPSIS), right: false };
    const key = keys[k];
    const values = rowPositions.map((r) => (r === null ? undefined : rows[r][key]));
    const present = rowPositions.map((r) => r !== null && key in rows[r]);
    const right = values.some((v) => typeof v === "number") && values.every((v) => typeof v === "number" || v === null || v === undefined);
    return {
      header: key,
      cells: values.map((v, i) => (rowPositions[i] === null ? ELLIPSIS : present[i] ? formatScalar(v) : "")),
      right,
    };
  });
  return render(index, columns, `[${counted(rows.length, "row")} × ${counted(keys.length, "column")}]`);
}

export function panelTable(panel: Panel): string {
  const { dates, tickers, values } = panel;
  const rowPositions = shown(dates.length, HEAD_ROWS, TAIL_ROWS);
  const tickerPositions = shown(tickers.length, HEAD_COLUMNS, TAIL_COLUMNS);
  const index: Column = { header: "date", cells: rowPositions.map((d) => (d === null ? ELLIPSIS : dates[d])), right: false };
  const columns = tickerPositions.map(
    (t): Column => ({
      header: t === null ? ELLIPSIS : tickers[t],
      cells: rowPositions.map((d) => (d === null || t === null ? ELLIPSIS : formatNumber(values[d * tickers.length + t]))),
      right: t !== null,
    }),
  );
  return render(index, columns, `[${counted(dates.length, "date")} × ${counted(tickers.length, "ticker")}]`);
}
