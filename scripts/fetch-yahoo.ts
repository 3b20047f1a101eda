/**
 * Fetch daily/weekly/monthly bars, dividends, splits and instrument facts from Yahoo Finance into the
 * configured database (DATABASE_URL, else the embedded PGlite in PGLITE_DIR), incrementally.
 * What each stored number means: src/yahoo/ingest.ts. Progress and retries on stderr; `--json`
 * prints one document on stdout. Exit 0 all symbols ok, 1 some failed (each named with its reason),
 * 2 bad arguments.
 */
import { readFileSync, statSync } from "node:fs";
import { dateOption, integerOption, parseCli, runCli } from "./lib/cli.ts";
import { openDatabase } from "../src/db/index.ts";
import { createYahooClient } from "../src/ingest/yahoo/client.ts";
import { utcDate } from "../src/util/dates.ts";
import { ingestYahoo, INTERVALS, type IngestInterval, type SymbolResult } from "../src/ingest/yahoo/ingest.ts";
import { recordingTransport } from "../src/ingest/yahoo/record.ts";
import { replayTransport } from "../src/ingest/yahoo/replay.ts";
import { DEFAULT_RETRY } from "../src/ingest/yahoo/retry.ts";
import { networkTransport, requestKey, type Transport } from "../src/ingest/yahoo/transport.ts";
import { parseRegionOverrides, parseSymbolsFlag, parseUniverse, symbolList } from "../src/ingest/yahoo/universe.ts";
import { InputError } from "../src/errors.ts";

const HELP = `Usage: tsx scripts/fetch-yahoo.ts --symbols AAPL,MSFT,005930.KS [--universe FILE] --from YYYY-MM-DD
       [--to YYYY-MM-DD] [--interval 1d|1wk|1mo] [--region SYMBOL=REGION] [--refetch-days N]
       [--concurrency N] [--attempts N] [--record DIR | --replay DIR] [--json]

Loads bars (ohlcv_data, price_basis 'split' with Yahoo's adj_close), dividends, splits and the
instrument (tickers) from Yahoo Finance. Incremental: only ranges not yet fetched, plus the last
--refetch-days days again; a split newer than the stored history re-fetches that symbol's history.

  --symbols LIST       comma-separated Yahoo symbols
  --universe FILE      one symbol per line, optionally "SYMBOL,REGION"; # comments
  --from DATE          first date wanted (required)
  --to DATE            last date wanted (default: today, UTC)
  --interval I         1d (default), 1wk or 1mo
  --region SYM=REG     region override (suffix rule: .KS/.KQ KR, .T JP, .HK HK, .SS/.SZ CN, .DE DE,
                       none US; crypto pairs CRYPTO); repeatable, or comma-separated
  --refetch-days N     days at the end of the held range fetched again (default 5)
  --concurrency N      requests in flight at most (default 4)
  --attempts N         tries per request on 429/5xx/network errors, with backoff (default 5)
  --record DIR         also save every raw HTTP response in DIR
  --replay DIR         answer from the responses saved in DIR; no network at all
  --json               print {source, interval, from, to, database, ok, failed, requests, symbols[]}
  --help               show this help

Target: DATABASE_URL=postgres://user:pass@host:port/db, else the embedded database in PGLITE_DIR.`;

function readText(path: string, flag: string): string {
  try {
    return readFileSync(path, "utf8");
  } catch (err) {
    throw new InputError(`${flag} ${path}: ${(err as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (err as Error).message}`);
  }
}

function checkDirectory(path: string, flag: string): string {
  let isDirectory = false;
  try {
    isDirectory = statSync(path).isDirectory();
  } catch {
    // reported below
  }
  if (!isDirectory) throw new InputError(`${flag} ${path}: not a directory of recordings`);
  return path;
}

function describe(result: SymbolResult): string {
  if (result.status === "failed") return `failed: ${result.reason}`;
  if (!result.fetched) return `ok, up to date (0 requests)`;
  return (
    `ok ${result.ticker}/${result.region}: ${result.bars} bars, ${result.skippedNullBars} null bars skipped, ` +
    `${result.dividends} dividends, ${result.splits} splits, ${result.requests} requests` +
    (result.historyRefetched ? ", history re-fetched after a new split" : "")
  );
}

