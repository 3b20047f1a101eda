/**
 * One value as table or outline text: numbers to 6 significant digits (integers whole, NaN as "NaN"),
 * a Date at UTC midnight as `YYYY-MM-DD` and any other instant as `YYYY-MM-DD HH:MM:SSZ`, null and
 * undefined as themselves, strings bare. Anything composite is shown by its shape, not its content
 * (a table cell is one short line).
 */
import { inspect, types } from "node:util";

const SIGNIFICANT = 6;

export function formatNumber(x: number): string {
  if (Number.isInteger(x)) return String(x);
  if (!Number.isFinite(x)) return String(x);
  const magnitude = Math.floor(Math.log10(Math.abs(x)));
  if (magnitude < -4 || magnitude >= 15) return x.toPrecision(SIGNIFICANT).replace(/\.?0+e/, "e");
  // Below 10^5 this keeps 6 significant digits; above it the whole part is printed, rounded.
  return x.toFixed(Math.max(0, SIGNIFICANT - 1 - magnitude)).replace(/(\.\d*?)0+$/, "$1").replace(/\.$/, "");
}

export function formatDate(d: Date): string {
  if (Number.isNaN(d.getTime())) return "Invalid Date";
  const iso = d.toISOString();
  return iso.endsWith("T00:00:00.000Z") ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 19)}Z`;
}

/** A value as one short line. */
export function formatScalar(value: unknown): string {
  if (typeof value === "number") return formatNumber(value);
  if (typeof value === "string") return value;
  if (types.isDate(value)) return formatDate(value);
  if (typeof value === "bigint") return `${value}n`;
  if (value === null || value === undefined || typeof value === "boolean" || typeof value === "symbol") return String(value);
  if (typeof value === "function") return `[Function ${value.name || "(anonymous)"}]`;
  if (Array.isArray(value) || ArrayBuffer.isView(value)) return `[${(value as ArrayLike<unknown>).length} items]`;
  return inspect(value, { depth: 0, breakLength: Infinity });
}
