import type { Db } from "@/lib/db";

export type DatabaseHealth = { reachable: true; latencyMs: number } | { reachable: false; latencyMs: number; error: string };

const HEALTH_TIMEOUT_MS = 3_000;

/** Whether `client` answers a trivial query within a few seconds (a hung database counts as unreachable). */
export async function checkDatabase(client: Db, timeoutMs = HEALTH_TIMEOUT_MS): Promise<DatabaseHealth> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      client.$queryRaw`SELECT 1`,
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return { reachable: true, latencyMs: Math.round(performance.now() - started) };
  } catch (error) {
    return {
      reachable: false,
      latencyMs: Math.round(performance.now() - started),
      error: error instanceof Error ? error.message : String(error),
    };
  } finally {
    clearTimeout(timer);
  }
}
