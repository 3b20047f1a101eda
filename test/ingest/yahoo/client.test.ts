import { describe, expect, it } from "vitest";
import { parseChart } from "../../../src/ingest/yahoo/chart.ts";
import { createYahooClient, type ChartError } from "../../../src/ingest/yahoo/client.ts";
import { replayTransport } from "../../../src/ingest/yahoo/replay.ts";
import { DEFAULT_RETRY } from "../../../src/ingest/yahoo/retry.ts";
import type { Transport } from "../../../src/ingest/yahoo/transport.ts";
import { failingFirst, logged, YAHOO_RECORDINGS } from "./recordings.ts";

const replay = replayTransport(YAHOO_RECORDINGS);

function client(transport: Transport) {
  const slept: number[] = [];
  const log: string[] = [];
  const yahoo = createYahooClient({
    transport,
    retry: { ...DEFAULT_RETRY, random: () => 0.5, sleep: async (ms) => void slept.push(ms) },
    concurrency: 4,
    log: (line) => log.push(line),
    now: () => new Date("2025-03-25T00:00:00Z"),
  });
  return { yahoo, slept, log };
}

const day = (date: string) => new Date(`${date}T00:00:00Z`);

describe("Yahoo chart client over a transport", () => {
  it("logs nothing when created: no runtime warning on the Node version package.json declares", () => {
    expect(client(replay).log).toEqual([]);
  });

  it("reads the empty 1-minute weekend answer as no bars, no events", async () => {
    const { yahoo } = client(replay);
    const chart = await yahoo.chart({ symbol: "AAPL", period1: day("2025-02-01"), period2: day("2025-02-02"), interval: "1m" });
    expect(chart.quotes).toEqual([]);
    expect(chart.dividends).toEqual([]);
    expect(chart.splits).toEqual([]);
    expect(chart.meta.currency).toBe("USD");
    expect(chart.requests).toBe(1);
    expect(chart.fetchedAt.toISOString()).toBe("2025-02-20T11:47:42.000Z");
    expect(parseChart(chart, "1d")).toEqual({ bars: [], skippedNullBars: 0, dividends: [], splits: [] });
  });

  it("dates AAPL's split and dividend by the exchange's calendar", async () => {
    const { yahoo } = client(replay);
    const chart = await yahoo.chart({ symbol: "AAPL", period1: day("2020-08-30"), period2: day("2020-11-08"), interval: "1d" });
    const parsed = parseChart(chart, "1d");
    expect(parsed.splits).toEqual([{ date: "2020-08-31", numerator: 4, denominator: 1 }]);
    expect(parsed.dividends).toEqual([{ exDate: "2020-11-06", amount: 0.205 }]);
    expect(parsed.bars).toHaveLength(49);
    expect(parsed.bars[0]).toEqual({
      date: "2020-08-31",
      open: 127.58000183105469,
      high: 131,
      low: 126,
      close: 129.0399932861328,
      adjClose: 125.82673645019531,
      volume: 225702700,
    });
  });

  it("retries a simulated 429 and counts both requests", async () => {
    const transport = logged(failingFirst(replay));
    const { yahoo, slept } = client(transport);
    const chart = await yahoo.chart({ symbol: "BTC-USD", period1: day("2019-12-31"), period2: day("2020-01-04"), interval: "1d" });
    expect(chart.quotes).toHaveLength(3);
    expect(chart.requests).toBe(2);
    expect(transport.urls).toHaveLength(2);
    expect(transport.urls[0]).toBe(transport.urls[1]);
    expect(slept).toEqual([750]);
  });

  it("fails with Yahoo's reason and the number of requests made", async () => {
    const { yahoo } = client(replay);
    const missing = yahoo.chart({ symbol: "NOPE", period1: day("2020-01-01"), period2: day("2020-02-01"), interval: "1d" });
    await expect(missing).rejects.toMatchObject({
      name: "ChartError",
      message: `replay: no recorded response for /v8/finance/chart NOPE interval 1d in ${YAHOO_RECORDINGS}`,
      requests: 1,
    } satisfies Partial<ChartError>);

    const limited: Transport = async () => new Response("Too Many Requests", { status: 429 });
    const { yahoo: throttled, slept } = client(limited);
    const gaveUp = throttled.chart({ symbol: "AAPL", period1: day("2020-01-01"), period2: day("2020-02-01"), interval: "1d" });
    await expect(gaveUp).rejects.toMatchObject({ message: "HTTP 429: Too Many Requests", requests: 5 });
    expect(slept).toEqual([750, 1500, 3000, 6000]);
  });

  it("falls back to the local clock when the answer carries no date", async () => {
    const undated: Transport = async (url, init) => {
      const response = await replay(url, init);
      return new Response(await response.text(), { status: response.status, headers: { "content-type": "application/json" } });
    };
    const { yahoo } = client(undated);
    const chart = await yahoo.chart({ symbol: "BTC-USD", period1: day("2019-12-31"), period2: day("2020-01-04"), interval: "1d" });
    expect(chart.fetchedAt.toISOString()).toBe("2025-03-25T00:00:00.000Z");
  });
});
