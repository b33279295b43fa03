export type TreeInput = { id: string; parentId: string | null };

export type CommentNode<T extends TreeInput> = T & { replies: CommentNode<T>[]; replyCount: number };

/**
 * Builds the reply tree in memory from a thread's comments, already in display order (oldest first).
 * A comment whose parent is missing from the list is treated as a root, so nothing is ever dropped.
 */
export function buildCommentTree<T extends TreeInput>(comments: readonly T[]): CommentNode<T>[] {
  const nodes = new Map<string, CommentNode<T>>();
  for (const comment of comments) nodes.set(comment.id, { ...comment, replies: [], replyCount: 0 });

  const roots: CommentNode<T>[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined;
    if (parent) parent.replies.push(node);
    else roots.push(node);
  }
  for (const root of roots) countReplies(root);
  return roots;
}

/** Counts every descendant, iteratively: a 10,000-deep chain must not overflow the stack. */
function countReplies<T extends TreeInput>(root: CommentNode<T>): void {
  const postOrder: CommentNode<T>[] = [];
  const stack = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    postOrder.push(node);
    stack.push(...node.replies);
  }
  for (let i = postOrder.length - 1; i >= 0; i--) {
    const node = postOrder[i]!;
    node.replyCount = node.replies.reduce((sum, reply) => sum + 1 + reply.replyCount, 0);
  }
}

/** The subtree rooted at one comment, for "continue this thread" pages. */
export function findSubtree<T extends TreeInput>(roots: CommentNode<T>[], id: string): CommentNode<T> | undefined {
  const stack = [...roots];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.id === id) return node;
    stack.push(...node.replies);
  }
  return undefined;
}

/** The chain of ancestors (root first) of the comment `id`, for the breadcrumb above a continued thread. */
export function ancestorsOf<T extends TreeInput>(comments: readonly T[], id: string): T[] {
  const byId = new Map(comments.map((comment) => [comment.id, comment]));
  const chain: T[] = [];
  let current = byId.get(id);
  while (current?.parentId) {
    const parent = byId.get(current.parentId);
    if (!parent || chain.includes(parent)) break;
    chain.unshift(parent);
    current = parent;
  }
  return chain;
}

/** Nesting shown on one page before a chain continues on its own page, so deep chains stay readable. */
export const MAX_VISIBLE_DEPTH = 6;

/** Where a comment can be seen: its anchor on the thread page, or its own page when nested too deep for it. */
export function commentHref(threadId: string, comment: { id: string; depth: number }): string {
  return comment.depth < MAX_VISIBLE_DEPTH ? `/t/${threadId}#c-${comment.id}` : `/t/${threadId}/c/${comment.id}#c-${comment.id}`;
}
