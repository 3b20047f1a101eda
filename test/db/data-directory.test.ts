/**
 * The embedded engine's data directory when it cannot be used: each case is one line naming the
 * directory (never a WASM trap such as `unreachable` or `Aborted()`, never a hang), and nothing is
 * created where a command only reads. Read-only and full disks are real: small tmpfs mounts (the
 * tests run as root, as the CI does; `mount` needs it).
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/index.ts";

const base = mkdtempSync(join(tmpdir(), "data-directory-"));

/** A tmpfs mounted with `options` at a new directory under `base`, unmounted after the test file. */
const mounts: string[] = [];
function tmpfs(name: string, options: string): string {
  const point = join(base, name);
  mkdirSync(point);
  execFileSync("mount", ["-t", "tmpfs", "-o", options, "tmpfs", point]);
  mounts.push(point);
  return point;
}

describe("embedded data directories that cannot be used", () => {
  afterAll(() => {
    // Lazily: a PGlite that failed to start keeps its files open until this process ends.
    for (const point of mounts) execFileSync("umount", ["--lazy", point]);
    rmSync(base, { recursive: true, force: true });
  });

  it("a path that is a file", async () => {
    const file = join(base, "a-file");
    writeFileSync(file, "not a directory");
    await expect(openDatabase({ dir: file })).rejects.toThrow(`cannot open the embedded database in ${file}: it is a file, not a directory; set PGLITE_DIR to a directory`);
    await expect(openDatabase({ dir: join(file, "db") })).rejects.toThrow(`cannot open the embedded database in ${join(file, "db")}: a part of the path is a file, not a directory`);
  });

  it("a missing directory, for a command that only reads, is refused by its absolute path and not created", async () => {
    const missing = join(base, "mistyped");
    const relative = join("..", ...Array(8).fill(".."), missing);
    const error = await openDatabase({ dir: relative, mustExist: true }).catch((err: unknown) => err);
    expect(error).toMatchObject({
      code: "missing",
      expected: true,
      message: `no embedded database in ${resolve(relative)}: the directory does not exist; check PGLITE_DIR (relative paths start from the current directory) or load data first (npm run db:migrate, a loader)`,
    });
    expect(resolve(relative)).toBe(missing);
    expect(existsSync(missing)).toBe(false);
    mkdirSync(missing);
    await expect(openDatabase({ dir: missing, mustExist: true })).rejects.toThrow(`no embedded database in ${missing}: the directory holds no database; check PGLITE_DIR`);
    expect(readdirSync(missing)).toEqual([]);
    expect(existsSync(`${missing}.lock`)).toBe(false);
  });

  it("a directory with files that are not a database", async () => {
    const other = join(base, "other");
    mkdirSync(other);
    writeFileSync(join(other, "notes.txt"), "mine");
    await expect(openDatabase({ dir: other })).rejects.toThrow(`cannot open the embedded database in ${other}: the directory has files but no database (no PG_VERSION); point PGLITE_DIR at an empty or new directory`);
    expect(readdirSync(other)).toEqual(["notes.txt"]);
    expect(existsSync(`${other}.lock`)).toBe(false);
  });

  // It used to spin forever: the short timeout fails a hang without a wall-clock assertion.
  it.each(["/proc/quant", "/proc/self", "/sys/kernel/db"])("%s (a kernel file system) is refused, not spun on", { timeout: 15_000 }, async (dir) => {
    await expect(openDatabase({ dir })).rejects.toThrow(`cannot open the embedded database in ${dir}: /${dir.split("/")[1]} is a kernel file system, not storage; set PGLITE_DIR to a directory on disk`);
  });

  it("a read-only directory", async () => {
    const readOnly = tmpfs("read-only", "size=4m,ro");
    await expect(openDatabase({ dir: readOnly })).rejects.toThrow(
      `cannot open the embedded database in ${readOnly}: it is on a read-only file system (the embedded engine writes to its directory even to read)`,
    );
    await expect(openDatabase({ dir: join(readOnly, "db") })).rejects.toThrow(`cannot open the embedded database in ${join(readOnly, "db")}: it is on a read-only file system`);
  });

  it("a disk too full to create the database", async () => {
    const full = tmpfs("tiny", "size=2m");
    const dir = join(full, "db");
    const error = await openDatabase({ dir }).catch((err: unknown) => err);
    expect(error).toMatchObject({ code: "53100", expected: true, message: `cannot open the embedded database in ${dir}: the disk is full; free some space and run again` });
    expect(existsSync(`${dir}.lock`)).toBe(false);
  });

  it("a disk that fills while writing: one line naming the directory", async () => {
    const disk = tmpfs("fills", "size=34m");
    const dir = join(disk, "db");
    const database = await openDatabase({ dir, migrate: false });
    try {
      await database.query("CREATE TABLE filler (v text)");
      let error: unknown;
      for (let i = 0; i < 200 && error === undefined; i++) {
        error = await database.query("INSERT INTO filler SELECT repeat(md5(g::text), 40) FROM generate_series(1, 2000) g").then(() => undefined, (err: unknown) => err);
      }
      expect(error).toMatchObject({ code: "53100", expected: true });
      expect((error as Error).message).toMatch(new RegExp(`^the disk holding the embedded database in ${dir} is full \\(could not (write|extend)[^\\n]*No space left on device\\); free some space and run again$`));
    } finally {
      await database.close().catch(() => undefined);
    }
  });
});
