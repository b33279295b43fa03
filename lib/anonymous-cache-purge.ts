// Purging the anonymous cache (lib/anonymous-page-cache.ts) when a comment stops (or starts) being shown: a
// moderator's hide, removal, restore or approval, a thread's lock, an author's delete. Signed-out readers would
// otherwise see the old page for up to ANONYMOUS_CACHE_SECONDS, and longer while a stale copy is served.
//
// This instance's cache is emptied at once. Other instances (PostgreSQL only: SQLite is one file, one instance)
// hear of it through NOTIFY on one namespaced channel; each holds one LISTEN connection (startPurgeListener,
// from instrumentation.ts) and empties its own cache when a notification arrives.
import { randomUUID } from "node:crypto";
import pg from "pg";
import { clearSharedAnonymousCache } from "@/lib/anonymous-page-cache";
import { isPostgresUrl } from "@/lib/database-url";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { log, serializeError } from "@/lib/logger";

/** The NOTIFY channel: Agora's own name, so another application on the same database never collides with it. */
export const PURGE_CHANNEL = "agora_anonymous_cache_purge";

/** This process, in its own notifications: it has emptied its cache already and ignores its echo. */
const INSTANCE_ID = randomUUID();

/** Waits between reconnection attempts of a listener that lost its connection: from 500 ms, doubling up to 30 s. */
const RECONNECT_MIN_MS = 500;
const RECONNECT_MAX_MS = 30_000;

/**
 * After a write that changes what signed-out readers see (once it is committed): empties this instance's
 * anonymous cache, and on PostgreSQL tells the other instances to empty theirs. Never throws: the write is done,
 * and a notification that fails leaves the other instances' pages to expire on their own.
 */
export async function purgeAnonymousPages(): Promise<void> {
  clearSharedAnonymousCache();
  if (!isPostgresUrl(env.DATABASE_URL)) return;
  try {
    await db.$executeRaw`SELECT pg_notify(${PURGE_CHANNEL}, ${INSTANCE_ID})`;
  } catch (error) {
    log("warn", "anonymous cache: the purge notification failed", { error: serializeError(error) });
  }
}

export type PurgeListener = {
  /** Resolves once the first LISTEN is in place. */
  ready: Promise<void>;
  close(): Promise<void>;
};

/**
 * Holds one connection LISTENing on the purge channel and calls `onPurge` for every notification another
 * instance sent (its payload is the sender's id). A lost connection is opened again, and `onPurge` is called
 * then too: a purge may have been sent while nobody listened.
 */
export function listenForPurges(url: string, onPurge: (sender: string) => void, options: { instanceId?: string } = {}): PurgeListener {
  const self = options.instanceId ?? INSTANCE_ID;
  let client: pg.Client | null = null;
  let closed = false;
  let delay = RECONNECT_MIN_MS;
  let timer: NodeJS.Timeout | undefined;
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));

  const reconnectLater = (error?: unknown) => {
    if (closed || timer) return;
    if (error) log("warn", "anonymous cache: the purge listener lost its connection", { error: serializeError(error), retryInMs: delay });
    timer = setTimeout(() => {
      timer = undefined;
      void connect(true);
    }, delay);
    timer.unref();
    delay = Math.min(delay * 2, RECONNECT_MAX_MS);
  };

  const connect = async (reconnecting: boolean) => {
    const connection = new pg.Client({ connectionString: url, application_name: "agora-cache-purge" });
    client = connection;
    connection.on("notification", (message) => {
      if (message.channel === PURGE_CHANNEL && message.payload !== self) onPurge(message.payload ?? "");
    });
    connection.on("error", (error) => {
      connection.removeAllListeners("end");
      void connection.end().catch(() => {});
      reconnectLater(error);
    });
    connection.on("end", () => reconnectLater(new Error("connection ended")));
    try {
      await connection.connect();
      await connection.query(`LISTEN ${PURGE_CHANNEL}`);
    } catch (error) {
      connection.removeAllListeners("end");
      void connection.end().catch(() => {});
      if (!closed) reconnectLater(error);
      return;
    }
    if (closed) {
      await connection.end().catch(() => {});
      return;
    }
    delay = RECONNECT_MIN_MS;
    if (reconnecting) onPurge("reconnected");
    markReady();
  };

  void connect(false);
  return {
    ready,
    async close() {
      closed = true;
      clearTimeout(timer);
      const connection = client;
      client = null;
      connection?.removeAllListeners("end");
      await connection?.end().catch(() => {});
    },
  };
}

const SHARED_LISTENER = Symbol.for("agora.anonymousCachePurgeListener");
type WithSharedListener = typeof globalThis & { [SHARED_LISTENER]?: PurgeListener };

/**
 * This instance's listener (one per process, however many bundles ask), on PostgreSQL with the anonymous cache
 * on; null otherwise.
 */
export function startPurgeListener(): PurgeListener | null {
  if (env.ANONYMOUS_CACHE_SECONDS <= 0 || !isPostgresUrl(env.DATABASE_URL)) return null;
  const shared = globalThis as WithSharedListener;
  return (shared[SHARED_LISTENER] ??= listenForPurges(env.DATABASE_URL, () => clearSharedAnonymousCache()));
}

/** Closes this instance's listener, at shutdown. */
export async function stopPurgeListener(): Promise<void> {
  const shared = globalThis as WithSharedListener;
  const listener = shared[SHARED_LISTENER];
  delete shared[SHARED_LISTENER];
  await listener?.close();
}
