// Purging the anonymous cache (lib/anonymous-page-cache.ts) when a comment stops (or starts) being shown: a
// moderator's hide, removal, restore or approval, a thread's lock, an author's delete. Signed-out readers would
// otherwise see the old page for up to ANONYMOUS_CACHE_SECONDS, and longer while a stale copy is served.
//
// This instance's cache is emptied at once. Other instances (PostgreSQL only: SQLite is one file, one instance)
// hear of it through NOTIFY on one namespaced channel; each holds one LISTEN connection (lib/instance-listener.ts,
// started by instrumentation.ts) and empties its own cache when a notification arrives.
import { clearSharedAnonymousCache } from "@/lib/anonymous-page-cache";
import { instanceId, notifyOtherInstances, readNotification } from "@/lib/instance-notify";
import { listenOnChannels, type ChannelHandlers, type ChannelListener } from "@/lib/pg-listen";

/** The NOTIFY channel: Agora's own name, so another application on the same database never collides with it. */
export const PURGE_CHANNEL = "agora_anonymous_cache_purge";

/**
 * After a write that changes what signed-out readers see (once it is committed): empties this instance's
 * anonymous cache, and on PostgreSQL tells the other instances to empty theirs. Never throws: the write is done,
 * and a notification that fails leaves the other instances' pages to expire on their own.
 */
export async function purgeAnonymousPages(): Promise<void> {
  clearSharedAnonymousCache();
  await notifyOtherInstances(PURGE_CHANNEL, undefined, "anonymous cache purge");
}

export type PurgeListener = ChannelListener;

/**
 * Calls `onPurge` for every purge another instance sends (its payload is the sender's id), through a listener of
 * its own (lib/pg-listen.ts); a reconnection calls it too: a purge may have been sent while nobody listened.
 */
export function listenForPurges(url: string, onPurge: (sender: string) => void, options: { instanceId?: string } = {}): PurgeListener {
  return listenOnChannels(url, purgeHandlers(onPurge, options.instanceId), { onReconnect: () => onPurge("reconnected"), name: "agora-cache-purge" });
}

/** The purge channel's handler, for the process's one listener (lib/instance-listener.ts). */
export function purgeHandlers(onPurge: (sender: string) => void = () => clearSharedAnonymousCache(), self: string = instanceId()): ChannelHandlers {
  return {
    [PURGE_CHANNEL]: (payload) => {
      const { sender, fromSelf } = readNotification(payload, self);
      if (!fromSelf) onPurge(sender);
    },
  };
}
