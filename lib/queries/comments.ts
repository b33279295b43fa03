import { db } from "@/lib/db";

/** A refusal the user can act on; its message is shown next to the form. */
export class CommentError extends Error {
  constructor(
    message: string,
    readonly code: "not_found" | "forbidden" | "locked" | "invalid_parent",
  ) {
    super(message);
  }
}

const THREAD_NOT_FOUND = () => new CommentError("This thread does not exist.", "not_found");
const THREAD_LOCKED = () => new CommentError("This thread is locked: no new comments or edits.", "locked");

/** Posts a comment or a reply; the thread's count and activity move in the same transaction. */
export async function createComment(input: { threadId: string; parentId?: string; authorId: string; body: string }) {
  return db.$transaction(async (tx) => {
    const thread = await tx.thread.findUnique({ where: { id: input.threadId }, select: { id: true, locked: true } });
    if (!thread) throw THREAD_NOT_FOUND();
    if (thread.locked) throw THREAD_LOCKED();

    let depth = 0;
    if (input.parentId) {
      const parent = await tx.comment.findUnique({
        where: { id: input.parentId },
        select: { threadId: true, depth: true, deletedAt: true },
      });
      if (!parent || parent.threadId !== thread.id) {
        throw new CommentError("The comment you are replying to is not in this thread.", "invalid_parent");
      }
      if (parent.deletedAt) throw new CommentError("The comment you are replying to was deleted.", "invalid_parent");
      depth = parent.depth + 1;
    }

    const comment = await tx.comment.create({
      data: { threadId: thread.id, parentId: input.parentId ?? null, authorId: input.authorId, body: input.body, depth },
      select: { id: true, threadId: true, depth: true, createdAt: true },
    });
    await tx.thread.update({
      where: { id: thread.id },
      data: { commentCount: { increment: 1 }, lastActivityAt: comment.createdAt },
    });
    return comment;
  });
}

/** Loads what an edit or delete must check: the comment's owner and state, and its thread's lock. */
async function findOwnedLiveComment(tx: Pick<typeof db, "comment">, commentId: string, authorId: string) {
  // Ownership sits in the where clause, so a guessed id of someone else's comment matches nothing.
  const comment = await tx.comment.findFirst({
    where: { id: commentId, authorId, deletedAt: null },
    select: { id: true, threadId: true, depth: true, thread: { select: { locked: true } } },
  });
  if (!comment) throw new CommentError("You can only change your own comments.", "forbidden");
  if (comment.thread.locked) throw THREAD_LOCKED();
  return comment;
}

export async function editComment(input: { commentId: string; authorId: string; body: string }) {
  return db.$transaction(async (tx) => {
    const comment = await findOwnedLiveComment(tx, input.commentId, input.authorId);
    return tx.comment.update({
      where: { id: comment.id },
      data: { body: input.body, editedAt: new Date() },
      select: { id: true, threadId: true, depth: true },
    });
  });
}

/** Deleting leaves a tombstone so replies keep their place; the author's words are wiped. */
export async function deleteComment(input: { commentId: string; authorId: string }) {
  return db.$transaction(async (tx) => {
    const comment = await findOwnedLiveComment(tx, input.commentId, input.authorId);
    await tx.comment.update({ where: { id: comment.id }, data: { deletedAt: new Date(), body: "" } });
    await tx.thread.update({ where: { id: comment.threadId }, data: { commentCount: { decrement: 1 } } });
    return { id: comment.id, threadId: comment.threadId, depth: comment.depth };
  });
}

const commentFields = {
  id: true,
  parentId: true,
  depth: true,
  body: true,
  createdAt: true,
  editedAt: true,
  deletedAt: true,
  author: { select: { id: true, name: true } },
} as const;

/** A thread with its point, its article and every comment: a fixed number of queries, whatever the comment count. */
export async function getThreadWithComments(threadId: string) {
  const thread = await db.thread.findUnique({
    where: { id: threadId },
    select: {
      id: true,
      position: true,
      title: true,
      summary: true,
      excerpt: true,
      locked: true,
      commentCount: true,
      article: { select: { slug: true, title: true, source: true, sourceUrl: true } },
    },
  });
  if (!thread) return null;
  const comments = await db.comment.findMany({
    where: { threadId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: commentFields,
  });
  return { thread, comments };
}

export type ThreadComment = NonNullable<Awaited<ReturnType<typeof getThreadWithComments>>>["comments"][number];

export const USER_COMMENTS_PAGE_SIZE = 30;

/** A user's live comments, newest first, with the thread each belongs to; `before` is the cursor of the next page. */
export async function getUserComments(userId: string, before?: string) {
  const rows = await db.comment.findMany({
    where: { authorId: userId, deletedAt: null },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: USER_COMMENTS_PAGE_SIZE + 1,
    ...(before ? { cursor: { id: before }, skip: 1 } : {}),
    select: {
      id: true,
      body: true,
      createdAt: true,
      editedAt: true,
      thread: { select: { id: true, title: true } },
    },
  });
  const hasMore = rows.length > USER_COMMENTS_PAGE_SIZE;
  const comments = rows.slice(0, USER_COMMENTS_PAGE_SIZE);
  return { comments, nextCursor: hasMore ? comments.at(-1)?.id : undefined };
}
