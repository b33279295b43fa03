import type { CommentStatus } from "@/lib/generated/prisma/enums";

// A comment's path is the keys of its root, ..., its parent and itself, concatenated. A key is the comment's
// per-thread number (Thread.commentSeq hands them out) as KEY_WIDTH base36 digits: fixed width, so that
// ORDER BY path is depth-first with older siblings first, and one comment's subtree is the index range
// [path, path + SUBTREE_END). PostgreSQL compares the column in byte order (COLLATE "C"), as SQLite does.

export const KEY_WIDTH = 5;
/** The numbers KEY_WIDTH base36 digits can hold: comments one thread can ever have. */
export const MAX_COMMENTS_PER_THREAD = 36 ** KEY_WIDTH - 1;
/** Sorts after every key digit: `path < p + SUBTREE_END` ends the subtree of p. */
export const SUBTREE_END = "~";
/**
 * Replies deeper than this are refused: a path grows KEY_WIDTH characters a level, and PostgreSQL's index
 * entries must stay under about 2,700 bytes.
 */
export const MAX_COMMENT_DEPTH = 250;

/** The key of a thread's `seq`-th comment. */
export function commentKey(seq: number): string {
  if (!Number.isInteger(seq) || seq < 1 || seq > MAX_COMMENTS_PER_THREAD) throw new RangeError(`comment number out of range: ${seq}`);
  return seq.toString(36).padStart(KEY_WIDTH, "0");
}

/** Whether `text` is a well-formed path (or, with one key, a cursor). */
export function isCommentPath(text: string): boolean {
  return text.length > 0 && text.length % KEY_WIDTH === 0 && /^[0-9a-z]+$/.test(text);
}

/** The paths of a comment's ancestors, root first. */
export function ancestorPaths(path: string): string[] {
  const paths: string[] = [];
  for (let end = KEY_WIDTH; end < path.length; end += KEY_WIDTH) paths.push(path.slice(0, end));
  return paths;
}

/** The path of the top-level comment a comment belongs to. */
export function rootPath(path: string): string {
  return path.slice(0, KEY_WIDTH);
}

/** The key a comment has among its siblings: the cursor of "after this one". */
export function ownKey(path: string): string {
  return path.slice(-KEY_WIDTH);
}

/** The cursor whose page of replies starts with the comment at `path`: the key just before its own. */
export function cursorBefore(path: string): string {
  return (Number.parseInt(ownKey(path), 36) - 1).toString(36).padStart(KEY_WIDTH, "0");
}

/** What a comment adds to each ancestor's replyCount: readers see a trace of everything but pending comments. */
export function replyWeight(status: CommentStatus): 0 | 1 {
  return status === "pending" ? 0 : 1;
}

/**
 * A deleted comment with no replies left to hold in place: pages do not show it (no "[deleted]" stub), so it is
 * nobody's reply either (it adds nothing to its ancestors' replyCount). One with replies keeps its tombstone.
 */
export function isDeletedLeaf(comment: { deletedAt: Date | null; replyCount: number }): boolean {
  return comment.deletedAt !== null && comment.replyCount === 0;
}

/** What a comment in this state adds to each ancestor's replyCount: replyWeight, and nothing for a deleted leaf. */
export function placedReplyWeight(comment: { status: CommentStatus; deletedAt: Date | null; replyCount: number }): 0 | 1 {
  return isDeletedLeaf(comment) ? 0 : replyWeight(comment.status);
}

export type CommentLink = { id: string; threadId: string; parentId: string | null; status: string; deletedAt?: Date | null };
export type CommentPlace = { path: string; depth: number; replyCount: number };

/**
 * Where each comment goes, from parent links alone: `comments` in the order they are numbered (by thread, then
 * oldest first), each thread's numbers from 1. A comment whose parent is missing, in another thread, or in a
 * loop is placed as a top-level comment. Returns each comment's place and each thread's last number.
 */
export function placeComments(comments: readonly CommentLink[]): { places: Map<string, CommentPlace>; lastNumber: Map<string, number> } {
  const lastNumber = new Map<string, number>();
  const byId = new Map<string, CommentLink & { key: string }>();
  for (const comment of comments) {
    const seq = (lastNumber.get(comment.threadId) ?? 0) + 1;
    lastNumber.set(comment.threadId, seq);
    byId.set(comment.id, { ...comment, key: commentKey(seq) });
  }
  const parentOf = (comment: CommentLink) => {
    const parent = comment.parentId ? byId.get(comment.parentId) : undefined;
    return parent && parent.threadId === comment.threadId ? parent : undefined;
  };

  const places = new Map<string, CommentPlace & { parentId: string | null }>();
  const chain: (CommentLink & { key: string })[] = [];
  for (const start of byId.values()) {
    // Climb to the nearest placed ancestor (or a root), then place the chain top-down: no recursion.
    chain.length = 0;
    const onChain = new Set<string>();
    let current: (CommentLink & { key: string }) | undefined = start;
    while (current && !places.has(current.id) && !onChain.has(current.id)) {
      chain.push(current);
      onChain.add(current.id);
      current = parentOf(current);
    }
    let above = current && places.has(current.id) ? { id: current.id, ...places.get(current.id)! } : undefined;
    for (let i = chain.length - 1; i >= 0; i--) {
      const place = { path: (above?.path ?? "") + chain[i]!.key, depth: above ? above.depth + 1 : 0, replyCount: 0, parentId: above?.id ?? null };
      places.set(chain[i]!.id, place);
      above = { id: chain[i]!.id, ...place };
    }
  }

  // Reply counts bottom-up, deepest comments first: each adds itself (unless pending, or a deleted leaf) and its own count.
  const byDepth: string[][] = [];
  for (const [id, place] of places) (byDepth[place.depth] ??= []).push(id);
  for (let depth = byDepth.length - 1; depth > 0; depth--) {
    for (const id of byDepth[depth] ?? []) {
      const place = places.get(id)!;
      if (place.parentId === null) continue;
      const link = byId.get(id)!;
      const weight = placedReplyWeight({ status: link.status as CommentStatus, deletedAt: link.deletedAt ?? null, replyCount: place.replyCount });
      places.get(place.parentId)!.replyCount += weight + place.replyCount;
    }
  }
  return { places, lastNumber };
}