runCli(async () => {
  const values = parseCli(
    {
      symbols: { type: "string" },
      universe: { type: "string" },
      from: { type: "string" },
      to: { type: "string" },
      interval: { type: "string", default: "1d" },
      region: { type: "string", multiple: true, default: [] },
      "refetch-days": { type: "string" },
      concurrency: { type: "string" },
      attempts: { type: "string" },
      record: { type: "string" },
      replay: { type: "string" },
      json: { type: "boolean" },
    },
    HELP,
  );
  if (!values) return;

  const lists = [
    ...(values.symbols !== undefined ? [parseSymbolsFlag(values.symbols)] : []),
    ...(values.universe !== undefined ? [parseUniverse(readText(values.universe, "--universe"), values.universe)] : []),
  ];
  const symbols = symbolList(lists, parseRegionOverrides(values.region));
  if (symbols.length === 0) throw new InputError("no symbols: pass --symbols AAPL,MSFT or --universe FILE");
  if (values.from === undefined) throw new InputError("--from YYYY-MM-DD is required");
  const today = utcDate(new Date());
  const from = dateOption(values.from, "--from");
  const to = values.to === undefined ? today : dateOption(values.to, "--to");
  if (from > to) throw new InputError(`--from ${from} is after --to ${to}`);
  if (from > today) throw new InputError(`--from ${from} is in the future (today is ${today})`);
  if (!(values.interval in INTERVALS)) throw new InputError(`--interval must be one of ${Object.keys(INTERVALS).join(", ")}, got "${values.interval}"`);
  const interval = values.interval as IngestInterval;
  const refetchDays = integerOption(values["refetch-days"], "--refetch-days", 0) ?? 5;
  const concurrency = integerOption(values.concurrency, "--concurrency", 1) ?? 4;
  const attempts = integerOption(values.attempts, "--attempts", 1) ?? DEFAULT_RETRY.maxAttempts;
  if (values.record !== undefined && values.replay !== undefined) throw new InputError("--record and --replay exclude each other");

  let transport: Transport = networkTransport;
  let source = "network";
  if (values.replay !== undefined) {
    transport = replayTransport(checkDirectory(values.replay, "--replay"));
    source = "replay";
  } else if (values.record !== undefined) {
    transport = recordingTransport(networkTransport, values.record);
    source = "record";
  }

  const log = (line: string) => process.stderr.write(`${line}\n`);
  const client = createYahooClient({
    transport,
    concurrency,
    log,
    retry: {
      ...DEFAULT_RETRY,
      maxAttempts: attempts,
      onRetry: ({ url, attempt, reason, delayMs }) =>
        log(`retry ${requestKey(url).symbol}: ${reason} on attempt ${attempt}, waiting ${(delayMs / 1000).toFixed(1)} s`),
    },
  });

  const database = await openDatabase();
  try {
    const results = await ingestYahoo(database, {
      symbols,
      from,
      to,
      interval,
      refetchDays,
      concurrency,
      client,
      onResult: (result, done, total) => log(`[${done}/${total}] ${result.symbol} ${describe(result)}`),
    });
    const failed = results.filter((r) => r.status === "failed");
    const requests = results.reduce((sum, r) => sum + r.requests, 0);
    for (const f of failed) log(`FAILED ${f.symbol}: ${f.reason}`);
    if (values.json) {
      const summary = { source, interval, from, to, database: database.target, ok: results.length - failed.length, failed: failed.length, requests };
      console.log(JSON.stringify({ ...summary, symbols: results }));
    } else {
      for (const r of results) console.log(`${r.symbol}: ${describe(r)}`);
      console.log(`${results.length - failed.length} ok, ${failed.length} failed, ${requests} requests (${source}, ${database.target})`);
    }
    return failed.length > 0 ? 1 : 0;
  } finally {
    await database.close();
  }
});
