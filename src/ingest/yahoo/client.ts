/**
 * The Yahoo chart client: `yahoo-finance2` v3 `chart()` over an injected transport.
 *
 * Each call gets its own fetch stack, bottom up: the transport (network, recorder or replayer), a
 * counter that also keeps the last response's `date` header, then the retry wrapper. So a result says
 * how many HTTP requests it took and when Yahoo produced it (`fetchedAt`: the response `date` header,
 * the basis instant of split-adjusted prices; the local clock when the header is missing).
 * The library's own log lines go to `log` (never stdout, which belongs to `--json`); its npm version
 * check and survey notices are off, so nothing but the transport reaches the network, and its Node
 * version warning is dropped (see RUNTIME_WARNING).
 */
import YahooFinance from "yahoo-finance2";
import { withRetries, type RetryPolicy } from "./retry.ts";
import type { Transport } from "./transport.ts";
import { PlatformError } from "../../errors.ts";

export type YahooInterval = "1m" | "1d" | "1wk" | "1mo";

export interface ChartRequest {
  symbol: string;
  period1: Date;
  period2: Date;
  interval: YahooInterval;
}

export interface ChartQuote {
  date: Date;
  open?: number | null;
  high?: number | null;
  low?: number | null;
  close?: number | null;
  volume?: number | null;
  adjclose?: number | null;
}

export interface ChartMeta {
  symbol: string;
  currency?: string;
  exchangeName?: string;
  fullExchangeName?: string;
  instrumentType?: string;
  exchangeTimezoneName?: string;
  gmtoffset?: number;
  longName?: string;
  shortName?: string;
}

export interface ChartData {
  meta: ChartMeta;
  quotes: ChartQuote[];
  dividends: { date: Date; amount: number }[];
  splits: { date: Date; numerator: number; denominator: number }[];
  fetchedAt: Date;
  /** HTTP requests this call made, retries included. */
  requests: number;
}

export interface YahooClient {
  chart(request: ChartRequest): Promise<ChartData>;
}

/** A failed chart call, with the number of HTTP requests it made before giving up. */
export class ChartError extends PlatformError {
  override name = "ChartError";
  constructor(
    message: string,
    readonly requests: number,
  ) {
    super("yahoo", message, { context: { requests } });
  }
}

export interface ClientOptions {
  transport: Transport;
  retry: RetryPolicy;
  /** Requests the library lets through at once; the ingest keeps to the same number. */
  concurrency: number;
  log: (line: string) => void;
  now?: () => Date;
}

/** A one-line reason from whatever the library or the transport threw. */
function reasonOf(err: unknown): string {
  const e = err as { name?: string; message?: string; code?: unknown };
  if (e?.name === "HTTPError") return `HTTP ${e.code}: ${e.message?.trim() || "no body"}`;
  return e?.message?.trim() || String(err);
}

/**
 * yahoo-finance2 3.x warns on every construction that it "Requires Node >= 22.0.0" (a check with no
 * option to turn it off), while its package.json, like this project's, declares Node >= 20, on which
 * the chart module and the tests run. That one warning is dropped; every other line is logged.
 */
const RUNTIME_WARNING = /^\[yahoo-finance2\] Unsupported environment: Requires Node >= \d/;

export function createYahooClient(options: ClientOptions): YahooClient {
  const text = (args: unknown[]) => args.map((a) => (typeof a === "string" ? a : JSON.stringify(a))).join(" ");
  const logger = {
    info: (...args: unknown[]) => options.log(text(args)),
    warn: (...args: unknown[]) => {
      const line = text(args);
      if (!RUNTIME_WARNING.test(line)) options.log(line);
    },
    error: (...args: unknown[]) => options.log(text(args)),
    dir: (...args: unknown[]) => options.log(text(args)),
    debug: () => {},
  };
  const yahoo = new YahooFinance({
    logger,
    versionCheck: false,
    suppressNotices: ["yahooSurvey"],
    queue: { concurrency: options.concurrency },
  });
  const now = options.now ?? (() => new Date());

  return {
    async chart(request) {
      let requests = 0;
      let producedAt: Date | undefined;
      const counted: Transport = async (url, init) => {
        requests++;
        const response = await options.transport(url, init);
        const date = Date.parse(response.headers.get("date") ?? "");
        producedAt = Number.isNaN(date) ? undefined : new Date(date);
        return response;
      };
      const retried = withRetries(counted, options.retry);
      const fetch = ((input: string | URL | Request, init?: RequestInit) => retried(String(input), init)) as typeof globalThis.fetch;
      try {
        const result = await yahoo.chart(
          request.symbol,
          { period1: request.period1, period2: request.period2, interval: request.interval, events: "div|split" },
          { fetch },
        );
        return {
          meta: result.meta as ChartMeta,
          quotes: result.quotes,
          dividends: result.events?.dividends ?? [],
          splits: result.events?.splits ?? [],
          fetchedAt: producedAt ?? now(),
          requests,
        };
      } catch (err) {
        throw new ChartError(reasonOf(err), requests);
      }
    },
  };
}
