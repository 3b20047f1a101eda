/**
 * The recording file format, shared with the real recordings in `test/fixtures/yahoo/`: one HTTP
 * exchange per JSON file, `{ request: { url, method, headers }, response: { ok, status, statusText,
 * headers, bodyJson | bodyText } }`. A body that parses as JSON is kept as `bodyJson`, anything else
 * as `bodyText`. Cookies are never written (request `cookie` and response `set-cookie` are dropped):
 * recordings are shared files and those headers are session state, not data.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { InputError } from "../../errors.ts";

export interface RecordedExchange {
  request: { url: string; method: string; headers: Record<string, string> };
  response: {
    ok: boolean;
    status: number;
    statusText: string;
    headers: Record<string, string | string[]>;
    bodyJson?: unknown;
    bodyText?: string;
  };
}

export interface RecordingFile {
  file: string;
  exchange: RecordedExchange;
}

const SESSION_HEADERS = new Set(["cookie", "set-cookie"]);

function plainHeaders(headers: ConstructorParameters<typeof Headers>[0]): Record<string, string> {
  const out: Record<string, string> = {};
  new Headers(headers).forEach((value, name) => {
    if (!SESSION_HEADERS.has(name)) out[name] = value;
  });
  return out;
}

/** The exchange as a recording, from the request and the response's already-read body text. */
export function toRecording(url: string, init: RequestInit | undefined, response: Response, bodyText: string): RecordedExchange {
  let bodyJson: unknown;
  let isJson = false;
  try {
    bodyJson = JSON.parse(bodyText);
    isJson = true;
  } catch {
    // Not JSON: kept verbatim as bodyText.
  }
  return {
    request: { url, method: init?.method ?? "GET", headers: plainHeaders(init?.headers) },
    response: {
      ok: response.ok,
      status: response.status,
      statusText: response.statusText,
      headers: plainHeaders(response.headers),
      ...(isJson ? { bodyJson } : { bodyText }),
    },
  };
}

/** A fetch Response carrying a recorded response (optionally with a replacement JSON body). */
export function toResponse(recorded: RecordedExchange["response"], bodyJson: unknown = recorded.bodyJson): Response {
  const headers = new Headers();
  for (const name of ["content-type", "date"]) {
    const value = recorded.headers[name];
    if (typeof value === "string") headers.set(name, value);
  }
  const body = bodyJson !== undefined ? JSON.stringify(bodyJson) : (recorded.bodyText ?? "");
  // Status 1xx/204/304 cannot carry a body; recordings of those are served without one.
  const bodyless = recorded.status === 204 || recorded.status === 304;
  return new Response(bodyless ? null : body, { status: recorded.status, statusText: recorded.statusText, headers });
}

/** Every `*.json` recording in `dir`, in file-name order; a file that is not JSON is bad input. */
export function readRecordings(dir: string): RecordingFile[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith(".json"))
    .sort()
    .map((file) => {
      try {
        return { file, exchange: JSON.parse(readFileSync(join(dir, file), "utf8")) as RecordedExchange };
      } catch (err) {
        throw new InputError(`${dir}/${file} is not a recording (${(err as Error).message})`);
      }
    });
}
