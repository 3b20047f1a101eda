/**
 * Which `(ticker, region)` a source row belongs to.
 *
 * Resolution, in order (decided once per run, so the answer never depends on table order or on where a
 * resumed run picks up):
 * 1. the row's own region, when it has one;
 * 2. else the master rows for the ticker — the source's `tickers` table and the platform's
 *    non-inferred instruments — when they name exactly one region (the source master and the detail
 *    tables are keyed by the same bare ticker, so the master is the strongest evidence);
 * 3. else, when there is no master row at all, the regions the ticker has prices in (the source's
 *    price table and the platform's inferred instruments), again only when there is exactly one;
 * 4. else the row is rejected: unknown ticker, or a code that trades in several regions.
 *
 * Creating the instruments price rows name that the target lacks is the ingest core's
 * (core/instruments.ts).
 */
import { reject } from "../core/values.ts";

export type RegionsByTicker = Map<string, Set<string>>;

export function addRegion(index: RegionsByTicker, ticker: string, region: string): void {
  let regions = index.get(ticker);
  if (!regions) index.set(ticker, (regions = new Set()));
  regions.add(region);
}

export class InstrumentResolver {
  constructor(
    private readonly master: RegionsByTicker,
    private readonly priced: RegionsByTicker,
  ) {}

  region(ticker: string, region: string | null, column = "region"): string {
    if (region !== null) return region;
    const fromMaster = this.master.get(ticker);
    const candidates = fromMaster && fromMaster.size > 0 ? fromMaster : this.priced.get(ticker);
    if (!candidates || candidates.size === 0) {
      return reject(`${column}: missing, and no instrument with ticker ${JSON.stringify(ticker)} exists to take it from`);
    }
    if (candidates.size > 1) {
      const regions = [...candidates].sort().join(", ");
      return reject(`${column}: missing, and ticker ${JSON.stringify(ticker)} exists in several regions (${regions})`);
    }
    return candidates.values().next().value as string;
  }
}
