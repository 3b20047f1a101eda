/**
 * The instrument universe of a synthetic Spock file, built to carry the problems real files have
 * (source-systems.md §1): Korean codes with leading zeros and letters, a Korean and a Chinese code
 * that are the same string, a Hong Kong and a Japanese 4-digit code that are the same string, and a
 * ticker-keyed master (`tickers`) that holds far fewer instruments than have prices and keeps only one
 * region of a shared code.
 * Start prices are about each region's typical level (e^U(−1, 1) × 30,000 won, 80 dollars, …) in its
 * currency; won, yen and dong prices are whole units. Every draw comes from the caller's `uniform`.
 */
export interface SampleInstrument {
  ticker: string;
  region: "KR" | "US" | "CN" | "HK" | "JP" | "VN";
  exchange: string;
  currency: string;
  assetType: "STOCK" | "ETF" | "ETN" | "REIT" | "PREFERRED";
  /** Whether the master `tickers` table has a row for it. */
  master: boolean;
  /** Price decimals: 0 for won/yen/dong, 2 otherwise. */
  decimals: number;
  startPrice: number;
}

const REGION_INFO = {
  KR: { currency: "KRW", exchanges: ["KOSPI", "KOSDAQ", "KONEX"], decimals: 0, price: 30_000 },
  US: { currency: "USD", exchanges: ["NYSE", "NASDAQ", "AMEX"], decimals: 2, price: 80 },
  CN: { currency: "CNY", exchanges: ["SSE", "SZSE"], decimals: 2, price: 20 },
  HK: { currency: "HKD", exchanges: ["SEHK"], decimals: 2, price: 50 },
  JP: { currency: "JPY", exchanges: ["TSE"], decimals: 0, price: 3_000 },
  VN: { currency: "VND", exchanges: ["HOSE", "HNX"], decimals: 0, price: 40_000 },
} as const;

/** Korean codes every sample has: leading zeros, letters, a preferred share and leveraged/inverse ETFs. */
const KR_STOCKS = ["005930", "000660", "005935", "0000D0", "00088K", "33626L"];
export const KR_ETFS = ["069500", "122630", "114800", "252670"];

export const MIN_INSTRUMENTS = 40;

function uniqueCode(uniform: () => number, taken: Set<string>, make: (u: () => number) => string): string {
  for (;;) {
    const code = make(uniform);
    if (!taken.has(code)) {
      taken.add(code);
      return code;
    }
  }
}

const digits = (u: () => number, n: number, max = 10 ** n) => String(Math.floor(u() * max)).padStart(n, "0");
const letters = (u: () => number, n: number) =>
  Array.from({ length: n }, () => String.fromCharCode(65 + Math.floor(u() * 26))).join("");

export function buildUniverse(uniform: () => number, count: number): SampleInstrument[] {
  if (count < MIN_INSTRUMENTS) throw new RangeError(`instruments must be at least ${MIN_INSTRUMENTS}`);
  const share = (f: number, min: number) => Math.max(min, Math.round(count * f));
  const sizes = { US: share(0.2, 4), CN: share(0.08, 3), JP: share(0.05, 3), HK: share(0.04, 3), VN: share(0.03, 2) };
  const kr = count - sizes.US - sizes.CN - sizes.JP - sizes.HK - sizes.VN;

  const out: SampleInstrument[] = [];
  const add = (ticker: string, region: SampleInstrument["region"], assetType: SampleInstrument["assetType"], master: boolean) => {
    const info = REGION_INFO[region];
    out.push({
      ticker,
      region,
      exchange: info.exchanges[Math.floor(uniform() * info.exchanges.length)],
      currency: info.currency,
      assetType,
      master,
      decimals: info.decimals,
      startPrice: info.price * Math.exp(uniform() * 2 - 1),
    });
  };

  // Korea: about 37% have master rows (1,365 of 3,745 in a real file); ETFs mostly do (13% orphans).
  const krTaken = new Set<string>([...KR_STOCKS, ...KR_ETFS]);
  KR_STOCKS.forEach((t) => add(t, "KR", t === "005935" ? "PREFERRED" : "STOCK", true));
  KR_ETFS.forEach((t) => add(t, "KR", "ETF", true));
  for (let i = KR_STOCKS.length + KR_ETFS.length; i < kr; i++) {
    const kind = i % 12 === 0 ? "ETF" : i % 29 === 0 ? "ETN" : i % 31 === 0 ? "REIT" : "STOCK";
    // The first one never has a master row: a Chinese code shares it (see below).
    const master = i === KR_STOCKS.length + KR_ETFS.length ? false : kind === "ETF" ? uniform() < 0.87 : uniform() < 0.37;
    add(uniqueCode(uniform, krTaken, (u) => digits(u, 6, 400_000)), "KR", kind, master);
  }

  // China: the first two codes are Korean codes too. The ticker-keyed master kept the Korean 000660;
  // the other has no master row in either region, so a row without a region cannot be placed.
  const cnTaken = new Set<string>(krTaken);
  add("000660", "CN", "STOCK", false);
  add(out[KR_STOCKS.length + KR_ETFS.length].ticker, "CN", "STOCK", false);
  for (let i = 2; i < sizes.CN; i++) {
    add(uniqueCode(uniform, cnTaken, (u) => (u() < 0.5 ? "6" : "0") + digits(u, 5)), "CN", "STOCK", uniform() < 0.4);
  }

  // Japan and Hong Kong: 4-digit codes; two Hong Kong codes equal Japanese ones (master kept Japan).
  const jpTaken = new Set<string>(["7203"]);
  add("7203", "JP", "STOCK", true);
  for (let i = 1; i < sizes.JP; i++) add(uniqueCode(uniform, jpTaken, (u) => String(1301 + Math.floor(u() * 8000))), "JP", "STOCK", true);
  const jpCodes = out.filter((x) => x.region === "JP").map((x) => x.ticker);
  const hkTaken = new Set<string>(["0700", ...jpCodes]);
  add("0700", "HK", "STOCK", true);
  add(jpCodes[0], "HK", "STOCK", false);
  add(jpCodes[1], "HK", "STOCK", false);
  for (let i = 3; i < sizes.HK; i++) add(uniqueCode(uniform, hkTaken, (u) => digits(u, 4)), "HK", "STOCK", uniform() < 0.4);

  const vnTaken = new Set<string>();
  for (let i = 0; i < sizes.VN; i++) add(uniqueCode(uniform, vnTaken, (u) => letters(u, 3)), "VN", "STOCK", uniform() < 0.5);

  // United States: a share class with a dot.
  const usTaken = new Set<string>(["AAPL", "MSFT", "BRK.B"]);
  ["AAPL", "MSFT", "BRK.B"].forEach((t) => add(t, "US", "STOCK", true));
  for (let i = 3; i < sizes.US; i++) {
    add(uniqueCode(uniform, usTaken, (u) => letters(u, 2 + Math.floor(u() * 3))), "US", i % 15 === 0 ? "ETF" : "STOCK", uniform() < 0.6);
  }
  return out;
}

/** The Korean code that is also Chinese and has a master row in neither region. */
export function unplaceableCode(universe: SampleInstrument[]): string {
  return universe.find((x) => x.region === "KR" && !x.master && universe.some((y) => y.region === "CN" && y.ticker === x.ticker))!.ticker;
}
