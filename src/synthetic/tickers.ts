/**
 * Tickers of a synthetic universe: `prefix` and a zero-padded index, in index order, so a ticker
 * says where it sits (`numberedTickers(3, "S", 5)` → S00000, S00001, S00002; no prefix and six
 * digits look like Korean codes). Regions are the caller's: every ticker of one call shares one.
 */
export function numberedTickers(count: number, prefix: string, digits: number): string[] {
  return Array.from({ length: count }, (_, i) => `${prefix}${String(i).padStart(digits, "0")}`);
}
