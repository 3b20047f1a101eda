/**
 * CSV encoding for COPY … FROM (FORMAT csv), the one way bulk data enters the database.
 *
 * NULL is an empty unquoted field; every string is quoted, so an empty string stays distinct from
 * NULL. Numbers must be finite: NaN and ±Infinity are rejected here rather than stored, because
 * PostgreSQL would accept them and poison every aggregate downstream. Text may not contain NUL,
 * which PostgreSQL cannot store.
 */
export type CsvValue = string | number | boolean | Date | null | undefined | Record<string, unknown> | unknown[];

export function csvField(value: CsvValue, column: string): string {
  if (value === null || value === undefined) return "";
  switch (typeof value) {
    case "number":
      if (!Number.isFinite(value)) throw new RangeError(`column ${column}: non-finite number ${value}`);
      return String(value);
    case "string":
      if (value.includes("\u0000")) throw new RangeError(`column ${column}: text contains a NUL character`);
      return `"${value.includes('"') ? value.replaceAll('"', '""') : value}"`;
    case "boolean":
      return value ? "t" : "f";
    default:
      if (value instanceof Date) return value.toISOString();
      return csvField(JSON.stringify(value), column);
  }
}

/** Encode rows into CSV chunks of at most `rowsPerChunk` lines. */
export function* csvChunks<R>(
  rows: Iterable<R>,
  columns: readonly (keyof R & string)[],
  dbColumns: readonly string[],
  rowsPerChunk = 5_000,
): Generator<string> {
  let lines: string[] = [];
  for (const row of rows) {
    let line = "";
    for (let c = 0; c < columns.length; c++) {
      if (c > 0) line += ",";
      line += csvField(row[columns[c]] as CsvValue, dbColumns[c]);
    }
    lines.push(line);
    if (lines.length === rowsPerChunk) {
      yield lines.join("\n") + "\n";
      lines = [];
    }
  }
  if (lines.length > 0) yield lines.join("\n") + "\n";
}
