/**
 * Instants held as epoch microseconds (integers: PostgreSQL's precision, which a Date cuts to the
 * millisecond), as values the bulk path (src/db/copy-binary.ts) writes exactly: a Date when they are
 * whole milliseconds (every exchange trade time; a Date costs a tenth of text to make and encode), else
 * UTC timestamp text with six decimals, `2025-10-07 12:49:02.460123+00`.
 */

let cachedDay = -1;
let cachedDate = "";
const two = (n: number) => (n < 10 ? `0${n}` : `${n}`);

/** `YYYY-MM-DD HH:MM:SS.ffffff+00` of microseconds since 1970 (a load's rows share a few days: the date is cached). */
export function timestampText(micros: number): string {
  const seconds = Math.floor(micros / 1_000_000);
  const day = Math.floor(seconds / 86_400);
  if (day !== cachedDay) {
    cachedDay = day;
    cachedDate = new Date(day * 86_400_000).toISOString().slice(0, 10);
  }
  const inDay = seconds - day * 86_400;
  const fraction = String(micros - seconds * 1_000_000).padStart(6, "0");
  return `${cachedDate} ${two(Math.floor(inDay / 3600))}:${two(Math.floor(inDay / 60) % 60)}:${two(inDay % 60)}.${fraction}+00`;
}

/** The bulk path's value for epoch microseconds: a Date when they are whole milliseconds, else timestamp text. */
export function timestampValue(micros: number): Date | string {
  return micros % 1000 === 0 ? new Date(micros / 1000) : timestampText(micros);
}
