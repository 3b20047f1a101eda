import { afterEach, describe, expect, it, vi } from "vitest";
import { dateOption, integerOption, parseCli } from "../scripts/lib/cli.ts";
import { InputError } from "../src/errors.ts";

const OPTIONS = { from: { type: "string" }, json: { type: "boolean" }, region: { type: "string", multiple: true, default: [] as string[] } } as const;
const argv = process.argv;

function withArgs(args: string[]) {
  process.argv = [argv[0], "script.ts", ...args];
}

afterEach(() => {
  process.argv = argv;
  vi.restoreAllMocks();
});

describe("parseCli", () => {
  it("returns the flags typed by the options, defaults filled in", () => {
    withArgs(["--from", "2024-01-31", "--json", "--region", "KR", "--region", "US"]);
    expect(parseCli(OPTIONS, "help text")).toEqual({ from: "2024-01-31", json: true, region: ["KR", "US"] });
    withArgs([]);
    expect(parseCli(OPTIONS, "help text")).toEqual({ region: [] });
  });

  it("prints the help for --help and returns undefined", () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
    withArgs(["--json", "--help"]);
    expect(parseCli(OPTIONS, "help text")).toBeUndefined();
    expect(log.mock.calls).toEqual([["help text"]]);
  });

  it("reads the arguments it is given after a command word", () => {
    withArgs(["stats", "--json"]);
    expect(parseCli(OPTIONS, "help text", process.argv.slice(3))).toEqual({ json: true, region: [] });
  });

  it("turns an unknown flag, a missing value or a positional into a InputError pointing at --help", () => {
    const cases = [["--bogus"], ["--from"], ["extra"]].map((args) => {
      withArgs(args);
      try {
        parseCli(OPTIONS, "help text");
        return "parsed";
      } catch (err) {
        return `${(err as Error).name}: ${(err as Error).message}`;
      }
    });
    expect(cases).toEqual([
      "InputError: Unknown option '--bogus'; see --help",
      "InputError: Option '--from <value>' argument missing; see --help",
      "InputError: Unexpected argument 'extra'. This command does not take positional arguments; see --help",
    ]);
  });
});

describe("integerOption and dateOption", () => {
  it("parse integers of at least the least value; a missing flag is undefined", () => {
    expect([integerOption("0", "--n", 0), integerOption("12", "--n", 1), integerOption(undefined, "--n", 1)]).toEqual([0, 12, undefined]);
    expect(() => integerOption("0", "--repeat", 1)).toThrow(new InputError('--repeat must be an integer ≥ 1, got "0"'));
    expect(() => integerOption("2.5", "--quantiles", 2)).toThrow(new InputError('--quantiles must be an integer ≥ 2, got "2.5"'));
    expect(() => integerOption("x", "--days", 253)).toThrow(new InputError('--days must be an integer ≥ 253, got "x"'));
  });

  it("accept only real calendar dates", () => {
    expect(dateOption("2024-02-29", "--from")).toBe("2024-02-29");
    expect(() => dateOption("2023-02-29", "--to")).toThrow(new InputError('--to must be a date YYYY-MM-DD, got "2023-02-29"'));
  });
});
