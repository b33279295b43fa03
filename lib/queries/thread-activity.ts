import { db } from "@/lib/db";

/**
 * Comments others have posted in a thread since `since` that any reader may see (visible, not deleted). The
 * viewer's own comments are left out: posting one already reloads their page. Read from the database, so every
 * app instance sharing it gives the same answer. `firstId`, the oldest of them, is where "show" takes the reader:
 * in a long thread the new comments are rarely on the page already open.
 */
export async function countNewComments(threadId: string, since: Date, viewerId?: string) {
  const thread = await db.thread.findUnique({ where: { id: threadId }, select: { id: true } });
  if (!thread) return null;
  const where = {
    threadId,
    status: "visible",
    deletedAt: null,
    createdAt: { gt: since },
    ...(viewerId ? { authorId: { not: viewerId } } : {}),
  } as const;
  const [count, first] = await Promise.all([
    db.comment.count({ where }),
    db.comment.findFirst({ where, orderBy: [{ createdAt: "asc" }, { id: "asc" }], select: { id: true } }),
  ]);
  return { count, firstId: first?.id ?? null };
}
