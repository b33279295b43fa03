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
  // Only the newest post stands out (focused); the earlier ones read as any comment.
  const newest = posted.at(-1)!.view.id;
  const shown = ({ view }: PostedComment): CommentView => {
    if (view.id === newest || !view.focused) return view;
    const { focused: _focused, ...rest } = view;
    return rest;
  };
  const repliesTo = new Map<string, CommentView[]>();
  for (const post of fresh) if (post.parentId) repliesTo.set(post.parentId, [...(repliesTo.get(post.parentId) ?? []), shown(post)]);
  // A comment's replyCount counts every reply under it, at any depth, except those held for review.
  const weight = (view: CommentView) => (view.pending ? 0 : 1);
  const place = (list: readonly CommentView[]): { list: CommentView[]; added: number } => {
    let total = 0;
    const placed = list.map((view) => {
      const below = view.replies ? place(view.replies) : { list: undefined, added: 0 };
      const mine = repliesTo.get(view.id);
      // A reply can answer a reply posted in place as well.
      const under = mine ? place(mine) : { list: [], added: 0 };
      const added = below.added + under.added + (mine ?? []).reduce((sum, reply) => sum + weight(reply), 0);
      total += added;
      if (!mine && added === 0 && (below.list === undefined || below.list.every((reply, i) => reply === view.replies![i]))) return view;
      return { ...view, replies: mine ? [...(below.list ?? []), ...under.list] : below.list, replyCount: view.replyCount + added };
    });
    return { list: placed, added: total };
  };
  const roots = fresh
    .filter((post) => post.parentId === null)
    .map(shown)
    .reverse();
  // A reply can answer a comment posted in place too.
  return repliesTo.size > 0 ? place([...roots, ...views]).list : [...roots, ...views];
}
