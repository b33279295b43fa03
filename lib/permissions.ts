import type { CurrentUser } from "@/lib/current-user";
import type { CommentStatus, Role } from "@/lib/generated/prisma/enums";

export type Viewer = Pick<CurrentUser, "id" | "role" | "suspension" | "emailUnconfirmed"> | null;
type CommentState = { authorId: string; deletedAt: Date | null; status: CommentStatus };
type ThreadState = { locked: boolean };
type ArticleState = { draft: boolean; closedAt: Date | null };

export function isModerator(user: Viewer): boolean {
  return user !== null && (user.role === "moderator" || user.role === "admin");
}

export function isAdmin(user: Viewer): boolean {
  return user?.role === "admin";
}

export function isSuspended(user: Viewer): boolean {
  return user?.suspension != null;
}

/**
 * Taking part (commenting, voting, reporting, asking for sources, suggesting corrections): a signed-in member who is
 * not suspended and, where email is configured, has confirmed their address (lib/email-confirmation.ts).
 */
export function mayTakePart(user: Viewer): user is NonNullable<Viewer> {
  return user !== null && !isSuspended(user) && user.emailUnconfirmed !== true;
}

/** Suspended and unconfirmed members can read but not take part; nobody comments in a locked thread. */
export function canComment(user: Viewer, thread: ThreadState): boolean {
  return mayTakePart(user) && !thread.locked;
}

/** Authors edit and delete their own live comments while the thread is open and no moderator has acted on them. */
export function canEditComment(user: Viewer, comment: CommentState, thread: ThreadState): boolean {
  return (
    mayTakePart(user) &&
    comment.authorId === user.id &&
    comment.deletedAt === null &&
    (comment.status === "visible" || comment.status === "pending") &&
    !thread.locked
  );
}

export const canDeleteComment = canEditComment;

/** A stance is set or changed on the author's editable top-level comment; replies never take one. */
export function canSetStance(user: Viewer, comment: CommentState & { depth: number }, thread: ThreadState): boolean {
  return comment.depth === 0 && canEditComment(user, comment, thread);
}

export function canReplyTo(user: Viewer, comment: CommentState, thread: ThreadState): boolean {
  return canComment(user, thread) && comment.deletedAt === null && comment.status === "visible";
}

/** Members report what others wrote; reporting your own comment is refused. */
export function canReport(user: Viewer, item: { authorId?: string }): boolean {
  return mayTakePart(user) && item.authorId !== user.id;
}

/** The Report control on a comment: others' live, visible comments; moderators act on a comment instead. */
export function canReportComment(user: Viewer, comment: CommentState): boolean {
  return canReport(user, comment) && comment.deletedAt === null && comment.status === "visible" && !canModerate(user);
}

/** The Suspend author control: a moderator on a member's comment, never their own. (The query also lets admins suspend moderators.) */
export function canSuspendAuthor(user: Viewer, author: { id: string; role: Role }): boolean {
  return canModerate(user) && author.role === "member" && author.id !== user!.id;
}

/** Members upvote others' visible comments; not their own, not while suspended. */
export function canVote(user: Viewer, comment: CommentState): boolean {
  return mayTakePart(user) && comment.authorId !== user.id && comment.deletedAt === null && comment.status === "visible";
}

/**
 * The staff title a member carries beside their name (comments, their page), so nobody can pass for staff: by
 * role alone, since a suspended moderator is still who they are.
 */
export function staffTitle(member: { role: Role }): "Moderator" | "Admin" | undefined {
  return member.role === "admin" ? "Admin" : member.role === "moderator" ? "Moderator" : undefined;
}

/** Moderating needs the role and no suspension: a suspended moderator loses powers at once. */
export function canModerate(user: Viewer): boolean {
  return isModerator(user) && !isSuspended(user);
}

export function canAdminister(user: Viewer): boolean {
  return isAdmin(user) && !isSuspended(user);
}

/** Who may read a comment's body: everyone while visible; moderators always; its author while pending or hidden. */
export function canReadBody(user: Viewer, comment: CommentState): boolean {
  if (comment.deletedAt) return false;
  if (comment.status === "visible" || isModerator(user)) return true;
  return user?.id === comment.authorId && comment.status !== "removed";
}

/**
 * "Needs a source": members flag others' visible comments in open threads; not their own, not while suspended.
 * A locked thread takes no new requests (its comments can no longer be edited to answer them).
 */
export function canRequestSource(user: Viewer, comment: CommentState, thread: ThreadState): boolean {
  return mayTakePart(user) && comment.authorId !== user.id && comment.deletedAt === null && comment.status === "visible" && !thread.locked;
}

/** "Suggest a correction" to the article or a point's summary: any member who is not suspended, on any thread. */
export function canSuggestCorrection(user: Viewer): boolean {
  return mayTakePart(user);
}

/** The editors' queue (/mod/corrections) is the moderators' and admins'. */
export function canDecideCorrection(user: Viewer): boolean {
  return canModerate(user);
}

/** Editors write, publish and close articles; admins can do all an editor does. (Moderators moderate, not edit.) */
export function isEditor(user: Viewer): boolean {
  return user?.role === "editor" || user?.role === "admin";
}

/** The /editor pages and every editor action: the role and no suspension. */
export function canEditArticles(user: Viewer): boolean {
  return isEditor(user) && !isSuspended(user);
}

/** A draft is seen by editors only (its page, its threads, search, feeds, the sitemap); a published article by all. */
export function canSeeArticle(user: Viewer, article: Pick<ArticleState, "draft">): boolean {
  return !article.draft || canEditArticles(user);
}

/** A point (thread) whose discussion has started is kept: it can be closed, never deleted. */
export function canDeletePoint(user: Viewer, point: { commentCount: number; hasComments: boolean }): boolean {
  return canEditArticles(user) && point.commentCount === 0 && !point.hasComments;
}

/** A thread takes comments while neither it nor its whole article is closed. */
export function isThreadClosed(thread: ThreadState, article: Pick<ArticleState, "closedAt">): boolean {
  return thread.locked || article.closedAt !== null;
}

/** Roles an admin may hand out. */
export const ASSIGNABLE_ROLES: readonly Role[] = ["member", "moderator", "editor", "admin"];

/** The moderation actions a member may appeal: hiding or removing their comment, suspending them. */
export const APPEALABLE_ACTIONS = ["hide_comment", "remove_comment", "suspend_user"] as const;

export function isAppealable(action: string): boolean {
  return (APPEALABLE_ACTIONS as readonly string[]).includes(action);
}

/** Only the member an appealable action fell on may appeal it; a suspended member still may (that is the point). */
export function canAppeal(user: Viewer, logRow: { action: string; targetUserId: string | null }): boolean {
  return user !== null && logRow.targetUserId === user.id && isAppealable(logRow.action);
}

/** Another moderator decides an appeal: not the one who took the action appealed, and not the appellant. */
export function canDecideAppeal(user: Viewer, appeal: { appellantId: string; log: { moderatorId: string | null } }): boolean {
  return canModerate(user) && user!.id !== appeal.log.moderatorId && user!.id !== appeal.appellantId;
}
