import { db } from "@/lib/db";

/**
 * Comments others have posted in a thread since `since` that any reader may see (visible, not deleted). The
 * viewer's own comments are left out: posting one already reloads their page. Read from the database, so every
 * app instance sharing it gives the same answer.
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
  const [count, newest] = await Promise.all([
    db.comment.count({ where }),
    db.comment.findFirst({ where, orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: { id: true } }),
  ]);
  return { count, newestId: newest?.id ?? null };
}
