import { db, type Tx } from "@/lib/db";
import { isStaffRole, takesReplies } from "@/lib/permissions";
import type { CommentStatus, Role, Stance } from "@/lib/generated/prisma/enums";
import { env, slowModeConfig, type SlowModeConfig } from "@/lib/env";
import { findWordFilterMatchInBody } from "@/lib/word-filter";
import { cookBody } from "@/lib/cooked-body";
import { MAX_COMMENT_DEPTH } from "@/lib/materialized-path";
import { takeThreadForComment } from "./comment-placement";
import { applyCommentTransition, countNewReply, threadDataForNewComment } from "./counters";
import { slowModeRefusal, slowModeWait } from "./slow-mode";
import { loadWordFilterRules } from "./word-filters";
import { resolveMentions } from "./mentions";

// Writing comments: posting, editing and deleting one's own, each in one transaction with the counters it moves
// (./counters.ts) and the rules a body must pass (word filter, pre-moderation, slow mode, the thread's state).

/** A refusal the user can act on; its message is shown next to the form. */
export class CommentError extends Error {
  constructor(
    message: string,
    readonly code: "not_found" | "forbidden" | "locked" | "invalid_parent" | "filtered" | "slow_mode" | "invalid_stance",
  ) {
    super(message);
  }
}

const THREAD_NOT_FOUND = () => new CommentError("This thread does not exist.", "not_found");
const THREAD_LOCKED = () => new CommentError("This thread is locked: no new comments or edits.", "locked");
const ARTICLE_CLOSED = () => new CommentError("This article is closed: it is a read-only archive, with no new comments or edits.", "locked");
/** Replies answer a comment, not the point: a stance on one is refused rather than silently dropped. */
const REPLY_STANCE = () => new CommentError("Only top-level comments take a stance on the point; replies cannot.", "invalid_stance");

type Author = { id: string; role: Role };

/**
 * The status a new or edited body gets: refused by a blocking word, held for review by a queueing word
 * or, for a member's first comments, by pre-moderation (moderators are never held).
 */
async function statusForBody(tx: Tx, author: Author, body: string, isNew: boolean): Promise<CommentStatus> {
  const match = findWordFilterMatchInBody(body, await loadWordFilterRules(tx));
  if (match?.action === "block") {
    throw new CommentError(`Your comment contains “${match.phrase}”, which is not allowed here. Please rephrase it.`, "filtered");
  }
  if (isStaffRole(author.role)) return "visible";
  if (match?.action === "queue") return "pending";
  const firstN = env.PREMODERATION_FIRST_COMMENTS;
  if (isNew && firstN > 0) {
    // Comments a moderator rejected (removed) are not approved ones: they must not earn a member their way out.
    const approved = await tx.comment.count({ where: { authorId: author.id, status: { notIn: ["pending", "removed"] } } });
    if (approved < firstN) return "pending";
  }
  return "visible";
}

/**
 * Posts a comment or a reply. In the same transaction the thread hands out the comment's path (its place in
 * the tree, lib/queries/comment-placement.ts), its count and activity move, and its ancestors' reply counts go up.
 */
