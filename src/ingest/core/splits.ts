/**
 * Split arithmetic shared by the importers. A split ratio is new shares per old share: 2 is a 2-for-1
 * split, 0.1 a 1-for-10 reverse split. Prices "adjusted for a split" are divided by its ratio for
 * every date before it; per-share cash amounts likewise.
 */

/** A split ratio as numerator/denominator: ≥ 1 → ratio-for-1, below 1 → 1-for-(1/ratio). */
export function splitTerms(ratio: number): { numerator: number; denominator: number } {
  if (ratio >= 1) return { numerator: ratio, denominator: 1 };
  // 1/3 stored as 0.333… reads back as 3.0000000000000004: round away the float noise.
  return { numerator: 1, denominator: Math.round(1e9 / ratio) / 1e9 };
}

/**
 * The cash paid per share on `exDate`, from an amount adjusted for the `splits` that follow it: the
 * amount multiplied back by the ratio of every split dated after the ex-date.
 */
export function paidPerShare(adjustedAmount: number, exDate: string, splits: readonly { date: string; ratio: number }[]): number {
  let factor = 1;
  for (const { date, ratio } of splits) if (date > exDate) factor *= ratio;
  return adjustedAmount * factor;
}
