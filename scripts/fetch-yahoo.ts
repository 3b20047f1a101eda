/**
 * Fetch daily/weekly/monthly bars, dividends, splits and instrument facts from Yahoo Finance into the
 * configured database (DATABASE_URL, else the embedded PGlite in PGLITE_DIR), incrementally.
 * The work is `fetchYahoo` (src/ingest/yahoo/fetch-yahoo.ts); what each stored number means:
 * src/ingest/yahoo/ingest.ts. Progress and retries on stderr; `--json`
 * prints one document on stdout. Exit 0 all symbols ok, 1 some failed (each named with its reason),
 * 2 bad arguments.
 */
import { integerOption, parseCli, runCli } from "./lib/cli.ts";
import { fetchYahoo, type IngestInterval, type SymbolResult } from "../src/ingest/yahoo/index.ts";
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

  if (values.from === undefined) throw new InputError("--from YYYY-MM-DD is required");
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const report = await fetchYahoo({
    symbols: values.symbols,
    universe: values.universe,
    regions: values.region,
    from: values.from,
    to: values.to,
    interval: values.interval as IngestInterval, // checked by fetchYahoo
    refetchDays: integerOption(values["refetch-days"], "--refetch-days", 0),
    concurrency: integerOption(values.concurrency, "--concurrency", 1),
    attempts: integerOption(values.attempts, "--attempts", 1),
    record: values.record,
    replay: values.replay,
    log,
    onResult: (result, done, total) => log(`[${done}/${total}] ${result.symbol} ${describe(result)}`),
    onRetry: ({ symbol, attempt, reason, delayMs }) => log(`retry ${symbol}: ${reason} on attempt ${attempt}, waiting ${(delayMs / 1000).toFixed(1)} s`),
  });
  for (const f of report.symbols) if (f.status === "failed") log(`FAILED ${f.symbol}: ${f.reason}`);
  if (values.json) {
    console.log(JSON.stringify(report));
  } else {
    for (const r of report.symbols) console.log(`${r.symbol}: ${describe(r)}`);
    console.log(`${report.ok} ok, ${report.failed} failed, ${report.requests} requests (${report.source}, ${report.database})`);
  }
  return report.failed > 0 ? 1 : 0;
});
