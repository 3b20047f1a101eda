/**
 * Groups (sectors, industries) of a panel's tickers as small integers, for per-group figures.
 *
 * Input: one label per ticker in the panel's order, null (or empty text) = no group; such names take
 * no part in group figures. Labels are sorted (byte order) so output order is deterministic.
 */
export interface GroupIndex {
  /** Distinct labels, sorted. */
  readonly labels: readonly string[];
  /** Index into `labels` per ticker, −1 for no group. */
  readonly of: Int32Array;
}

export function groupIndex(groups: readonly (string | null)[]): GroupIndex {
  const labels = [...new Set(groups.filter((g): g is string => g !== null && g !== ""))].sort();
  const position = new Map(labels.map((label, i) => [label, i]));
  return { labels, of: Int32Array.from(groups, (g) => (g === null || g === "" ? -1 : position.get(g)!)) };
}
