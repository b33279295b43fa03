import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

const TSX = path.join(process.cwd(), "node_modules", ".bin", "tsx");
const CHILD = path.join(process.cwd(), "lib", "testing", "fixtures", "shutdown-child.ts");

/** Starts the stand-in server, sends it `signal` once ready, and returns its output and exit code. */
function stopWith(signal: NodeJS.Signals, env: Record<string, string> = {}) {
  return new Promise<{ lines: string[]; code: number | null }>((resolve, reject) => {
    const child = spawn(TSX, [CHILD], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("ready\n") && !child.killed) child.kill(signal);
    };
    child.stdout.on("data", onData);
    child.stderr.on("data", onData);
    child.on("error", reject);
    child.on("exit", (code) => resolve({ lines: output.trim().split("\n"), code }));
  });
}

describe("closeDatabaseOnShutdown", () => {
  for (const [signal, code] of [
    ["SIGTERM", 143],
    ["SIGINT", 130],
  ] as const) {
    it(`on ${signal}: the server drains first, then the database is closed, then the process exits with Next's code`, async () => {
      const { lines, code: exitCode } = await stopWith(signal);
      expect(lines).toEqual([
        "ready",
        "server: draining",
        "server: last request finished",
        "db: disconnecting",
        "db: disconnected",
        `agora: ${signal}: requests finished, database connections closed`,
      ]);
      expect(exitCode).toBe(code);
    });
  }

  it("exits anyway when closing the database hangs", async () => {
    const started = Date.now();
    const { lines, code } = await stopWith("SIGTERM", { DISCONNECT_MS: "60000" });
    expect(lines.at(-1)).toMatch(/agora: SIGTERM: closing database connections failed: timed out after 5000 ms$/);
    expect(code).toBe(143);
    expect(Date.now() - started).toBeLessThan(15_000);
  });
});
