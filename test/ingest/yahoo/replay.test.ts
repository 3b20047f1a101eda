import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { recordingTransport } from "../../../src/ingest/yahoo/record.ts";
import { replayTransport } from "../../../src/ingest/yahoo/replay.ts";
import { chartOf, chartUrl, readRecording, recordingDir, seconds, YAHOO_RECORDINGS, type ChartJson } from "./recordings.ts";

const replay = replayTransport(YAHOO_RECORDINGS);
const chartBody = async (response: Response) => ((await response.json()) as { chart: { result: ChartJson[] } }).chart.result[0];

describe("replay", () => {
  it("serves a chart trimmed to the requested period, events included only inside it", async () => {
    // period2 = 2020-10-01 00:00 UTC: Yahoo's period is inclusive, and the 30th's bar opens at 13:30 UTC.
    const september = await chartBody(await replay(chartUrl("AAPL", "2020-09-01", "2020-10-01")));
    const recorded = chartOf(readRecording("chart-AAPL-2020-08-31-to-2020-11-07.json"));
    const expected = recorded.timestamp!.filter((t) => t >= seconds("2020-09-01") && t <= seconds("2020-10-01"));
    expect(september.timestamp).toEqual(expected);
    expect(expected).toHaveLength(21); // September 2020: 22 weekdays less Labor Day
    expect(september.indicators.quote[0].close).toHaveLength(21);
    expect(september.indicators.adjclose![0].adjclose[0]).toBe(recorded.indicators.adjclose![0].adjclose[1]);
    expect(september.events).toBeUndefined();

    const whole = await chartBody(await replay(chartUrl("AAPL", "2020-08-30", "2020-11-08")));
    expect(whole.timestamp).toHaveLength(49);
    expect(whole.events).toEqual(recorded.events);
    const noEvents = await chartBody(await replay(chartUrl("AAPL", "2020-08-30", "2020-11-08", "1d", "")));
    expect(noEvents.events).toBeUndefined();
  });

  it("merges every recording of a symbol and interval, dating the answer by its newest contributor", async () => {
    const response = await replay(chartUrl("AAPL", "2019-12-31", "2022-12-31"));
    const body = await chartBody(response);
    // 2020-01-02 (two recordings of it), 49 bars Aug–Nov 2020, 2022-02-22.
    expect(body.timestamp).toHaveLength(51);
    expect(body.timestamp![0]).toBe(1577975400);
    expect(body.timestamp![50]).toBe(1645540200);
    expect(response.headers.get("date")).toBe("Mon, 24 Mar 2025 13:51:33 GMT");
    // 2020-01-02 is in two recordings; the later one (historical-via-chart, 22 Feb) answers.
    const early = await replay(chartUrl("AAPL", "2019-12-31", "2020-01-03"));
    expect(early.headers.get("date")).toBe("Sat, 22 Feb 2025 10:01:30 GMT");
    const autumn = await replay(chartUrl("AAPL", "2020-08-30", "2020-11-08"));
    expect(autumn.headers.get("date")).toBe("Thu, 20 Feb 2025 11:47:42 GMT");
  });

  it("answers a period with no bars in Yahoo's empty shape", async () => {
    const body = await chartBody(await replay(chartUrl("AAPL", "2025-02-01", "2025-02-02", "1m")));
    expect(body.timestamp).toBeUndefined();
    expect(body.indicators).toEqual({ quote: [{}] });
    const outside = await chartBody(await replay(chartUrl("BTC-USD", "2019-01-01", "2019-02-01")));
    expect(outside.timestamp).toBeUndefined();
    expect(outside.meta.symbol).toBe("BTC-USD");
  });

  it("serves other endpoints verbatim, by symbol and quoteSummary module", async () => {
    const price = await replay("https://query1.finance.yahoo.com/v10/finance/quoteSummary/AAPL?modules=price&crumb=x");
    expect(await price.json()).toEqual(readRecording("quoteSummary-price-AAPL.json").response.bodyJson);
    const quote = await replay("https://query2.finance.yahoo.com/v7/finance/quote?symbols=AAPL%2CBABA");
    expect(await quote.json()).toEqual(readRecording("quote-AAPL-BABA.json").response.bodyJson);
  });

  it("answers 404 in Yahoo's error shape for a request never recorded", async () => {
    const response = await replay(chartUrl("NOPE", "2020-01-01", "2020-02-01"));
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      finance: {
        result: null,
        error: { code: "Not Found", description: `replay: no recorded response for /v8/finance/chart NOPE interval 1d in ${YAHOO_RECORDINGS}` },
      },
    });
  });

  it("replays a recorded failure when that is all there is", async () => {
    const failure = readRecording("chart-BTC-USD-2020-01-01-to-2020-01-03.json");
    failure.request.url = chartUrl("ETH-USD", "2020-01-01", "2020-01-03");
    failure.response = { ...failure.response, ok: false, status: 429, statusText: "Too Many Requests", bodyJson: undefined, bodyText: "Too Many Requests" };
    const response = await replayTransport(recordingDir({ "eth.json": failure }))(chartUrl("ETH-USD", "2021-01-01", "2021-01-03"));
    expect(response.status).toBe(429);
    expect(await response.text()).toBe("Too Many Requests");
  });
});

describe("record", () => {
  it("saves each raw response in the recording format, and the saved files replay the same answers", async () => {
    const dir = recordingDir({});
    const recording = recordingTransport(replay, dir);
    const url = chartUrl("MSFT", "2021-02-01", "2021-03-01");
    const first = await (await recording(url, { headers: { cookie: "A1=secret", "user-agent": "test" } })).json();
    await recording(chartUrl("NOPE", "2021-02-01", "2021-03-01"));
    await recording(url);

    expect(readdirSync(dir).sort()).toEqual([
      "chart-MSFT-2021-02-01-to-2021-03-01-interval-1d-2.json",
      "chart-MSFT-2021-02-01-to-2021-03-01-interval-1d.json",
      "chart-NOPE-2021-02-01-to-2021-03-01-interval-1d-status-404.json",
    ]);
    const saved = JSON.parse(readFileSync(join(dir, "chart-MSFT-2021-02-01-to-2021-03-01-interval-1d.json"), "utf8"));
    expect(saved.request).toEqual({ url, method: "GET", headers: { "user-agent": "test" } });
    expect(saved.response).toMatchObject({ ok: true, status: 200, statusText: "OK", headers: { date: "Sat, 22 Feb 2025 10:01:31 GMT" } });
    expect(saved.response.bodyJson).toEqual(first);
    expect(await (await replayTransport(dir)(url)).json()).toEqual(first);
  });
});
