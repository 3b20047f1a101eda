/**
 * Reading the line-per-row files of a session (prices.csv, orderbook.csv) without holding them whole:
 * the hand-written splitter of the importer.
 *
 * These files hold plain numbers only, so a row is a line split at commas: ten times faster than
 * csv-parse on a million trades (0.4-0.8 s against 4-7 s here), which is most of an import's own time.
 * A quoted cell is not a number, so it is rejected like any other text in a number.
 *
 * Lines: `\n` ends a line, a `\r` before it is dropped (Python's csv module writes `\r\n`), an empty
 * line is not a row. Line numbers count every line, the header being line 1: a row's line number is
 * its identity (the tie-break `seq` of rows with the same timestamp, the id of a reject, the resume
 * position). A last line without a line end was cut off by a session killed mid-write: it is a row,
 * rejected as truncated whatever it holds.
 */
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";

export const TRUNCATED = "truncated last line: no line end (the session was killed mid-write)";

export interface FileScan {
  sha256: string;
  /** Non-empty lines after the header, the truncated last line included. */
  rows: number;
}

/** The file's SHA-256 and its rows, in one pass over its bytes. */
export async function scanLines(path: string): Promise<FileScan> {
  const hash = createHash("sha256");
  let line = 1;
  let bytes = 0; // of the current line so far
  let last = -1; // its last byte
  let rows = 0;
  const endLine = () => {
    if (line > 1 && bytes - (last === 13 ? 1 : 0) > 0) rows++;
    line++;
    bytes = 0;
    last = -1;
  };
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    hash.update(chunk);
    let pos = 0;
    for (let nl = chunk.indexOf(10, pos); nl >= 0; nl = chunk.indexOf(10, pos)) {
      if (nl > pos) last = chunk[nl - 1];
      bytes += nl - pos;
      endLine();
      pos = nl + 1;
    }
    if (pos < chunk.length) {
      bytes += chunk.length - pos;
      last = chunk[chunk.length - 1];
    }
  }
  if (bytes > 0) endLine();
  return { sha256: hash.digest("hex"), rows };
}

/** A data row of a session file: its cells and the line it ends on. */
export interface CsvRecord {
  line: number;
  cells: string[];
  /** False for a last line without a line end. */
  terminated: boolean;
}

/**
 * The rows after line `after` (and after the header), in order, a chunk's worth at a time, each
 * line split at commas. `after` 0 reads from the first data line.
 */
export async function* readRecords(path: string, after: number): AsyncGenerator<CsvRecord[]> {
  let carry = "";
  let line = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20, encoding: "utf8" }) as AsyncIterable<string>) {
    const text = carry === "" ? chunk : carry + chunk;
    const records: CsvRecord[] = [];
    let start = 0;
    for (let nl = text.indexOf("\n"); nl >= 0; nl = text.indexOf("\n", start)) {
      line++;
      const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      if (line > 1 && line > after && end > start) records.push({ line, cells: text.slice(start, end).split(","), terminated: true });
      start = nl + 1;
    }
    carry = text.slice(start);
    if (records.length > 0) yield records;
  }
  const tail = carry.endsWith("\r") ? carry.slice(0, -1) : carry;
  line++;
  if (tail !== "" && line > 1 && line > after) yield [{ line, cells: tail.split(","), terminated: false }];
}
