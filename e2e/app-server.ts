import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import net from "node:net";
import { nextStartArgs } from "../scripts/lib/server-process.mjs";

/** Which database this e2e run uses (see scripts/e2e-server.mjs and playwright.config.ts). */
export const E2E_DATABASE: "sqlite" | "postgres" = process.env.E2E_DATABASE === "postgres" ? "postgres" : "sqlite";

/** The database the suite's main server uses; extra servers started here share it. */
export const E2E_DATABASE_URL = process.env.E2E_DATABASE_URL ?? "file:./prisma/e2e.db";

/** A made-up client address for X-Forwarded-For, so this spec's sign-ups do not spend the shared per-IP limits. */
export function randomVisitorIp(): string {
  const [a, b, c] = randomBytes(3);
  return `10.${a}.${b}.${(c! % 254) + 1}`;
}

/** A port nothing on 127.0.0.1 listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export type AppServer = {
  url: string;
  process: ChildProcess;
  /** Everything the server has printed so far. */
  output(): string;
  /** Sends `signal` and resolves with the exit code once the process has exited. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
};

/**
 * Starts another `next start` of the suite's build on a free port, on the suite's database (plus `env`), and
 * waits until it serves the home page. The process is `next` itself, so signals reach the server directly.
 */
export async function startAppServer(
  // Or a function of the server's own URL, for settings that name it (AUTH_URL, which emails link to).
  env: Record<string, string> | ((url: string) => Record<string, string>) = {},
  // When the server counts as up: by default once it serves the home page. A server started on a broken
  // database never does; such a test waits for any answer from /api/health instead.
  { readyPath = "/", isReady = (response: Response) => response.ok }: { readyPath?: string; isReady?: (response: Response) => boolean } = {},
): Promise<AppServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, nextStartArgs(["-p", String(port), "-H", "127.0.0.1"]), {
    // As the suite's own server (playwright.config.ts): no anonymous cache, and no automatic cool-down, which the
    // load specs' thousand comments in one thread would trip. A spec that wants either passes its own values.
    env: {
      ...process.env,
      DATABASE_URL: E2E_DATABASE_URL,
      NEXT_TELEMETRY_DISABLED: "1",
      ANONYMOUS_CACHE_SECONDS: "0",
      TRUST_PROXY: "loopback",
      COOLDOWN_COMMENTS_PER_10_MIN: "100000",
      COOLDOWN_REPORTS_PER_10_MIN: "100000",
      ...(typeof env === "function" ? env(url) : env),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));

  const server: AppServer = {
    url,
    process: child,
    output: () => output,
    async stop(signal = "SIGTERM") {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };

  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}:\n${output}`);
    try {
      const response = await fetch(`${url}${readyPath}`, { signal: AbortSignal.timeout(10_000) });
      if (isReady(response)) return server;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await server.stop("SIGKILL");
      throw new Error(`next start on ${url} did not serve ${readyPath} within 60 s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
