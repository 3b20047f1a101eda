/**
 * Commission: what the broker charges for one order.
 *
 * Units: `bps` in basis points of the traded value at the fill price (shares × fill price, in
 *   currency); `perShare` in currency per share; `minimum` in currency per order.
 * Rule: commission = max(minimum, |shares| × fillPrice × bps / 10,000 + perShare × |shares|).
 * The minimum applies per order (one fill of one instrument on one bar), not per share or per day.
 * A zero-share order is no order and costs 0, whatever the minimum or the price.
 * NaN in, NaN out: a NaN fill price, share count or fee on a non-empty order gives NaN (never 0 and
 *   never the minimum alone).
 */
export interface CommissionRates {
  readonly bps: number;
  readonly perShare: number;
  readonly minimum: number;
}

export function commission(shares: number, fillPrice: number, rates: CommissionRates): number {
  if (shares === 0) return 0;
  const size = Math.abs(shares);
  const fee = (size * fillPrice * rates.bps) / 10_000 + rates.perShare * size;
  // Math.max propagates NaN, so an uncomputable fee stays NaN instead of becoming the minimum.
  return Math.max(rates.minimum, fee);
}
