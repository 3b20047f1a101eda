/**
 * Real Yahoo recordings (copied from shared/data/yahoo into test/fixtures/yahoo) and test helpers:
 * chart request URLs, throwaway recording directories derived from the recordings, and transports
 * that fail the first attempt or log what was asked.
 */
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { RecordedExchange } from "../../../src/ingest/yahoo/recording.ts";
import type { Transport } from "../../../src/ingest/yahoo/transport.ts";

export const YAHOO_RECORDINGS = fileURLToPath(new URL("../../fixtures/yahoo", import.meta.url));

export function readRecording(file: string): RecordedExchange {
  return JSON.parse(readFileSync(join(YAHOO_RECORDINGS, file), "utf8")) as RecordedExchange;
}

export const seconds = (date: string) => Date.parse(`${date}T00:00:00Z`) / 1000;

export function chartUrl(symbol: string, from: string, to: string, interval = "1d", events = "div|split"): string {
  const params = new URLSearchParams({ interval, events, period1: String(seconds(from)), period2: String(seconds(to)) });
  return `https://query2.finance.yahoo.com/v8/finance/chart/${symbol}?${params}`;
}

/** A fresh temporary directory holding the given recordings (name → exchange). */
export function recordingDir(files: Record<string, RecordedExchange>): string {
  const dir = mkdtempSync(join(tmpdir(), "yahoo-rec-"));
  for (const [name, exchange] of Object.entries(files)) writeFileSync(join(dir, name), JSON.stringify(exchange));
  return dir;
}

/** The shared recording's chart result (timestamps, quote, adjclose, events). */
export function chartOf(exchange: RecordedExchange) {
  return (exchange.response.bodyJson as { chart: { result: ChartJson[] } }).chart.result[0];
}

export interface ChartJson {
  meta: Record<string, unknown>;
  timestamp?: number[];
  indicators: { quote: Record<string, (number | null)[]>[]; adjclose?: { adjclose: (number | null)[] }[] };
  events?: Record<string, Record<string, { date: number; amount?: number }>>;
}

/** Wrap a transport so the first attempt at each URL answers 429 (a simulated rate limit). */
export function failingFirst(inner: Transport, status = 429) {
  const seen = new Set<string>();
  return async (url: string, init?: RequestInit): Promise<Response> => {
    if (seen.has(url)) return inner(url, init);
    seen.add(url);
    return new Response("Too Many Requests", { status, statusText: "Too Many Requests" });
  };
}

/** Wrap a transport to keep every requested URL. */
export function logged(inner: Transport) {
  const urls: string[] = [];
  const transport = async (url: string, init?: RequestInit) => {
    urls.push(url);
    return inner(url, init);
  };
  return Object.assign(transport, { urls });
}
