/**
 * Agglomerative clustering as scipy's `cluster.hierarchy.linkage(condensed, method)` and the leaf
 * order of `to_tree(Z).pre_order()`, for HRP's quasi-diagonalisation.
 *
 * Reproduces scipy's algorithms so the tree (and its tie-breaking) matches: "single" by the
 * minimum spanning tree (Prim, scipy's `mst_single_linkage`), "ward" by the nearest-neighbour
 * chain with the Lance-Williams update d(k, i∪j) = √(((nᵢ+nₖ) dᵢₖ² + (nⱼ+nₖ) dⱼₖ² − nₖ dᵢⱼ²) / (nᵢ+nⱼ+nₖ)).
 * Merges are then stably sorted by height and relabelled (scipy's `label`): row m of Z joins
 * clusters Z[m,0] < Z[m,1], and creates cluster id n + m.
 */
export type LinkageMethod = "single" | "ward";

/** Linkage rows [left, right, height, size], row-major (n − 1) × 4. */
export function linkage(distance: Float64Array, n: number, method: LinkageMethod): Float64Array {
  const merges = method === "single" ? minimumSpanningTree(distance, n) : nearestNeighbourChain(distance, n);
  const order = Array.from({ length: n - 1 }, (_, m) => m).sort((a, b) => merges[a * 4 + 2] - merges[b * 4 + 2] || a - b);
  const z = new Float64Array((n - 1) * 4);
  // Union-find relabelling: each merge refers to the current roots of its two points.
  const parent = Int32Array.from({ length: 2 * n - 1 }, (_, i) => i);
  const size = new Int32Array(2 * n - 1).fill(1);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  };
  order.forEach((m, row) => {
    const a = find(merges[m * 4]);
    const b = find(merges[m * 4 + 1]);
    const id = n + row;
    parent[a] = id;
    parent[b] = id;
    size[id] = size[a] + size[b];
    z[row * 4] = Math.min(a, b);
    z[row * 4 + 1] = Math.max(a, b);
    z[row * 4 + 2] = merges[m * 4 + 2];
    z[row * 4 + 3] = size[id];
  });
  return z;
}

/** Leaf ids left to right (scipy `to_tree(Z).pre_order()`). */
export function leafOrder(z: Float64Array, n: number): number[] {
  if (n === 1) return [0];
  const leaves: number[] = [];
  const stack = [2 * n - 2];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node < n) {
      leaves.push(node);
      continue;
    }
    const row = node - n;
    stack.push(z[row * 4 + 1], z[row * 4]);
  }
  return leaves;
}

function minimumSpanningTree(distance: Float64Array, n: number): Float64Array {
  const merges = new Float64Array((n - 1) * 4);
  const merged = new Uint8Array(n);
  const nearest = new Float64Array(n).fill(Infinity);
  let x = 0;
  for (let k = 0; k < n - 1; k++) {
    let best = Infinity;
    let y = 0;
    merged[x] = 1;
    for (let i = 0; i < n; i++) {
      if (merged[i]) continue;
      const d = distance[x * n + i];
      if (nearest[i] > d) nearest[i] = d;
      if (nearest[i] < best) {
        y = i;
        best = nearest[i];
      }
    }
    merges[k * 4] = x;
    merges[k * 4 + 1] = y;
    merges[k * 4 + 2] = best;
    x = y;
  }
  return merges;
}

function nearestNeighbourChain(distance: Float64Array, n: number): Float64Array {
  const d = Float64Array.from(distance);
  const size = new Int32Array(n).fill(1);
  const merges = new Float64Array((n - 1) * 4);
  const chain = new Int32Array(n);
  let length = 0;
  for (let k = 0; k < n - 1; k++) {
    if (length === 0) {
      length = 1;
      for (let i = 0; i < n; i++) {
        if (size[i] > 0) {
          chain[0] = i;
          break;
        }
      }
    }
    let x = 0;
    let y = 0;
    let best = Infinity;
    for (;;) {
      x = chain[length - 1];
      // Prefer the previous element of the chain on ties, to avoid cycles.
      if (length > 1) {
        y = chain[length - 2];
        best = d[x * n + y];
      } else {
        best = Infinity;
      }
      for (let i = 0; i < n; i++) {
        if (size[i] === 0 || i === x) continue;
        if (d[x * n + i] < best) {
          best = d[x * n + i];
          y = i;
        }
      }
      if (length > 1 && y === chain[length - 2]) break;
      chain[length++] = y;
    }
    length -= 2;
    if (x > y) [x, y] = [y, x];
    const nx = size[x];
    const ny = size[y];
    merges[k * 4] = x;
    merges[k * 4 + 1] = y;
    merges[k * 4 + 2] = best;
    size[x] = 0;
    size[y] = nx + ny;
    for (let i = 0; i < n; i++) {
      const ni = size[i];
      if (ni === 0 || i === y) continue;
      const t = 1 / (nx + ny + ni);
      const dxi = d[i * n + x];
      const dyi = d[i * n + y];
      const updated = Math.sqrt((ni + nx) * t * dxi * dxi + (ni + ny) * t * dyi * dyi - ni * t * best * best);
      d[i * n + y] = updated;
      d[y * n + i] = updated;
    }
  }
  return merges;
}
