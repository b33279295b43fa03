// The process's one LISTEN connection (PostgreSQL only), started by instrumentation.ts: the anonymous cache's
// purges (lib/anonymous-cache-purge.ts), live updates' new comments (lib/live-events.ts) and the thread contexts'
// changes (lib/queries/thread-context.ts) on one connection.
import { purgeHandlers } from "@/lib/anonymous-cache-purge";
import { clearSharedAnonymousCache } from "@/lib/anonymous-page-cache";
import { isPostgresUrl } from "@/lib/database-url";
import { env } from "@/lib/env";
import { announceToAll, liveHandlers } from "@/lib/live-events";
import { listenOnChannels, type ChannelListener } from "@/lib/pg-listen";
import { forgetLocalThreadContexts, threadContextHandlers } from "@/lib/queries/thread-context";

const SHARED = Symbol.for("agora.instanceListener");
type WithListener = typeof globalThis & { [SHARED]?: ChannelListener };

/** This instance's listener (one per process, however many bundles ask) on PostgreSQL; null on SQLite. */
export function startInstanceListener(): ChannelListener | null {
  if (!isPostgresUrl(env.DATABASE_URL)) return null;
  const cacheOn = env.ANONYMOUS_CACHE_SECONDS > 0;
  const holder = globalThis as WithListener;
  return (holder[SHARED] ??= listenOnChannels(
    env.DATABASE_URL,
    { ...(cacheOn ? purgeHandlers() : {}), ...liveHandlers(), ...threadContextHandlers() },
    {
      name: "agora-listen",
      // Anything may have happened while nobody listened: the caches start over, open streams count again.
      onReconnect: () => {
        clearSharedAnonymousCache();
        forgetLocalThreadContexts();
        announceToAll("recount");
      },
    },
  ));
}

/** Closes this instance's listener, at shutdown. */
export async function stopInstanceListener(): Promise<void> {
  const holder = globalThis as WithListener;
  const listener = holder[SHARED];
  delete holder[SHARED];
  await listener?.close();
}
