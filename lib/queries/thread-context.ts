// What every viewer of a thread page sees alike above its comments: the thread with its article, its stance
// tally, the points before and after it, its correction notes and its links to other articles' points. Seven
// statements a page, the same for every member: read once per instance and kept (lib/generation-cache.ts) until
// a write says it changed (forgetThreadContexts, from the actions that change them: a comment posted, edited,
// deleted or moderated, slow mode, a lock, a correction suggested or decided, an editor's change) or THREAD_CONTEXT_TTL_MS passes.
//
// Other instances (PostgreSQL) hear of a change through NOTIFY on one channel, heard by the process's one
// listener (lib/instance-listener.ts), as the anonymous cache's purges are. The comments themselves, and all
// that depends on the viewer, are read on every request.
import { randomUUID } from "node:crypto";
import { isPostgresUrl } from "@/lib/database-url";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { createGenerationCache, type GenerationCache } from "@/lib/generation-cache";
import { log, serializeError } from "@/lib/logger";
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
/** This process, in its own notifications: it has forgotten its contexts already and ignores its echo. */
const INSTANCE_ID = randomUUID();

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

/** Forgets this instance's contexts only (a notification from another instance, a reconnection). */
export function forgetLocalThreadContexts(): void {
  contexts().clear();
}

/**
 * After a committed write that changes what a thread's context holds: forgets this instance's contexts at once
 * and, on PostgreSQL, tells the other instances to forget theirs. Never throws: the write is done, and a
 * notification that fails leaves the other instances' contexts to expire on their own.
 */
export async function forgetThreadContexts(): Promise<void> {
  forgetLocalThreadContexts();
  if (!isPostgresUrl(env.DATABASE_URL)) return;
  try {
    await db.$executeRaw`SELECT pg_notify(${THREAD_CONTEXT_CHANNEL}, ${INSTANCE_ID})`;
  } catch (error) {
    log("warn", "thread contexts: the notification failed", { error: serializeError(error) });
  }
}

/** The channel's handler, for the process's one listener (lib/instance-listener.ts). */
export function threadContextHandlers(self: string = INSTANCE_ID): Record<string, (payload: string) => void> {
  return { [THREAD_CONTEXT_CHANNEL]: (payload) => void (payload !== self && forgetLocalThreadContexts()) };
}
