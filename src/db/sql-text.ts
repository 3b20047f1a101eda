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

/** `COPY table (cols) FROM <source> WITH (FORMAT csv)`. */
export function copyStatement(table: string, columns: readonly string[], source: string): string {
  return `COPY ${ident(table)} (${identList(columns)}) FROM ${source} WITH (FORMAT csv)`;
}
