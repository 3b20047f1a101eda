/**
 * CSV encoding for COPY … FROM (FORMAT csv), the one way bulk data enters the database.
 *
 * NULL is an empty unquoted field; every string is quoted, so an empty string stays distinct from
 * NULL. Numbers must be finite: NaN and ±Infinity are rejected here rather than stored, because
 * PostgreSQL would accept them and poison every aggregate downstream. Text may not contain NUL,
 * which PostgreSQL cannot store.
 *
 * Encoding is the hot loop of every load (millions of rows × dozens of fields), so an encoder is
 * generated per column list: fixed property names keep V8's property lookups monomorphic, and each
 * column's declared kind inlines its common case (a finite number, a plain string).
 */
export type CsvValue = string | number | boolean | Date | null | undefined | Record<string, unknown> | unknown[];

/** How a column's values are usually given: numbers, strings, or anything else (dates, json, …). */
export type CsvKind = "number" | "string" | "other";

export interface CsvField {
  /** Property of the row object. */
  prop: string;
  /** Database column, for error messages. */
  column: string;
  kind: CsvKind;
}

function quoted(value: string, column: string): string {
  if (value.includes("\u0000")) throw new RangeError(`column ${column}: text contains a NUL character`);
  return `"${value.includes('"') ? value.replaceAll('"', '""') : value}"`;
}

export function csvField(value: CsvValue, column: string): string {
  if (value === null || value === undefined) return "";
  switch (typeof value) {
    case "number":
      if (!Number.isFinite(value)) throw new RangeError(`column ${column}: non-finite number ${value}`);
      return String(value);
    case "string":
      return quoted(value, column);
    case "boolean":
      return value ? "t" : "f";
    default:
      if (value instanceof Date) return value.toISOString();
      return quoted(JSON.stringify(value), column);
  }
}

/** A function that encodes one row as one CSV line (without the newline). */
export function csvEncoder<R>(fields: readonly CsvField[]): (row: R) => string {
  // Per field: the common case inline (a finite number, a string without quotes or NUL), anything
  // else through csvField, which also raises the errors. Property names and column names enter the
  // generated code only as JSON string literals.
  const parts = fields.map((f, i) => {
    const get = `r[${JSON.stringify(f.prop)}]`;
    const slow = `csvField(v${i}, ${JSON.stringify(f.column)})`;
    const fast =
      f.kind === "number"
        ? `(typeof v${i} === "number" && v${i} - v${i} === 0 ? "" + v${i} : ${slow})`
        : f.kind === "string"
          ? `(typeof v${i} === "string" && v${i}.indexOf('"') < 0 && v${i}.indexOf("\\u0000") < 0 ? '"' + v${i} + '"' : ${slow})`
          : slow;
    return { decl: `const v${i} = ${get};`, expr: fast };
  });
  const body = `${parts.map((p) => p.decl).join(" ")} return ${parts.map((p) => p.expr).join(' + "," + ')};`;
  return new Function("csvField", `return function encodeRow(r) { ${body} };`)(csvField) as (row: R) => string;
}

/** Encode rows into CSV chunks of at most `rowsPerChunk` lines. */
export function* csvChunks<R>(rows: Iterable<R>, encode: (row: R) => string, rowsPerChunk = 5_000): Generator<string> {
  let lines: string[] = [];
  for (const row of rows) {
    lines.push(encode(row));
    if (lines.length === rowsPerChunk) {
      yield lines.join("\n") + "\n";
      lines = [];
    }
  }
  if (lines.length > 0) yield lines.join("\n") + "\n";
}
