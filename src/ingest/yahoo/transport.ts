/**
 * The HTTP seam of the Yahoo client: a fetch-shaped function. The network, the recorder, the replayer
 * and the retry wrapper all have this shape and stack on each other, so tests swap the bottom layer
 * and never touch the network.
 */
export type Transport = (url: string, init?: RequestInit) => Promise<Response>;

export const networkTransport: Transport = (url, init) => fetch(url, init);

/**
 * What identifies a Yahoo request for replay: endpoint path (without the symbol), symbol, interval,
 * and for quoteSummary the `modules` asked (each module is a different answer).
 */
export interface RequestKey {
  endpoint: string;
  symbol: string;
  interval: string;
  modules: string;
}

/** Endpoints that carry the symbol as the last path segment (`/v8/finance/chart/AAPL`). */
const SYMBOL_IN_PATH = /^(\/v\d+\/finance\/(?:chart|quoteSummary|options))\/([^/]+)$/;

export function requestKey(url: string): RequestKey {
  const parsed = new URL(url);
  const path = decodeURIComponent(parsed.pathname);
  const match = SYMBOL_IN_PATH.exec(path);
  return {
    endpoint: match ? match[1] : path,
    symbol: match ? match[2] : (parsed.searchParams.get("symbols") ?? ""),
    interval: parsed.searchParams.get("interval") ?? "",
    modules: parsed.searchParams.get("modules") ?? "",
  };
}
