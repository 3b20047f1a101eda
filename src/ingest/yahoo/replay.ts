/**
 * Replay: serve recorded Yahoo responses with no network at all.
 *
 * A request is matched to recordings by endpoint, symbol and interval (and quoteSummary `modules`;
 * host and other parameters are ignored). For the chart endpoint every successful recording of that key is merged into one series
 * (a timestamp or event present in several takes the most recently recorded values, by the response
 * `date` header) and trimmed to the request's `[period1, period2]` (inclusive, as Yahoo answers) and
 * to the event types it asks for; an empty result has Yahoo's empty shape (no `timestamp`, one empty
 * quote). The served `date` header is that of the newest recording contributing to the answer, so
 * the fetch time the loader stores is when Yahoo produced the prices. Other endpoints are served the
 * newest successful recording verbatim. A key with only failed recordings (a recorded 404 or 429)
 * replays the newest failure; a key with none answers 404 in Yahoo's error shape, naming the miss.
 */
import { readRecordings, toResponse, type RecordedExchange } from "./recording.ts";
import { requestKey, type RequestKey, type Transport } from "./transport.ts";
import { InputError } from "../../errors.ts";

const CHART_ENDPOINT = "/v8/finance/chart";
const EVENT_TYPES: Readonly<Record<string, string>> = { div: "dividends", split: "splits", earn: "earnings", capitalGain: "capitalGains" };

interface ChartResult {
  meta: Record<string, unknown>;
  timestamp?: number[];
  indicators: { quote: Record<string, (number | null)[]>[]; adjclose?: { adjclose?: (number | null)[] }[] };
  events?: Record<string, Record<string, { date: number }>>;
}

interface Entry {
  exchange: RecordedExchange;
  recordedAt: number;
}

const keyText = (key: RequestKey) => `${key.endpoint}|${key.symbol}|${key.interval}|${key.modules}`;

function recordedAt(exchange: RecordedExchange): number {
  const date = exchange.response.headers.date;
  const t = typeof date === "string" ? Date.parse(date) : NaN;
  return Number.isNaN(t) ? 0 : t;
}

function chartResultOf(exchange: RecordedExchange): ChartResult | undefined {
  const body = exchange.response.bodyJson as { chart?: { result?: ChartResult[] | null } } | undefined;
  return body?.chart?.result?.[0] ?? undefined;
}

function notRecorded(key: RequestKey, dir: string): Response {
  const description = `replay: no recorded response for ${key.endpoint} ${key.symbol || "(no symbol)"}${key.interval ? ` interval ${key.interval}` : ""} in ${dir}`;
  return new Response(JSON.stringify({ finance: { result: null, error: { code: "Not Found", description } } }), {
    status: 404,
    statusText: "Not Found",
    headers: { "content-type": "application/json" },
  });
}

/** Merge chart recordings (oldest first) and cut out `[period1, period2]` and the asked event types. */
function mergeCharts(entries: Entry[], url: URL): { body: unknown; newest: Entry } {
  const p1 = Number(url.searchParams.get("period1") ?? -Infinity);
  const p2 = Number(url.searchParams.get("period2") ?? Infinity);
  const wanted = new Set((url.searchParams.get("events") ?? "").split("|").map((e) => EVENT_TYPES[e]).filter(Boolean));
  const inRange = (t: number) => t >= p1 && t <= p2;

  const rows = new Map<number, { quote: Record<string, number | null>; adjclose: number | null | undefined; from: Entry }>();
  const fields = new Set<string>();
  const events = new Map<string, Map<string, { event: { date: number }; from: Entry }>>();
  for (const entry of entries) {
    const result = chartResultOf(entry.exchange)!;
    const quote = result.indicators.quote[0] ?? {};
    Object.keys(quote).forEach((f) => fields.add(f));
    const adj = result.indicators.adjclose?.[0]?.adjclose;
    (result.timestamp ?? []).forEach((t, i) => {
      if (!inRange(t)) return;
      rows.set(t, { quote: Object.fromEntries(Object.keys(quote).map((f) => [f, quote[f][i]])), adjclose: adj?.[i], from: entry });
    });
    for (const [type, byTime] of Object.entries(result.events ?? {})) {
      if (!wanted.has(type)) continue;
      const merged = events.get(type) ?? new Map();
      for (const [t, event] of Object.entries(byTime)) if (inRange(event.date)) merged.set(t, { event, from: entry });
      events.set(type, merged);
    }
  }

  const contributors = [...rows.values(), ...[...events.values()].flatMap((m) => [...m.values()])].map((r) => r.from);
  const newest =
    contributors.length === 0 ? entries.at(-1)! : contributors.reduce((a, b) => (b.recordedAt > a.recordedAt ? b : a));
  const base = chartResultOf(entries.at(-1)!.exchange)!;
  const times = [...rows.keys()].sort((a, b) => a - b);
  const result: ChartResult = { meta: base.meta, indicators: { quote: [{}] } };
  if (times.length > 0) {
    result.timestamp = times;
    result.indicators.quote = [Object.fromEntries([...fields].map((f) => [f, times.map((t) => rows.get(t)!.quote[f] ?? null)]))];
    if (times.some((t) => rows.get(t)!.adjclose !== undefined)) {
      result.indicators.adjclose = [{ adjclose: times.map((t) => rows.get(t)!.adjclose ?? null) }];
    }
  }
  const kept = [...events].filter(([, m]) => m.size > 0);
  if (kept.length > 0) {
    result.events = Object.fromEntries(kept.map(([type, m]) => [type, Object.fromEntries([...m].map(([t, v]) => [t, v.event]))]));
  }
  return { body: { chart: { result: [result], error: null } }, newest };
}

/** A transport answering from the recordings in `dir` (read once, at creation). */
export function replayTransport(dir: string): Transport {
  const byKey = new Map<string, Entry[]>();
  for (const { file, exchange } of readRecordings(dir)) {
    if (typeof exchange?.request?.url !== "string" || typeof exchange?.response?.status !== "number") {
      throw new InputError(`${dir}/${file} is not a recording ({ request: { url, … }, response: { status, … } })`);
    }
    const key = keyText(requestKey(exchange.request.url));
    byKey.set(key, [...(byKey.get(key) ?? []), { exchange, recordedAt: recordedAt(exchange) }]);
  }
  for (const entries of byKey.values()) entries.sort((a, b) => a.recordedAt - b.recordedAt);

  return async (url) => {
    const key = requestKey(url);
    const entries = byKey.get(keyText(key)) ?? [];
    const ok = entries.filter((e) => e.exchange.response.ok);
    if (ok.length === 0) return entries.length > 0 ? toResponse(entries.at(-1)!.exchange.response) : notRecorded(key, dir);
    const charts = key.endpoint === CHART_ENDPOINT ? ok.filter((e) => chartResultOf(e.exchange)) : [];
    if (charts.length === 0) return toResponse(ok.at(-1)!.exchange.response);
    const { body, newest } = mergeCharts(charts, new URL(url));
    return toResponse(newest.exchange.response, body);
  };
}
