/** The bar-store's fast instant text equals src/kite/time.ts's rules (and plain ISO UTC), in any order of instants. */
import { expect, it } from "vitest";
import { exchangeDate, exchangeLocalIso } from "../../src/kite/time.ts";
import { BarTimes } from "../../src/repositories/bar-times.ts";

it("writes ts, local and date as Date and exchangeLocalIso/exchangeDate do, across UTC and IST midnights", () => {
  const at = (iso: string) => Date.parse(iso) / 1000;
  // Every minute around IST midnight (18:30Z) and UTC midnight, then the same instants shuffled back and forth.
  const around = (iso: string) => Array.from({ length: 121 }, (_, k) => at(iso) + (k - 60) * 60 + (k % 7));
  const instants = [...around("2025-10-15T18:30:00Z"), ...around("2025-10-16T00:00:00Z"), at("1970-01-01T00:00:00Z"), at("2024-02-29T23:59:59Z")];
  const shuffled = [...instants.filter((_, k) => k % 2 === 1), ...instants.filter((_, k) => k % 2 === 0).reverse()];
  const times = new BarTimes();
  for (const s of [...instants, ...shuffled]) {
    expect([times.ts(s), times.local(s), times.date(s)], String(s)).toEqual([`${new Date(s * 1000).toISOString().slice(0, 19)}Z`, exchangeLocalIso(s), exchangeDate(s)]);
  }
  expect([times.ts(at("2025-10-15T18:30:00Z")), times.local(at("2025-10-15T18:30:00Z")), times.date(at("2025-10-15T18:30:00Z"))]).toEqual([
    "2025-10-15T18:30:00Z",
    "2025-10-16T00:00:00+05:30",
    "2025-10-16",
  ]);
});
