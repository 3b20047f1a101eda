import { describe, expect, it } from "vitest";
import { backoffDelayMs, DEFAULT_RETRY, withRetries, type RetryPolicy } from "../../../src/ingest/yahoo/retry.ts";
import type { Transport } from "../../../src/ingest/yahoo/transport.ts";

/** A transport answering from a script of statuses (or thrown errors), counting calls. */
function scripted(script: (number | Error | { status: number; retryAfter: string })[]): Transport & { calls: number } {
  const transport = Object.assign(
    async () => {
      const step = script[Math.min(transport.calls++, script.length - 1)];
      if (step instanceof Error) throw step;
      const [status, headers] = typeof step === "number" ? [step, {}] : [step.status, { "retry-after": step.retryAfter }];
      return new Response(status === 200 ? "{}" : "Too Many Requests", { status, headers });
    },
    { calls: 0 },
  );
  return transport;
}

function policy(random = 0.5): RetryPolicy & { slept: number[]; reasons: string[] } {
  const slept: number[] = [];
  const reasons: string[] = [];
  return {
    ...DEFAULT_RETRY,
    random: () => random,
    sleep: async (ms) => void slept.push(ms),
    onRetry: ({ reason }) => void reasons.push(reason),
    slept,
    reasons,
  };
}

describe("retries with exponential backoff and jitter", () => {
  it("retries 429 and 5xx, waiting cap/2 + random·cap/2 with cap doubling", async () => {
    const transport = scripted([429, 503, 200]);
    const p = policy();
    const response = await withRetries(transport, p)("https://x/");
    expect(response.status).toBe(200);
    expect(transport.calls).toBe(3);
    expect(p.slept).toEqual([750, 1500]);
    expect(p.reasons).toEqual(["HTTP 429", "HTTP 503"]);
  });

  it("retries network errors", async () => {
    const transport = scripted([new TypeError("fetch failed"), 200]);
    const p = policy(0);
    expect((await withRetries(transport, p)("https://x/")).status).toBe(200);
    expect(p.slept).toEqual([500]);
    expect(p.reasons).toEqual(["network error: fetch failed"]);
  });

  it("never retries an answer such as 404", async () => {
    const transport = scripted([404, 200]);
    const p = policy();
    expect((await withRetries(transport, p)("https://x/")).status).toBe(404);
    expect(transport.calls).toBe(1);
    expect(p.slept).toEqual([]);
  });

  it("waits at least what Retry-After asks, within the cap", async () => {
    const p = policy();
    await withRetries(scripted([{ status: 429, retryAfter: "10" }, 200]), p)("https://x/");
    await withRetries(scripted([{ status: 429, retryAfter: "600" }, 200]), p)("https://x/");
    expect(p.slept).toEqual([10_000, 30_000]);
  });

  it("gives up after maxAttempts: the last response is returned, the last network error rethrown", async () => {
    const failing = scripted([503]);
    const p = policy();
    expect((await withRetries(failing, p)("https://x/")).status).toBe(503);
    expect(failing.calls).toBe(5);
    expect(p.slept).toEqual([750, 1500, 3000, 6000]);
    await expect(withRetries(scripted([new TypeError("fetch failed")]), policy())("https://x/")).rejects.toThrow("fetch failed");
  });

  it("caps the wait at maxDelayMs", () => {
    expect(backoffDelayMs(policy(1), 7)).toBe(30_000);
    expect(backoffDelayMs(policy(0), 7)).toBe(15_000);
    expect(backoffDelayMs(policy(0), 1)).toBe(500);
  });
});
