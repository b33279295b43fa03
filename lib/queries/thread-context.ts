// What every viewer of a thread page sees alike above its comments: the thread with its article, its stance
// tally, the points before and after it, its correction notes and its links to other articles' points. Seven
// statements a page, the same for every member: read once per instance and kept (lib/generation-cache.ts) until
// a write says it changed (forgetThreadContexts, from the actions that change them: a comment posted, edited,
// deleted or moderated, slow mode, a lock, a correction suggested or decided, an editor's change) or THREAD_CONTEXT_TTL_MS passes.
//
// A change to one thread (a comment, its moderation, slow mode, a lock, a correction) forgets that thread's
// context only: a member posting as fast as the limits allow keeps their own thread's context cold, not every
// thread's. A change that reaches across threads (an editor's, an account deleted) forgets them all.
//
// Other instances (PostgreSQL) hear of a change through NOTIFY on one channel (the thread's id, or "*" for all),
// heard by the process's one listener (lib/instance-listener.ts), as the anonymous cache's purges are. The
// comments themselves, and all that depends on the viewer, are read on every request.
import { db } from "@/lib/db";
import { createGenerationCache, type GenerationCache } from "@/lib/generation-cache";
import { instanceId, notifyOtherInstances, readNotification } from "@/lib/instance-notify";
import { getPointLinks, type PointLinks } from "./article-answers";
import { getPointNeighbours } from "./article-map";
import { threadFields, type ThreadSummary } from "./comment-windows";
import { getCorrectionNotes, getCorrectionRequesters, type CorrectionNote } from "./corrections";
import { getStanceTally, type StanceTally } from "./stances";

export type ThreadContext = {
  thread: ThreadSummary;
  tally: StanceTally;
  neighbours: Awaited<ReturnType<typeof getPointNeighbours>>;
  correctionNotes: CorrectionNote[] | undefined;
  pointLinks: PointLinks | undefined;
  /** The members who have suggested a correction to this point: only they have a list of their own to read. */
  correctionRequesters: Set<string>;
};

/** How long a context is kept when no write announces a change: a change made outside the actions shows by then. */
export const THREAD_CONTEXT_TTL_MS = 5_000;
/** One entry per thread opened recently: a few kB each. */
const MAX_ENTRIES = 500;

export const THREAD_CONTEXT_CHANNEL = "agora_thread_context";
/** The notification's message that stands for every thread. */
const ALL_THREADS = "*";

/** A thread's context read from the database (null when there is no such thread). */
export async function readThreadContext(threadId: string): Promise<ThreadContext | null> {
  const thread = await db.thread.findUnique({ where: { id: threadId }, select: threadFields });
  if (!thread) return null;
  const [tally, neighbours, notes, links, requesters] = await Promise.all([
    getStanceTally(threadId),
    getPointNeighbours(thread.article.slug, thread.position),
    getCorrectionNotes([threadId]),
    getPointLinks([threadId]),
    getCorrectionRequesters(threadId),
  ]);
  return { thread, tally, neighbours, correctionNotes: notes.get(threadId), pointLinks: links.get(threadId), correctionRequesters: requesters };
}

// Server actions, pages and route handlers are bundled apart: the process's one cache lives on globalThis.
const SHARED = Symbol.for("agora.threadContexts");
function contexts(): GenerationCache<string, ThreadContext | null> {
  const holder = globalThis as typeof globalThis & { [SHARED]?: GenerationCache<string, ThreadContext | null> };
  return (holder[SHARED] ??= createGenerationCache({ load: readThreadContext, ttlMs: THREAD_CONTEXT_TTL_MS, maxEntries: MAX_ENTRIES }));
}

/** A thread's context, from this instance's cache when no change was announced since it was read. */
export function getThreadContext(threadId: string): Promise<ThreadContext | null> {
  return contexts().get(threadId);
}

/** Forgets this instance's contexts only (a notification from another instance, a reconnection): one thread's, or all. */
export function forgetLocalThreadContexts(threadId?: string): void {
  if (threadId === undefined) contexts().clear();
  else contexts().forget(threadId);
}

/**
 * After a committed write that changes what a thread's context holds: forgets that thread's context (every
 * thread's without an id) on this instance at once and, on PostgreSQL, tells the other instances to forget
 * theirs. Never throws: the write is done, and a notification that fails leaves the other instances' contexts
 * to expire on their own.
 */
export async function forgetThreadContexts(threadId?: string): Promise<void> {
  forgetLocalThreadContexts(threadId);
  await notifyOtherInstances(THREAD_CONTEXT_CHANNEL, threadId ?? ALL_THREADS, "thread contexts");
}

/** The channel's handler, for the process's one listener (lib/instance-listener.ts). */
export function threadContextHandlers(self: string = instanceId()): Record<string, (payload: string) => void> {
  return {
    [THREAD_CONTEXT_CHANNEL]: (payload) => {
      const { message, fromSelf } = readNotification(payload, self);
      if (!fromSelf) forgetLocalThreadContexts(message === undefined || message === ALL_THREADS ? undefined : message);
    },
  };
}
