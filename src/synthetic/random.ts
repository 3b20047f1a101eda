/**
 * Seeded pseudo-random numbers: the one random source of every synthetic generator, test and
 * benchmark (Math.random is never used for data), so a seed fixes every value.
 *
 * `mulberry32` yields uniforms in [0, 1) from a 32-bit seed (same seed, same sequence, on
 * every platform); `normalSampler` turns such a source into standard normals by Box-Muller.
 */

/** A uniform [0, 1) generator from a 32-bit integer seed. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal draws (mean 0, variance 1) from a uniform source, by Box-Muller. */
export function normalSampler(uniform: () => number): () => number {
  let spare: number | undefined;
  return () => {
    if (spare !== undefined) {
      const value = spare;
      spare = undefined;
      return value;
    }
    // 1 - u keeps the logarithm's argument in (0, 1].
    const radius = Math.sqrt(-2 * Math.log(1 - uniform()));
    const angle = 2 * Math.PI * uniform();
    spare = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  };
}
