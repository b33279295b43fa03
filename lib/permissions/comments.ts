import type { CommentStatus } from "@/lib/generated/prisma/enums";
import { isModerator, type Viewer } from "./roles";
import { mayTakePart } from "./suspension";
import { canModerate } from "./moderation";

type CommentState = { authorId: string; deletedAt: Date | null; status: CommentStatus };
type ThreadState = { locked: boolean };

/** Whose words a comment is: its author edits it, and never reports it, votes on it or asks it for a source. */
export function isAuthorOf(userId: string, comment: { authorId?: string }): boolean {
  return comment.authorId === userId;
}

/** Authors edit and delete their own live comments while the thread is open and no moderator has acted on them. */
export function canEditComment(user: Viewer, comment: CommentState, thread: ThreadState): boolean {
  return (
    mayTakePart(user) &&
    isAuthorOf(user.id, comment) &&
    comment.deletedAt === null &&
    (comment.status === "visible" || comment.status === "pending") &&
    !thread.locked
  );
}

/** A stance is set or changed on the author's editable top-level comment; replies never take one. */
export function canSetStance(user: Viewer, comment: CommentState & { depth: number }, thread: ThreadState): boolean {
  return comment.depth === 0 && canEditComment(user, comment, thread);
}

/** A comment takes replies while it is live and shown: not deleted, not held, hidden or removed. */
export function takesReplies(comment: Pick<CommentState, "deletedAt" | "status">): boolean {
  return comment.deletedAt === null && comment.status === "visible";
}

/** Suspended and unconfirmed members can read but not take part; nobody replies in a locked thread. */
export function canReplyTo(user: Viewer, comment: CommentState, thread: ThreadState): boolean {
  return mayTakePart(user) && !thread.locked && takesReplies(comment);
}

/** Members report what others wrote (a comment, or a thread: `{}`); reporting your own comment is refused. */
export function canReport(user: Viewer, item: { authorId?: string }): boolean {
  return mayTakePart(user) && !isAuthorOf(user.id, item);
}

/** The Report control on a comment: others' live, visible comments; moderators act on a comment instead. */
export function canReportComment(user: Viewer, comment: CommentState): boolean {
  return canReport(user, comment) && takesReplies(comment) && !canModerate(user);
}

/** Members upvote others' visible comments; not their own, not while suspended. */
export function canVote(user: Viewer, comment: CommentState): boolean {
  return mayTakePart(user) && !isAuthorOf(user.id, comment) && takesReplies(comment);
}

/** Who may read a comment's body: everyone while visible; moderators always; its author while pending or hidden. */
export function canReadBody(user: Viewer, comment: CommentState): boolean {
  if (comment.deletedAt) return false;
  if (comment.status === "visible" || isModerator(user)) return true;
  return user !== null && isAuthorOf(user.id, comment) && comment.status !== "removed";
}

/**
 * "Needs a source": members flag others' visible comments in open threads; not their own, not while suspended.
 * A locked thread takes no new requests (its comments can no longer be edited to answer them).
 */
export function canRequestSource(user: Viewer, comment: CommentState, thread: ThreadState): boolean {
  return mayTakePart(user) && !isAuthorOf(user.id, comment) && takesReplies(comment) && !thread.locked;
}
