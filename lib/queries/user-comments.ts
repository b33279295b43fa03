import { db } from "@/lib/db";

export const USER_COMMENTS_PAGE_SIZE = 30;

/** A user's live comments, newest first, with the thread each belongs to; `before` is the cursor of the next page. */
export async function getUserComments(userId: string, before?: string) {
  const rows = await db.comment.findMany({
    where: { authorId: userId, deletedAt: null, status: "visible" },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: USER_COMMENTS_PAGE_SIZE + 1,
    ...(before ? { cursor: { id: before }, skip: 1 } : {}),
    select: {
      id: true,
      body: true,
      bodyHtml: true,
      bodyHtmlVersion: true,
      createdAt: true,
      editedAt: true,
      thread: { select: { id: true, title: true } },
    },
  });
  const hasMore = rows.length > USER_COMMENTS_PAGE_SIZE;
  const comments = rows.slice(0, USER_COMMENTS_PAGE_SIZE);
  return { comments, nextCursor: hasMore ? comments.at(-1)?.id : undefined };
}
