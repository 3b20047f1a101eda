/**
 * The embedded engine's data directory, checked before PGlite touches it, and its failures said in
 * one line naming the directory. PGlite runs PostgreSQL as WASM: a file-system failure inside it
 * surfaces as a trap (`unreachable`, `Aborted()`, `Program terminated with exit(1)`) or, on a virtual
 * file system such as /proc, as a loop that never ends. So what can be known beforehand (a path that
 * is a file, a read-only or missing directory, /proc) is refused here, and a failed start is explained
 * from the directory's state (a full disk, files that are not a database) rather than by the trap.
 */
import { accessSync, constants, existsSync, mkdirSync, readdirSync, realpathSync, statSync, statfsSync } from "node:fs";
import { dirname, resolve, sep } from "node:path";
import { DatabaseError, sqlState } from "../errors.ts";

export interface DataDirectoryOptions {
  /** Refuse a directory that holds no database yet instead of creating one (commands that only read). */
  mustExist?: boolean;
}

/** Kernel file systems: not storage, and PGlite spins forever on some of them. */
const VIRTUAL_ROOTS = ["/proc", "/sys", "/dev"];

/** Free space below which a failed start is put down to a full disk. */
const LOW_SPACE_BYTES = 64 * 1024 * 1024;

const errnoCode = (err: unknown) => (err as NodeJS.ErrnoException).code;

function fileSystemReason(err: unknown): string {
  switch (errnoCode(err)) {
    case "EROFS":
      return "it is on a read-only file system (the embedded engine writes to its directory even to read)";
    case "EACCES":
    case "EPERM":
      return "permission denied (the embedded engine needs to write to its directory even to read)";
    case "ENOSPC":
      return "the disk is full";
    case "ENOTDIR":
      return "a part of the path is a file, not a directory";
    default:
      return (err as Error).message;
  }
}

const hasDatabase = (dir: string) => {
  try {
    return statSync(`${dir}${sep}PG_VERSION`).isFile();
  } catch {
    return false;
  }
};

/**
 * The absolute, symlink-free path of the data directory `dir`, created when missing unless
 * `mustExist`; throws a DatabaseError naming it when it cannot be used.
 */
export function prepareDataDirectory(dir: string, options: DataDirectoryOptions = {}): string {
  const path = resolve(dir);
  const fail = (why: string, code: string) => new DatabaseError(`cannot open the embedded database in ${path}: ${why}`, code, path);
  if (VIRTUAL_ROOTS.some((root) => path === root || path.startsWith(`${root}/`))) {
    throw fail(`${path.split("/").slice(0, 2).join("/")} is a kernel file system, not storage; set PGLITE_DIR to a directory on disk`, "bad-directory");
  }
  let exists = true;
  try {
    if (!statSync(path).isDirectory()) throw fail("it is a file, not a directory; set PGLITE_DIR to a directory", "bad-directory");
  } catch (err) {
    if (err instanceof DatabaseError) throw err;
    if (errnoCode(err) !== "ENOENT") throw fail(fileSystemReason(err), "bad-directory");
    exists = false;
  }
  if (options.mustExist && !(exists && hasDatabase(path))) {
    throw new DatabaseError(
      `no embedded database in ${path}: the directory ${exists ? "holds no database" : "does not exist"}; check PGLITE_DIR (relative paths start from the current directory) or load data first (npm run db:migrate, a loader)`,
      "missing",
      path,
    );
  }
  try {
    // mkdir's recursive form says ENOENT for a read-only parent: check the nearest existing one first.
    let ancestor = path;
    while (!existsSync(ancestor)) ancestor = dirname(ancestor);
    accessSync(ancestor, constants.W_OK);
    if (!exists) mkdirSync(path, { recursive: true });
    accessSync(path, constants.W_OK);
    accessSync(dirname(path), constants.W_OK); // the lock file lives beside the directory
  } catch (err) {
    throw fail(fileSystemReason(err), "bad-directory");
  }
  return realpathSync(path);
}

/** Why PGlite failed to start in the prepared directory `path`, as one line. */
export function startFailure(path: string, err: unknown): DatabaseError {
  const fail = (why: string, code: string) => new DatabaseError(`cannot open the embedded database in ${path}: ${why}`, code, path);
  if (diskIsFull(path)) return fail("the disk is full; free some space and run again", "53100");
  if (!hasDatabase(path) && readdirSync(path).length > 0) {
    return fail("the directory has files but no database (no PG_VERSION); point PGLITE_DIR at an empty or new directory", "bad-directory");
  }
  const message = (err as Error).message ?? String(err);
  if (/unreachable|Aborted\(|Program terminated|RuntimeError/.test(message)) {
    return fail("the embedded engine stopped while starting (the directory may be damaged, or written by another PGlite version)", "bad-directory");
  }
  return fail(message, (err as { code?: string }).code ?? "database");
}

function diskIsFull(path: string): boolean {
  try {
    const { bavail, bsize } = statfsSync(path);
    return bavail * bsize < LOW_SPACE_BYTES;
  } catch {
    return false;
  }
}

/** A query's failure on a full disk (SQLSTATE 53100) as one line naming the directory; other errors unchanged. */
export function storageFailure(path: string, err: unknown): unknown {
  if (sqlState(err) !== "53100") return err;
  return new DatabaseError(`the disk holding the embedded database in ${path} is full (${(err as Error).message}); free some space and run again`, "53100", path);
}
