import { ancestorPaths, KEY_WIDTH, replyWeight } from "@/lib/materialized-path";
import type { CommentStatus } from "@/lib/generated/prisma/enums";

export type TreeInput = { id: string; parentId: string | null; path: string; status: CommentStatus; replyCount: number };

export type CommentNode<T extends TreeInput> = T & {
  replies: CommentNode<T>[];
  /** Replies (at every depth) under this comment that the page does not show; null: some, count unknown. */
  moreReplies: number | null;
  /** The cursor that continues this comment's replies after the shown ones; undefined: start from the first. */
  moreAfter?: string;
};

/**
 * Builds the reply tree of one page in memory from its comments, in path order (depth-first, oldest first).
 * A comment whose parent is not on the page (held for review, say) hangs under its nearest ancestor that is;
 * with none, it is a root: nothing is dropped. `partial` names comments whose shown replies are not the
 * first ones (a permalink's chain), so their "more replies" start from the beginning rather than a cursor.
 */
export function buildCommentTree<T extends TreeInput>(comments: readonly T[], options: { partial?: ReadonlySet<string> } = {}): CommentNode<T>[] {
  const byId = new Map<string, CommentNode<T>>();
  const byPath = new Map<string, CommentNode<T>>();
  for (const comment of comments) {
    const node: CommentNode<T> = { ...comment, replies: [], moreReplies: 0 };
    byId.set(comment.id, node);
    byPath.set(comment.path, node);
  }

  const roots: CommentNode<T>[] = [];
  for (const node of byId.values()) {
    const parent = (node.parentId ? byId.get(node.parentId) : undefined) ?? nearestAncestor(byPath, node.path);
    if (parent) parent.replies.push(node);
    else roots.push(node);
  }

  for (const node of byId.values()) {
    // replyCount counts every non-pending descendant; what the shown replies account for is the rest.
    const shown = node.replies.reduce((sum, reply) => sum + replyWeight(reply.status) + reply.replyCount, 0);
    node.moreReplies = Math.max(0, node.replyCount - shown);
    const last = node.replies.at(-1);
    if (last && !options.partial?.has(node.id)) node.moreAfter = last.path.slice(node.path.length, node.path.length + KEY_WIDTH);
  }
  return roots;
}

/**
 * The tree of a comment's own page: the comment, with the replies this page shows. Its "more replies" are the
 * next page of its own replies (counted only on the first page: later ones do not know how many came before).
 */
export function buildCommentPageTree<T extends TreeInput>(page: {
  comments: readonly T[];
  nextCursor?: string;
  isFirstPage: boolean;
}): CommentNode<T> | undefined {
  const [node] = buildCommentTree(page.comments);
  if (!node) return undefined;
  node.moreAfter = page.nextCursor;
  node.moreReplies = page.nextCursor === undefined ? 0 : page.isFirstPage ? node.moreReplies : null;
  return node;
}

/** Where a comment's replies continue: below the deepest level a page shows, or after the replies it shows. */
export function moreRepliesHref(threadId: string, node: { id: string; moreAfter?: string }): string {
  return `/t/${threadId}/c/${node.id}${node.moreAfter ? `?after=${node.moreAfter}` : ""}`;
}

function nearestAncestor<T extends TreeInput>(byPath: Map<string, CommentNode<T>>, path: string): CommentNode<T> | undefined {
  return ancestorPaths(path)
    .reverse()
    .map((ancestor) => byPath.get(ancestor))
    .find((node) => node !== undefined);
}

/** Nesting shown on one page before a chain continues on its own page, so deep chains stay readable. */
export const MAX_VISIBLE_DEPTH = 6;

/**
 * Where a comment can be seen: the thread page that starts at its top-level comment and leads to it, or
 * its own page when nested too deep for the thread page.
 */
export function commentHref(threadId: string, comment: { id: string; depth: number }): string {
  return comment.depth < MAX_VISIBLE_DEPTH ? `/t/${threadId}?at=${comment.id}#c-${comment.id}` : `/t/${threadId}/c/${comment.id}#c-${comment.id}`;
}
