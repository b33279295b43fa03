// What an action refreshes once its write is committed. Every page is rendered per request, so revalidating means
// the browser's router cache; the thread contexts (lib/queries/thread-context.ts) are this server's own cache of
// what a thread shows everyone above its comments, forgotten here, on every instance, by the same events.
import { revalidatePath } from "next/cache";
import { forgetThreadContexts } from "@/lib/queries/thread-context";

/**
 * After a change one thread shows above or among its comments (a comment posted, edited, deleted; its count, its
 * stance tally, slow mode, a correction note): that thread's pages, and the thread contexts.
 */
export async function refreshThread(threadId: string): Promise<void> {
  await forgetThreadContexts(threadId);
  revalidatePath(`/t/${threadId}`, "layout");
}

/**
 * After a change the page that made it shows in place (a comment posted from an open thread page): the thread
 * contexts only. Revalidating the path in a server action renders the page into the action's answer, the very
 * cost an in-place answer saves; the browser's router cache holds no thread page (every page is dynamic).
 */
export async function refreshThreadInPlace(threadId: string): Promise<void> {
  await forgetThreadContexts(threadId);
}

/**
 * After a change many pages show (a moderator's decision: staff headers count what waits; a thread's lock; an
 * article's points, titles or state): the whole site, and the thread contexts: the one thread changed when the
 * change is to one thread's (`threadId`), else all of them.
 */
export async function refreshSite(changed: { threadId?: string } = {}): Promise<void> {
  await forgetThreadContexts(changed.threadId);
  revalidatePath("/", "layout");
}
