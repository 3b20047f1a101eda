/**
 * Which `(ticker, region)` a source row belongs to, and which instruments the load must create.
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
 * `InferredInstruments` tracks the instruments present in the target so a price batch can create
 * the missing ones (marked `is_inferred`) in its own transaction.
 */
import { reject } from "./values.ts";

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

/** Currency of the instruments of a region, for instruments created from prices alone. */
export const REGION_CURRENCY: Readonly<Record<string, string>> = {
  KR: "KRW", US: "USD", CN: "CNY", HK: "HKD", JP: "JPY", VN: "VND",
};

export const instrumentKey = (ticker: string, region: string) => `${region}\u0000${ticker}`;

/**
 * Instruments present in the target, or being created by a batch in flight. A batch claims the
 * instruments its rows name that nobody has, and creates them in its transaction; if that fails the
 * whole run stops, so a claim never has to be given back.
 */
export class InferredInstruments {
  constructor(private readonly present: Set<string>) {}

  claimMissing(rows: readonly { ticker: string; region: string }[]): { ticker: string; region: string }[] {
    const claimed: { ticker: string; region: string }[] = [];
    for (const { ticker, region } of rows) {
      const key = instrumentKey(ticker, region);
      if (!this.present.has(key)) {
        this.present.add(key);
        claimed.push({ ticker, region });
      }
    }
    return claimed;
  }
}
