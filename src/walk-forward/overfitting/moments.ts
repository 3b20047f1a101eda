/**
 * Skewness and raw kurtosis of a return sample, as the PSR and DSR take them: population (biased)
 * moments over the finite values, γ3 = m3 ÷ m2^1.5 and γ4 = m4 ÷ m2² with m_k = mean((x − x̄)^k),
 * which is scipy.stats.skew(x) and scipy.stats.kurtosis(x, fisher=False) with their defaults
 * (Bailey & López de Prado compute them so). Raw: a normal sample's γ4 is near 3, not 0.
 * NaN for both under two finite values or with no variance.
 */
export function skewAndKurtosis(returns: ArrayLike<number>): { skew: number; kurtosis: number } {
  let n = 0;
  let sum = 0;
  for (let i = 0; i < returns.length; i++) {
    if (Number.isFinite(returns[i])) {
      n++;
      sum += returns[i];
    }
  }
  const mean = sum / n;
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (let i = 0; i < returns.length; i++) {
    if (!Number.isFinite(returns[i])) continue;
    const d = returns[i] - mean;
    const d2 = d * d;
    m2 += d2;
    m3 += d2 * d;
    m4 += d2 * d2;
  }
  if (n < 2 || !(m2 > 0)) return { skew: NaN, kurtosis: NaN };
  m2 /= n;
  m3 /= n;
  m4 /= n;
  return { skew: m3 / m2 ** 1.5, kurtosis: m4 / (m2 * m2) };
}