export async function createComment(
  input: { threadId: string; parentId?: string; author: Author; body: string; stance?: Stance | null },
  config: Pick<SlowModeConfig, "slowModeMinutes"> = slowModeConfig(),
) {
  if (input.parentId && input.stance) throw REPLY_STANCE();
  // Rendered before the transaction: no lock is held while markdown-it runs.
  const cooked = cookBody(input.body, await resolveMentions([input.body]));
  return db.$transaction(async (tx) => {
    let parent: { depth: number; path: string } | null = null;
    if (input.parentId) {
      const found = await tx.comment.findUnique({
        where: { id: input.parentId },
        select: { threadId: true, depth: true, path: true, deletedAt: true, status: true },
      });
      if (!found || found.threadId !== input.threadId) {
        throw new CommentError("The comment you are replying to is not in this thread.", "invalid_parent");
      }
      if (found.deletedAt) throw new CommentError("The comment you are replying to was deleted.", "invalid_parent");
      if (!takesReplies(found)) throw new CommentError("That comment cannot be replied to.", "invalid_parent");
      if (found.depth >= MAX_COMMENT_DEPTH) {
        throw new CommentError("This conversation is nested too deeply to continue here: reply to an earlier comment.", "invalid_parent");
      }
      parent = found;
    }

    const status = await statusForBody(tx, input.author, input.body, true);
    const createdAt = new Date();
    // The thread is read by the statement that takes its row and the comment's number (one statement, not two).
    const taken = await takeThreadForComment(tx, input.threadId, parent, threadDataForNewComment({ status, deletedAt: null }, createdAt));
    if (!taken) throw THREAD_NOT_FOUND();
    const { path, thread } = taken;
    // A draft's threads are the editors' preview: nobody posts there yet.
    if (thread.article.draft) throw THREAD_NOT_FOUND();
    if (thread.article.closedAt) throw ARTICLE_CLOSED();
    if (thread.locked) throw THREAD_LOCKED();
    // Checked once the thread row is taken: a member's second quick post waits for the first and then sees it.
    const wait = await slowModeWait(tx, { threadId: thread.id, author: input.author, thread }, config, createdAt);
    if (wait > 0) throw new CommentError(slowModeRefusal(wait), "slow_mode");
    const comment = await tx.comment.create({
      data: {
        threadId: thread.id,
        parentId: input.parentId ?? null,
        authorId: input.author.id,
        body: input.body,
        ...cooked,
        depth: parent ? parent.depth + 1 : 0,
        status,
        path,
        createdAt,
        stance: input.parentId ? null : (input.stance ?? null),
      },
      select: { id: true, threadId: true, depth: true, path: true, status: true, createdAt: true },
    });
    // Its parent is live and visible (checked above), so every ancestor counts it already: no deleted leaf revives.
    await countNewReply(tx, comment);
    return { ...comment, commentCount: thread.commentCount };
  });
}

/** Loads what an edit or delete must check: the comment's owner and state, and its thread's lock. */
async function findOwnedLiveComment(tx: Tx, commentId: string, authorId: string) {
  // Ownership sits in the where clause, so a guessed id of someone else's comment matches nothing;
  // a comment a moderator hid or removed is out of its author's hands.
  const comment = await tx.comment.findFirst({
    where: { id: commentId, authorId, deletedAt: null, status: { in: ["visible", "pending"] } },
    select: {
      id: true,
      threadId: true,
      depth: true,
      path: true,
      status: true,
      replyCount: true,
      thread: { select: { locked: true, article: { select: { closedAt: true } } } },
    },
  });
  if (!comment) throw new CommentError("You can only change your own comments.", "forbidden");
  if (comment.thread.article.closedAt) throw ARTICLE_CLOSED();
  if (comment.thread.locked) throw THREAD_LOCKED();
  return comment;
}

/**
 * Edits the author's own comment; an edit that trips a queueing word goes back to the review queue. A top-level
 * comment's stance changes with it (undefined: left as it is; null: no stance); a reply takes none.
 */
export async function editComment(input: { commentId: string; author: Author; body: string; stance?: Stance | null }) {
  const cooked = cookBody(input.body, await resolveMentions([input.body]));
  return db.$transaction(async (tx) => {
    const comment = await findOwnedLiveComment(tx, input.commentId, input.author.id);
    if (input.stance && comment.depth > 0) throw REPLY_STANCE();
    const filtered = await statusForBody(tx, input.author, input.body, false);
    const status = comment.status === "pending" ? "pending" : filtered;
    // Back to review: no longer counted, nor one of its ancestors' replies.
    await applyCommentTransition(tx, comment, { status: comment.status, deletedAt: null }, { status, deletedAt: null });
    return tx.comment.update({
      where: { id: comment.id },
      data: { body: input.body, ...cooked, editedAt: new Date(), status, ...(input.stance === undefined || comment.depth > 0 ? {} : { stance: input.stance }) },
      select: { id: true, threadId: true, depth: true, status: true },
    });
  });
}

/**
 * Deleting leaves a tombstone so replies keep their place; the author's words are wiped. Without replies it
 * leaves nothing on the page (isDeletedLeaf): it stops counting as its ancestors' reply, and a deleted ancestor
 * left with no replies goes with it.
 */
export async function deleteComment(input: { commentId: string; authorId: string }) {
  return db.$transaction(async (tx) => {
    const comment = await findOwnedLiveComment(tx, input.commentId, input.authorId);
    const deletedAt = new Date();
    await tx.comment.update({ where: { id: comment.id }, data: { deletedAt, body: "", ...cookBody("") } });
    await applyCommentTransition(tx, comment, { status: comment.status, deletedAt: null }, { status: comment.status, deletedAt });
    return { id: comment.id, threadId: comment.threadId, depth: comment.depth };
  });
}
