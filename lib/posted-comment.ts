import type { CommentView } from "@/lib/comment-view";

// A comment posted from an open thread page with JavaScript is answered with itself, as the page shows it
// (lib/posted-comment-answer.ts), for the page to put in its place (components/thread-posts.tsx), instead of a
// redirect whose answer is the whole thread rendered again. Without JavaScript the post redirects as ever.

export type PostedComment = {
  view: CommentView;
  /** The comment it answers; null for a top-level comment. */
  parentId: string | null;
  /** Its permalink on the thread page (`?at=`), which the browser's address takes. */
  href: string;
  /** The thread's comment count with it (unchanged while it awaits review). */
  commentCount: number;
  /** @mentions that named no member. */
  unmatched: readonly string[];
};

/**
 * The page's comments with the reader's posts in place: a top-level comment first (under the comment box it was
 * written in), a reply last among its parent's shown replies. A post already on the page is not shown twice; a reply
 * whose parent is not on the page is left out (its form was not on this page either).
 */
export function withPosted(views: readonly CommentView[], posted: readonly PostedComment[]): readonly CommentView[] {
  if (posted.length === 0) return views;
  const present = new Set<string>();
  const collect = (list: readonly CommentView[]) =>
    list.forEach((view) => {
      present.add(view.id);
      if (view.replies) collect(view.replies);
    });
  collect(views);
  const fresh = posted.filter((post) => !present.has(post.view.id));
  if (fresh.length === 0) return views;
  const repliesTo = new Map<string, CommentView[]>();
  for (const post of fresh) if (post.parentId) repliesTo.set(post.parentId, [...(repliesTo.get(post.parentId) ?? []), post.view]);
  const place = (list: readonly CommentView[]): CommentView[] =>
    list.map((view) => {
      const added = repliesTo.get(view.id);
      const replies = view.replies ? place(view.replies) : undefined;
      if (!added) return replies === view.replies ? view : { ...view, replies };
      // A reply can answer a reply posted in place as well.
      return { ...view, replies: [...(replies ?? []), ...place(added)], replyCount: view.replyCount + added.length };
    });
  const roots = fresh
    .filter((post) => post.parentId === null)
    .map((post) => post.view)
    .reverse();
  // A reply can answer a comment posted in place too.
  return repliesTo.size > 0 ? place([...roots, ...views]) : [...roots, ...views];
}
