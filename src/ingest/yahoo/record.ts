/**
 * Record: pass requests through to an inner transport and save every raw response (failures and
 * retried attempts included) as one recording file in `dir`, in the format of recording.ts.
 *
 * File names say what the file holds, like the shared recordings:
 * `chart-AAPL-2020-08-30-to-2025-02-20-interval-1d.json` (`-status-429` appended for a failure,
 * `-2`, `-3`, … when the name is taken; files are created exclusively, so concurrent requests never
 * overwrite each other).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { toRecording } from "./recording.ts";
import { requestKey, type Transport } from "./transport.ts";

function baseName(url: string, status: number): string {
  const key = requestKey(url);
  const params = new URL(url).searchParams;
  const day = (name: string) => {
    const seconds = Number(params.get(name));
    return params.has(name) && Number.isFinite(seconds) ? new Date(seconds * 1000).toISOString().slice(0, 10) : undefined;
  };
  const parts = [key.endpoint.split("/").pop() || "request", key.symbol];
  const [from, to] = [day("period1"), day("period2")];
  if (from && to) parts.push(from, "to", to);
  if (key.interval) parts.push("interval", key.interval);
  if (status !== 200) parts.push("status", String(status));
  return parts.filter(Boolean).join("-").replace(/[^A-Za-z0-9._^=-]/g, "_");
}

function writeExclusive(dir: string, base: string, text: string): void {
  for (let n = 1; ; n++) {
    try {
      writeFileSync(join(dir, `${base}${n === 1 ? "" : `-${n}`}.json`), text, { flag: "wx" });
      return;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
  }
}

export function recordingTransport(inner: Transport, dir: string): Transport {
  mkdirSync(dir, { recursive: true });
  return async (url, init) => {
    const response = await inner(url, init);
    const bodyText = await response.text();
    writeExclusive(dir, baseName(url, response.status), `${JSON.stringify(toRecording(url, init, response, bodyText), null, 2)}\n`);
    return new Response(bodyText, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
}
