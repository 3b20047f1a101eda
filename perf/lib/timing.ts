/** What every bench prints and measures with: progress lines on stderr, elapsed seconds, medians. */
export const progress = (line: string) => process.stderr.write(`${line}\n`);

/** Seconds since `since` (a performance.now() reading). */
export const seconds = (since: number) => (performance.now() - since) / 1000;

/** The median; the mean of the middle two for an even count. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
