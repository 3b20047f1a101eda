/**
 * Instruments a load creates from price rows alone: when a batch names a `(ticker, region)` the
 * target lacks, the batch creates it in its own transaction, marked `is_inferred`, with the region's
 * currency (null for a region not in `REGION_CURRENCY`), `data_source` = the loader's name.
 *
 * `InferredInstruments` tracks which instruments are present in the target or being created by a
 * batch in flight, so each is written once per run. Creation merges with "ignore", so an instrument
 * the tracker did not know about is left as it is and not counted.
 */
/** Currency of the instruments of a region, for instruments created from prices alone. */
export const REGION_CURRENCY: Readonly<Record<string, string>> = {
  KR: "KRW", US: "USD", CN: "CNY", HK: "HKD", JP: "JPY", VN: "VND",
};

export const instrumentKey = (ticker: string, region: string) => `${region}\u0000${ticker}`;

/** The (ticker, region) pairs price rows name, each once, in the order first named. */
export function distinctInstruments(rows: readonly { ticker: string; region: string }[]): { ticker: string; region: string }[] {
  const seen = new Set<string>();
  const pairs: { ticker: string; region: string }[] = [];
  for (const { ticker, region } of rows) {
    const key = instrumentKey(ticker, region);
    if (!seen.has(key)) {
      seen.add(key);
      pairs.push({ ticker, region });
    }
  }
  return pairs;
}

/**
 * Instruments present in the target, or being created by a batch in flight. A batch claims the
 * instruments its rows name that nobody has, and creates them in its transaction; if that fails the
 * whole run stops, so a claim never has to be given back.
 */
export class InferredInstruments {
  constructor(private readonly present: Set<string> = new Set()) {}

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
