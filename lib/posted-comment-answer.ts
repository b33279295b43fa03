import { commentView } from "@/lib/comment-view";
import type { CurrentUser } from "@/lib/current-user";
import type { PostedComment } from "@/lib/posted-comment";
import { commentHref, MAX_VISIBLE_DEPTH } from "@/lib/reply-tree";
import { getCommentAtPath } from "@/lib/queries/thread-page";

type Posted = { id: string; threadId: string; parentId?: string | null; depth: number; path: string; commentCount: number };

/**
 * The posted comment's view for its author, or null when the thread page would not show it in place: a top-level
 * comment with a stance (the stance tally above the comments changes with it) or a reply past the depth the
 * thread page shows (it continues on its own page).
 */
export async function postedCommentAnswer(
  posted: Posted,
  input: { parentId?: string; stance?: string | null },
  user: CurrentUser,
  unmatched: readonly string[],
): Promise<PostedComment | null> {
  if (input.stance || posted.depth >= MAX_VISIBLE_DEPTH) return null;
  const read = await getCommentAtPath(posted.threadId, posted.path, user);
  if (!read) return null;
  // A comment just accepted: its thread takes comments (not locked, not closed), and it has no replies yet.
  const view = commentView(
    { ...read.comment, replies: [], moreReplies: 0 },
    { thread: { id: posted.threadId, locked: false }, user, maxDepth: MAX_VISIBLE_DEPTH, ...read.marks },
    posted.depth,
  );
  view.focused = true;
  return { view, parentId: input.parentId ?? null, href: commentHref(posted.threadId, posted), commentCount: posted.commentCount, unmatched };
}
