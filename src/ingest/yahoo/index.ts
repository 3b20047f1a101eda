/**
 * The Yahoo Finance ingest's public entry: `fetchYahoo(options)` does what `scripts/fetch-yahoo.ts`
 * does, for a script or a REPL; the rest of the folder is its machinery.
 */
export { fetchYahoo, type FetchYahooOptions, type FetchYahooReport } from "./fetch-yahoo.ts";
export { INTERVALS, type IngestInterval, type SymbolResult } from "./ingest.ts";
export { ChartError } from "./client.ts";
