import { describe, expect, it } from "vitest";
import { mapLimited } from "../../../src/ingest/yahoo/pool.ts";

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe("mapLimited", () => {
  it("starts at most `limit` tasks, starts the next as one finishes, and keeps input order", async () => {
    const started: number[] = [];
    const finish: ((value: string) => void)[] = [];
    const all = mapLimited([0, 1, 2, 3, 4], 2, (item) => {
      started.push(item);
      return new Promise<string>((resolve) => (finish[item] = resolve));
    });
    await flush();
    expect(started).toEqual([0, 1]);
    finish[1](`done 1`);
    await flush();
    expect(started).toEqual([0, 1, 2]);
    finish[0](`done 0`);
    finish[2](`done 2`);
    await flush();
    expect(started).toEqual([0, 1, 2, 3, 4]);
    finish[4](`done 4`);
    finish[3](`done 3`);
    expect(await all).toEqual(["done 0", "done 1", "done 2", "done 3", "done 4"]);
  });

  it("handles fewer items than the limit, and none", async () => {
    expect(await mapLimited([1], 4, async (x) => x * 2)).toEqual([2]);
    expect(await mapLimited([], 4, async (x: number) => x)).toEqual([]);
  });
});
