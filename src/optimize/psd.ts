/**
 * Repair of covariance estimates that are not positive semi-definite, as PyPortfolioOpt's
 * `risk_models.fix_nonpositive_semidefinite(fix_method="spectral")`: the test is numpy's
 * Cholesky of M + 1e-16 I; a failing matrix is rebuilt from its eigen-decomposition with the
 * negative eigenvalues set to zero. The repair is never silent: it returns a warning naming
 * the smallest eigenvalue, which every caller passes on to the user.
 */
import { cholesky, symmetricEigen } from "./linalg.ts";

export function isPositiveSemidefinite(matrix: Float64Array, n: number): boolean {
  const shifted = Float64Array.from(matrix);
  for (let i = 0; i < n; i++) shifted[i * n + i] += 1e-16;
  return cholesky(shifted, n, 0) !== undefined;
}

export function fixNonPositiveSemidefinite(matrix: Float64Array, n: number): { values: Float64Array; warnings: string[] } {
  if (isPositiveSemidefinite(matrix, n)) return { values: matrix, warnings: [] };
  const { values: eigenvalues, vectors } = symmetricEigen(matrix, n);
  let smallest = Infinity;
  for (let k = 0; k < n; k++) smallest = Math.min(smallest, eigenvalues[k]);
  const fixed = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      let sum = 0;
      for (let k = 0; k < n; k++) {
        if (eigenvalues[k] > 0) sum += vectors[i * n + k] * eigenvalues[k] * vectors[j * n + k];
      }
      fixed[i * n + j] = sum;
      fixed[j * n + i] = sum;
    }
  }
  const warnings = [
    `covariance matrix is not positive semi-definite (smallest eigenvalue ${smallest.toExponential(3)}); negative eigenvalues were set to zero (spectral repair)`,
  ];
  if (!isPositiveSemidefinite(fixed, n)) {
    warnings.push("the repaired covariance matrix still fails the PSD test at rounding level; consider the ledoit-wolf risk model");
  }
  return { values: fixed, warnings };
}
