/** A source row kept whole for a reject (core/batch.ts `Reject.row`): header name → cell text, `column N` past the header. */
export function wholeRow(header: readonly string[], cells: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(cells.map((cell, i) => [i < header.length ? header[i] : `column ${i + 1}`, cell]));
}
