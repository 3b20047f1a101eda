/**
 * JSON that keeps every number, for sweep plans and task results stored as jsonb by the job queue.
 * JSON has no NaN, ±Infinity or −0 (JSON.stringify writes null, null and 0), yet a window's Sharpe
 * is NaN when its returns do not vary; such a number travels as `{"$number": "NaN"}` ("Infinity",
 * "-Infinity", "-0") and comes back as itself, so a result read from the table deep-equals the one
 * computed in process. Plans and results never hold an object whose only key is "$number".
 */
const TAG = "$number";

/** `value` as JSON-safe data: every number JSON cannot write replaced by its tag object. */
export function encodeNumbers(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (_key, v: unknown) => (typeof v === "number" && (!Number.isFinite(v) || Object.is(v, -0)) ? { [TAG]: String(v === 0 ? "-0" : v) } : v)));
}

/** The inverse of encodeNumbers, on parsed JSON (e.g. a jsonb column as the driver returns it). */
export function decodeNumbers<T>(value: unknown): T {
  return restore(value) as T;
}

function restore(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(restore);
  if (value === null || typeof value !== "object") return value;
  const entries = Object.entries(value);
  if (entries.length === 1 && entries[0][0] === TAG && typeof entries[0][1] === "string") return Number(entries[0][1]);
  return Object.fromEntries(entries.map(([key, v]) => [key, restore(v)]));
}
