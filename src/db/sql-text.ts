/**
 * Identifier quoting for the few statements whose table or column names are not fixed text
 * (COPY targets, staging tables). Values never go through here: they are always bind parameters.
 */
export function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

export function identList(names: readonly string[]): string {
  return names.map(ident).join(", ");
}

/** `COPY table (cols) FROM <source> WITH (FORMAT csv|binary)`. */
export function copyStatement(table: string, columns: readonly string[], source: string, format: CopyFormat = "csv"): string {
  return `COPY ${ident(table)} (${identList(columns)}) FROM ${source} WITH (FORMAT ${format === "binary" ? "binary" : "csv"})`;
}

/** CSV text (chunks of whole lines) or PostgreSQL's binary COPY stream (copy-binary.ts). */
export type CopyFormat = "csv" | "binary";
