import { db, type Tx } from "@/lib/db";
import type { CommentStatus, Role } from "@/lib/generated/prisma/enums";
import { getModerationConfig } from "@/lib/moderation-config";
import { findWordFilterMatch } from "@/lib/word-filter";
import { adjustAncestorReplyCounts, MAX_COMMENT_DEPTH, replyWeight, takeCommentPath } from "./comment-paths";
import { isCounted } from "./moderation";
import { loadWordFilterRules } from "./word-filters";

/** A refusal the user can act on; its message is shown next to the form. */
export class CommentError extends Error {
  constructor(
    message: string,
    readonly code: "not_found" | "forbidden" | "locked" | "invalid_parent" | "filtered",
  ) {
    super(message);
  }
}

const THREAD_NOT_FOUND = () => new CommentError("This thread does not exist.", "not_found");
const THREAD_LOCKED = () => new CommentError("This thread is locked: no new comments or edits.", "locked");

type Author = { id: string; role: Role };

/**
 * The status a new or edited body gets: refused by a blocking word, held for review by a queueing word
 * or, for a member's first comments, by pre-moderation (moderators are never held).
 */
async function statusForBody(tx: Tx, author: Author, body: string, isNew: boolean): Promise<CommentStatus> {
  const match = findWordFilterMatch(body, await loadWordFilterRules(tx));
  if (match?.action === "block") {
    throw new CommentError(`Your comment contains “${match.phrase}”, which is not allowed here. Please rephrase it.`, "filtered");
  }
  if (author.role !== "member") return "visible";
  if (match?.action === "queue") return "pending";
  const { PREMODERATION_FIRST_COMMENTS: firstN } = getModerationConfig();
  if (isNew && firstN > 0) {
    // Comments a moderator rejected (removed) are not approved ones: they must not earn a member their way out.
    const approved = await tx.comment.count({ where: { authorId: author.id, status: { notIn: ["pending", "removed"] } } });
    if (approved < firstN) return "pending";
  }
  return "visible";
}

/**
 * Posts a comment or a reply. In the same transaction the thread hands out the comment's path (its place in
 * the tree, lib/queries/comment-paths.ts), its count and activity move, and its ancestors' reply counts go up.
 */
export async function createComment(input: { threadId: string; parentId?: string; author: Author; body: string }) {
  return db.$transaction(async (tx) => {
    const thread = await tx.thread.findUnique({ where: { id: input.threadId }, select: { id: true, locked: true } });
    if (!thread) throw THREAD_NOT_FOUND();
    if (thread.locked) throw THREAD_LOCKED();

    let parent: { depth: number; path: string } | null = null;
    if (input.parentId) {
      const found = await tx.comment.findUnique({
        where: { id: input.parentId },
        select: { threadId: true, depth: true, path: true, deletedAt: true, status: true },
      });
      if (!found || found.threadId !== thread.id) {
        throw new CommentError("The comment you are replying to is not in this thread.", "invalid_parent");
      }
      if (found.deletedAt) throw new CommentError("The comment you are replying to was deleted.", "invalid_parent");
      if (found.status !== "visible") throw new CommentError("That comment cannot be replied to.", "invalid_parent");
      if (found.depth >= MAX_COMMENT_DEPTH) {
        throw new CommentError("This conversation is nested too deeply to continue here: reply to an earlier comment.", "invalid_parent");
      }
      parent = found;
    }

    const status = await statusForBody(tx, input.author, input.body, true);
    const createdAt = new Date();
    const path = await takeCommentPath(tx, thread.id, parent, isCounted(status, null) ? { commentCount: { increment: 1 }, lastActivityAt: createdAt } : {});
    const comment = await tx.comment.create({
      data: {
        threadId: thread.id,
        parentId: input.parentId ?? null,
        authorId: input.author.id,
        body: input.body,
        depth: parent ? parent.depth + 1 : 0,
        status,
        path,
        createdAt,
      },
      select: { id: true, threadId: true, depth: true, path: true, status: true, createdAt: true },
    });
    await adjustAncestorReplyCounts(tx, comment, replyWeight(status));
    return comment;
  });
}

