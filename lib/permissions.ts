import type { CurrentUser } from "@/lib/current-user";

type CommentOwnership = { authorId: string; deletedAt: Date | null };
type ThreadState = { locked: boolean };

export function canComment(user: CurrentUser | null, thread: ThreadState): user is CurrentUser {
  return user !== null && !thread.locked;
}

/** Authors edit and delete their own live comments while the thread is open. */
export function canEditComment(user: CurrentUser | null, comment: CommentOwnership, thread: ThreadState): boolean {
  return user !== null && comment.authorId === user.id && comment.deletedAt === null && !thread.locked;
}

export const canDeleteComment = canEditComment;
