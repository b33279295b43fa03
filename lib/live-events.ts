// Live updates: "a comment was posted in thread X", for the open threads' event streams
// (app/api/threads/[threadId]/events/route.ts). In this process through an event emitter; to the other instances
// (PostgreSQL) through NOTIFY on one channel, heard by the process's one listener (lib/instance-listener.ts).
// SQLite is one file and, in production, one instance: in-process events are all there is.
import { EventEmitter } from "node:events";
import { env } from "@/lib/env";
import { notifyOtherInstances, readNotification } from "@/lib/instance-notify";

export const LIVE_CHANNEL = "agora_live_comments";

// Server actions and route handlers are bundled apart: the process's one emitter lives on globalThis.
const SHARED = Symbol.for("agora.liveEvents");
type Shared = { emitter: EventEmitter; open: number };
function shared(): Shared {
  const holder = globalThis as typeof globalThis & { [SHARED]?: Shared };
  return (holder[SHARED] ??= (() => {
    const emitter = new EventEmitter();
    emitter.setMaxListeners(0);
    return { emitter, open: 0 };
  })());
}

/** After a comment is committed: tells this instance's streams at once, and the other instances through NOTIFY. */
export async function announceNewComment(threadId: string): Promise<void> {
  shared().emitter.emit("comment", threadId);
  await notifyOtherInstances(LIVE_CHANNEL, threadId, "live updates: a new comment");
}

/** The live channel's handler for the process's one listener: another instance's comment, told to this one's streams. */
export function liveHandlers(): Record<string, (payload: string) => void> {
  return {
    [LIVE_CHANNEL]: (payload) => {
      const { message: threadId, fromSelf } = readNotification(payload);
      if (!fromSelf && threadId) shared().emitter.emit("comment", threadId);
    },
  };
}

/** Calls `listener` whenever a comment is posted in `threadId`; returns the unsubscribe. */
export function onNewComment(threadId: string, listener: () => void): () => void {
  const { emitter } = shared();
  const handler = (id: string) => {
    if (id === threadId) listener();
  };
  emitter.on("comment", handler);
  return () => emitter.off("comment", handler);
}

/** Everything: after a reconnection of the listener (a notification may have been missed), or at shutdown. */
export function announceToAll(event: "recount" | "shutdown"): void {
  shared().emitter.emit(event);
}

export function onAll(event: "recount" | "shutdown", listener: () => void): () => void {
  const { emitter } = shared();
  emitter.on(event, listener);
  return () => emitter.off(event, listener);
}

/** Takes one of the instance's LIVE_UPDATES_MAX_STREAMS places; false when all are taken. */
export function openStream(max = env.LIVE_UPDATES_MAX_STREAMS): boolean {
  const state = shared();
  if (state.open >= max) return false;
  state.open++;
  return true;
}

export function closeStream(): void {
  shared().open = Math.max(0, shared().open - 1);
}

export function openStreams(): number {
  return shared().open;
}

/** On SIGTERM or SIGINT every open stream ends, or Next.js's drain would wait for them for ever. */
export function endStreamsOnShutdown(): void {
  for (const signal of ["SIGTERM", "SIGINT"] as const) process.once(signal, () => announceToAll("shutdown"));
}
