/**
 * Retries with exponential backoff and jitter, for 429 (rate limited), 5xx and network errors.
 *
 * Attempt k (1-based) that fails waits `cap/2 + random() · cap/2` ms with `cap = min(maxDelayMs,
 * baseDelayMs · 2^(k-1))` ("equal jitter": the wait still doubles, and clients that failed together
 * do not retry together); a `Retry-After` header (seconds) raises the wait to at least what the server
 * asked, still capped at `maxDelayMs`. After `maxAttempts` the last failed response is returned as is
 * (the caller reports its status) or the last network error is rethrown. Other statuses (404, …) are
 * answers, not failures, and are never retried. `sleep` and `random` are injectable so tests neither
 * wait nor depend on chance.
 */
import type { Transport } from "./transport.ts";

export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  /** Told before each wait: which request, which attempt failed, why, and how long it will wait. */
  onRetry?: (info: { url: string; attempt: number; reason: string; delayMs: number }) => void;
}

export const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 1_000,
  maxDelayMs: 30_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
};

export function isRetryableStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status <= 599);
}

function retryAfterMs(response: Response): number {
  const seconds = Number(response.headers.get("retry-after"));
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : 0;
}

export function backoffDelayMs(policy: RetryPolicy, attempt: number, serverAskedMs = 0): number {
  const cap = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.min(policy.maxDelayMs, Math.max(serverAskedMs, cap / 2 + policy.random() * (cap / 2)));
}

export function withRetries(inner: Transport, policy: RetryPolicy): Transport {
  return async (url, init) => {
    for (let attempt = 1; ; attempt++) {
      let reason: string;
      let asked = 0;
      try {
        const response = await inner(url, init);
        if (!isRetryableStatus(response.status) || attempt >= policy.maxAttempts) return response;
        reason = `HTTP ${response.status}`;
        asked = retryAfterMs(response);
        await response.body?.cancel();
      } catch (err) {
        if (attempt >= policy.maxAttempts) throw err;
        reason = `network error: ${(err as Error).message}`;
      }
      const delayMs = backoffDelayMs(policy, attempt, asked);
      policy.onRetry?.({ url, attempt, reason, delayMs });
      await policy.sleep(delayMs);
    }
  };
}
