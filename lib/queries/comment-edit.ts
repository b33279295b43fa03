import { db } from "@/lib/db";

/** What the edit form needs of a comment, and what decides whether its reader may edit it. */
export async function getCommentForEdit(commentId: string) {
  return db.comment.findUnique({
    where: { id: commentId },
    select: { id: true, body: true, stance: true, depth: true, status: true, deletedAt: true, authorId: true, thread: { select: { locked: true } } },
  });
}
