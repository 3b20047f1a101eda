/**
 * Participation cap: an order may take at most a fraction P of its fill bar's volume; the rest is
 * cancelled (not carried to the next bar) and reported.
 *
 * Units: shares signed (+ buy, − sell) and kept signed in both results; `volume` in shares of the fill
 *   bar; `cap` the fraction P in (0, 1], or undefined for no cap.
 * Rule: fillable = sign(desired) × min(|desired|, floor(P × volume)) with whole shares, or P × volume
 *   unfloored with fractional shares; cancelled = desired − fillable.
 *   P × volume within 1e-9 of a whole number counts as that number: 0.29 × 100 is 28.999999999999996
 *   in binary floating point and must allow 29 shares, not 28.
 * No cap → everything fills and the volume is not read (indices and funds report no volume), so a
 *   zero-volume bar blocks a fill only when a cap is set.
 * NaN in, NaN out: with a cap set, a NaN or negative volume or a NaN desired size gives NaN fillable
 *   and cancelled shares (never 0).
 */
export interface Participation {
  readonly fillShares: number;
  readonly cancelledShares: number;
}

/** Tolerance for P × volume landing a rounding error below a whole number. */
const WHOLE_SHARE_TOLERANCE = 1e-9;

export function participation(
  desiredShares: number,
  volume: number,
  cap: number | undefined,
  fractional = false,
): Participation {
  const fillShares = fillableShares(desiredShares, volume, cap, fractional);
  return { fillShares, cancelledShares: desiredShares - fillShares };
}

/** The fillable part of `desiredShares` (signed like it); cancelled = desired − fillable. */
export function fillableShares(desiredShares: number, volume: number, cap: number | undefined, fractional = false): number {
  if (cap === undefined) return desiredShares;
  if (!(volume >= 0)) return Number.NaN;
  const allowed = cap * volume;
  const limit = fractional ? allowed : Math.floor(allowed + WHOLE_SHARE_TOLERANCE);
  const size = Math.min(Math.abs(desiredShares), limit);
  // Math.min propagates NaN; `size > 0` keeps a NaN size NaN and a blocked sell at 0 rather than −0.
  return desiredShares < 0 && size > 0 ? -size : size;
}
