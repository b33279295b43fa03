import { describe, expect, it } from "vitest";
import { DEFAULT_SERVER_HEAP_MB, nextStartArgs, serverNodeFlags } from "./lib/server-process.mjs";

describe("the production server's Node.js flags", () => {
  it("bounds the V8 heap by default, and SERVER_HEAP_MB moves the bound", () => {
    expect(serverNodeFlags({})).toEqual([`--max-old-space-size=${DEFAULT_SERVER_HEAP_MB}`]);
    expect(serverNodeFlags({ SERVER_HEAP_MB: "512" })).toEqual(["--max-old-space-size=512"]);
  });

  it("leaves the bound to an operator's own NODE_OPTIONS", () => {
    expect(serverNodeFlags({ NODE_OPTIONS: "--max-old-space-size=1024", SERVER_HEAP_MB: "512" })).toEqual([]);
  });

  it("refuses a bound the server could not run in, naming the variable", () => {
    for (const value of ["64", "lots", "256.5", ""]) {
      expect(() => serverNodeFlags({ SERVER_HEAP_MB: value })).toThrow(/SERVER_HEAP_MB/);
    }
  });

  it("starts next with the flags before the script and the arguments after it", () => {
    const args = nextStartArgs(["-p", "3000"], {});
    expect(args[0]).toMatch(/^--max-old-space-size=/);
    expect(args.slice(1)).toEqual([expect.stringMatching(/next$/), "start", "-p", "3000"]);
  });
});
