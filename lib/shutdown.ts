/**
 * Closes the database connections when `next start` (or `next dev`) is told to stop, after the last request.
 *
 * On SIGTERM or SIGINT, Next 16 (node_modules/next/dist/server/lib/start-server.js) stops accepting connections,
 * waits for in-flight requests to finish (server.close), runs its cleanup listeners, then calls process.exit
 * (143 or 130). Next registers that handler before instrumentation runs, and offers no hook after the drain.
 * Disconnecting as soon as the signal arrives would pull the pool out from under the requests Next is still
 * finishing, and doing nothing means process.exit drops the pool's sockets without a goodbye. So on the
 * signal this defers Next's process.exit: when Next calls it (every request done), the Prisma client is
 * disconnected (ending the pg pool, or closing the SQLite handle) and only then does the process exit with
 * Next's code. A disconnect that hangs is abandoned after DISCONNECT_TIMEOUT_MS.
 */
const DISCONNECT_TIMEOUT_MS = 5_000;

type Disconnect = () => Promise<void>;

let installed = false;

export function closeDatabaseOnShutdown(disconnect: Disconnect): void {
  if (installed) return;
  installed = true;
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => deferExitUntilDisconnected(disconnect, signal));
  }
}

function deferExitUntilDisconnected(disconnect: Disconnect, signal: NodeJS.Signals): void {
  const exit = process.exit.bind(process);
  let closing: Promise<void> | undefined;
  process.exit = ((code?: number | string | null) => {
    closing ??= withTimeout(disconnect(), DISCONNECT_TIMEOUT_MS)
      .then(
        () => console.log(`agora: ${signal}: requests finished, database connections closed`),
        (error: unknown) => console.error(`agora: ${signal}: closing database connections failed: ${error instanceof Error ? error.message : String(error)}`),
      )
      .finally(() => exit(code ?? undefined));
    return undefined as never;
  }) as typeof process.exit;
}

function withTimeout(promise: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
