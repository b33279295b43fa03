import { afterEach, describe, expect, it, vi } from "vitest";
import { formatLogLine, log, serializeError } from "@/lib/logger";

describe("structured logs", () => {
  afterEach(() => vi.restoreAllMocks());

  it("writes one JSON object per line with time, level, message and fields", () => {
    const line = formatLogLine("error", "request failed", { requestId: "abc", status: 500 }, new Date("2026-11-26T10:00:00Z"));
    expect(line).not.toContain("\n");
    expect(JSON.parse(line)).toEqual({
      time: "2026-11-26T10:00:00.000Z",
      level: "error",
      msg: "request failed",
      requestId: "abc",
      status: 500,
    });
  });

  it("keeps a multi-line message or stack on one line", () => {
    const error = new Error("first line\nsecond line");
    const line = formatLogLine("error", "boom", { error: serializeError(error) });
    expect(line.split("\n")).toHaveLength(1);
    const parsed = JSON.parse(line) as { error: { message: string; stack: string; name: string } };
    expect(parsed.error).toMatchObject({ name: "Error", message: "first line\nsecond line" });
    expect(parsed.error.stack).toContain("logger.test.ts");
  });

  it("keeps an error's digest, the reference the error page shows", () => {
    const error = Object.assign(new Error("db down"), { digest: "12345" });
    expect(serializeError(error)).toMatchObject({ digest: "12345", message: "db down" });
    expect(serializeError("a string")).toEqual({ message: "a string" });
  });

  it("serialises values JSON cannot (bigint) instead of throwing", () => {
    expect(JSON.parse(formatLogLine("info", "count", { rows: 10n }))).toMatchObject({ rows: "10" });
  });

  it("sends errors to stderr and information to stdout", () => {
    const out = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    const err = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    log("info", "started");
    log("error", "failed", { requestId: "r1" });
    expect(out).toHaveBeenCalledTimes(1);
    expect(err).toHaveBeenCalledTimes(1);
    expect(JSON.parse(String(err.mock.calls[0]![0]))).toMatchObject({ level: "error", msg: "failed", requestId: "r1" });
  });
});
