/**
 * Run async work over items with at most `limit` running at once; results keep the items' order.
 * The ingest runs one symbol per slot and a symbol makes its requests one after another, so the
 * limit is also the number of HTTP requests in flight.
 */
export async function mapLimited<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
