/**
 * A Yahoo Finance fetch in one call, the one `scripts/fetch-yahoo.ts` makes: the symbol list (a
 * list, a universe file and region overrides; universe.ts), the range and interval checked, a client
 * over the network, a recorder or a replayer (client.ts, record.ts, replay.ts) with retries, then the
 * ingest (ingest.ts) into the given database or the configured one.
 *
 * Bad input is an InputError before any database is opened or request made; a symbol that fails is
 * a result with its reason and never stops the others. Messages name the script's flags, which
 * carry the option names.
 */
import { readFileSync, statSync } from "node:fs";
import type { Database } from "../../db/index.ts";
import { withDatabase } from "../../db/with-database.ts";
import { InputError } from "../../errors.ts";
import { isIsoDate, utcDate } from "../../util/dates.ts";
import { createYahooClient } from "./client.ts";
import { ingestYahoo, INTERVALS, type IngestInterval, type SymbolRequest, type SymbolResult } from "./ingest.ts";
import { recordingTransport } from "./record.ts";
import { replayTransport } from "./replay.ts";
import { DEFAULT_RETRY } from "./retry.ts";
import { networkTransport, requestKey, type Transport } from "./transport.ts";
import { parseRegionOverrides, parseSymbolsFlag, parseUniverse, symbolList } from "./universe.ts";

export interface FetchYahooOptions {
  /** Yahoo symbols: a list, or one comma-separated string ("AAPL,MSFT,005930.KS"). */
  readonly symbols?: string | readonly string[];
  /** Path of a universe file: one symbol per line, optionally "SYMBOL,REGION"; # comments. */
  readonly universe?: string;
  /** Region overrides, "SYMBOL=REGION" (an entry may hold several, comma-separated). */
  readonly regions?: readonly string[];
  /** First date wanted, YYYY-MM-DD. */
  readonly from: string;
  /** Last date wanted; default today (UTC). */
  readonly to?: string;
  /** Default "1d". */
  readonly interval?: IngestInterval;
  /** Days at the end of the held range fetched again; default 5. */
  readonly refetchDays?: number;
  /** Requests in flight at most; default 4. */
  readonly concurrency?: number;
  /** Tries per request on 429/5xx/network errors, with backoff; default 5. */
  readonly attempts?: number;
  /** Also save every raw HTTP response in this directory. */
  readonly record?: string;
  /** Answer from the responses saved in this directory: no network at all. */
  readonly replay?: string;
  /** Default: the configured database (DATABASE_URL, else PGLITE_DIR), opened and closed by the call. */
  readonly database?: Database;
  /** Told after each symbol, with how many are done. */
  readonly onResult?: (result: SymbolResult, done: number, total: number) => void;
  /** Told before each wait for a retry. */
  readonly onRetry?: (retry: { symbol: string; attempt: number; reason: string; delayMs: number }) => void;
  /** The Yahoo library's own log lines; default stderr (stdout is the caller's). */
  readonly log?: (line: string) => void;
  readonly now?: () => Date;
}

export interface FetchYahooReport {
  /** Where the answers came from. */
  readonly source: "network" | "record" | "replay";
  readonly interval: IngestInterval;
  readonly from: string;
  readonly to: string;
  /** The database written, without secrets. */
  readonly database: string;
  /** Symbols that loaded and that failed, and HTTP requests made (retries included). */
  readonly ok: number;
  readonly failed: number;
  readonly requests: number;
  /** One result per symbol, in the order asked. */
  readonly symbols: SymbolResult[];
}

export async function fetchYahoo(options: FetchYahooOptions): Promise<FetchYahooReport> {
  const symbols = symbolsOf(options);
  const now = options.now ?? (() => new Date());
  const { from, to } = checkedRange(options.from, options.to, utcDate(now()));
  const interval = options.interval ?? "1d";
  if (!(interval in INTERVALS)) throw new InputError(`--interval must be one of ${Object.keys(INTERVALS).join(", ")}, got "${interval}"`);
  const { transport, source } = transportOf(options);
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const concurrency = options.concurrency ?? 4;
  const client = createYahooClient({
    transport,
    concurrency,
    log,
    now,
    retry: {
      ...DEFAULT_RETRY,
      maxAttempts: options.attempts ?? DEFAULT_RETRY.maxAttempts,
      onRetry: options.onRetry && (({ url, ...retry }) => options.onRetry!({ symbol: requestKey(url).symbol, ...retry })),
    },
  });
  return withDatabase(async (database) => {
    const results = await ingestYahoo(database, {
      symbols,
      from,
      to,
      interval,
      refetchDays: options.refetchDays ?? 5,
      concurrency,
      client,
      now,
      onResult: options.onResult,
    });
    const failed = results.filter((r) => r.status === "failed").length;
    const requests = results.reduce((sum, r) => sum + r.requests, 0);
    return { source, interval, from, to, database: database.target, ok: results.length - failed, failed, requests, symbols: results };
  }, options.database);
}

function symbolsOf(options: FetchYahooOptions): SymbolRequest[] {
  const lists = [
    ...(options.symbols !== undefined ? [parseSymbolsFlag(options.symbols)] : []),
    ...(options.universe !== undefined ? [parseUniverse(readUniverse(options.universe), options.universe)] : []),
  ];
  const symbols = symbolList(lists, parseRegionOverrides(options.regions ?? []));
  if (symbols.length === 0) throw new InputError("no symbols: pass --symbols AAPL,MSFT or --universe FILE");
  return symbols;
}

function readUniverse(path: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (err) {
    throw new InputError(`--universe ${path}: ${(err as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (err as Error).message}`);
  }
}

function checkedRange(from: string, to: string | undefined, today: string): { from: string; to: string } {
  const date = (text: string, flag: string) => {
    if (!isIsoDate(text)) throw new InputError(`${flag} must be a date YYYY-MM-DD, got "${text}"`);
    return text;
  };
  date(from, "--from");
  const last = to === undefined ? today : date(to, "--to");
  if (from > last) throw new InputError(`--from ${from} is after --to ${last}`);
  if (from > today) throw new InputError(`--from ${from} is in the future (today is ${today})`);
  return { from, to: last };
}

function transportOf(options: FetchYahooOptions): { transport: Transport; source: FetchYahooReport["source"] } {
  if (options.record !== undefined && options.replay !== undefined) throw new InputError("--record and --replay exclude each other");
  if (options.replay !== undefined) return { transport: replayTransport(recordingsDirectory(options.replay)), source: "replay" };
  if (options.record !== undefined) return { transport: recordingTransport(networkTransport, options.record), source: "record" };
  return { transport: networkTransport, source: "network" };
}

function recordingsDirectory(path: string): string {
  let isDirectory = false;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch {
    // reported below
  }
  if (!isDirectory) throw new InputError(`--replay ${path}: not a directory of recordings`);
  return path;
}