/** Loads what an edit or delete must check: the comment's owner and state, and its thread's lock. */
async function findOwnedLiveComment(tx: Tx, commentId: string, authorId: string) {
  // Ownership sits in the where clause, so a guessed id of someone else's comment matches nothing;
  // a comment a moderator hid or removed is out of its author's hands.
  const comment = await tx.comment.findFirst({
    where: { id: commentId, authorId, deletedAt: null, status: { in: ["visible", "pending"] } },
    select: { id: true, threadId: true, depth: true, path: true, status: true, thread: { select: { locked: true } } },
  });
  if (!comment) throw new CommentError("You can only change your own comments.", "forbidden");
  if (comment.thread.locked) throw THREAD_LOCKED();
  return comment;
}

/** Edits the author's own comment; an edit that trips a queueing word goes back to the review queue. */
export async function editComment(input: { commentId: string; author: Author; body: string }) {
  return db.$transaction(async (tx) => {
    const comment = await findOwnedLiveComment(tx, input.commentId, input.author.id);
    const filtered = await statusForBody(tx, input.author, input.body, false);
    const status = comment.status === "pending" ? "pending" : filtered;
    if (isCounted(comment.status, null) && !isCounted(status, null)) {
      await tx.thread.update({ where: { id: comment.threadId }, data: { commentCount: { decrement: 1 } } });
    }
    // Back to review: no longer one of its ancestors' replies.
    await adjustAncestorReplyCounts(tx, comment, replyWeight(status) - replyWeight(comment.status));
    return tx.comment.update({
      where: { id: comment.id },
      data: { body: input.body, editedAt: new Date(), status },
      select: { id: true, threadId: true, depth: true, status: true },
    });
  });
}

/** Deleting leaves a tombstone so replies keep their place; the author's words are wiped. */
export async function deleteComment(input: { commentId: string; authorId: string }) {
  return db.$transaction(async (tx) => {
    const comment = await findOwnedLiveComment(tx, input.commentId, input.authorId);
    await tx.comment.update({ where: { id: comment.id }, data: { deletedAt: new Date(), body: "" } });
    if (isCounted(comment.status, null)) {
      await tx.thread.update({ where: { id: comment.threadId }, data: { commentCount: { decrement: 1 } } });
    }
    return { id: comment.id, threadId: comment.threadId, depth: comment.depth };
  });
}

const commentFields = {
  id: true,
  parentId: true,
  depth: true,
  body: true,
  status: true,
  moderationReason: true,
  createdAt: true,
  editedAt: true,
  deletedAt: true,
  author: { select: { id: true, name: true, role: true } },
} as const;

type Viewer = { id: string; role: Role } | null;

/**
 * A thread with its point, its article and every comment this viewer may see (comments awaiting review
 * only to their author and moderators): a fixed number of queries, whatever the comment count.
 */
export async function getThreadWithComments(threadId: string, viewer: Viewer) {
  const thread = await db.thread.findUnique({
    where: { id: threadId },
    select: {
      id: true,
      position: true,
      title: true,
      summary: true,
      excerpt: true,
      locked: true,
      lockReason: true,
      pinned: true,
      commentCount: true,
      article: { select: { slug: true, title: true, source: true, sourceUrl: true } },
    },
  });
  if (!thread) return null;
  const seesAllPending = viewer !== null && viewer.role !== "member";
  const comments = await db.comment.findMany({
    where: {
      threadId,
      ...(seesAllPending ? {} : { OR: [{ status: { not: "pending" } }, { authorId: viewer?.id ?? "" }] }),
    },
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
    where: { authorId: userId, deletedAt: null, status: "visible" },
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
