import { db } from "@/lib/db";
import type { CommentSort } from "@/lib/validations/comment";
import type { Stance } from "@/lib/generated/prisma/enums";
import { MAX_VISIBLE_DEPTH } from "@/lib/reply-tree";
import { withCookedBody } from "@/lib/cooked-body";
import { Prisma } from "@/lib/generated/prisma/client";
import { ancestorPaths, isCommentPath, KEY_WIDTH, ownKey, rootPath, SUBTREE_END } from "@/lib/materialized-path";
import { visibleTo, type Viewer } from "./comment-visibility";
import { byPath, commentFields, readWindows, threadFields, type CommentMarks, type ThreadComment, type ThreadSummary, type Window } from "./comment-windows";

// A thread's pages and a comment's page: which comments a page shows (cursors, sorts, the permalink's chain),
// in a fixed number of statements whatever the thread's size.

/**
 * A thread with its point, its article and every comment this viewer may see, in path order, unpaged (for
 * tests and exports; pages read getThreadPage and getCommentPage).
 */
export async function getThreadWithComments(threadId: string, viewer: Viewer) {
  const thread = await db.thread.findUnique({ where: { id: threadId }, select: threadFields });
  if (!thread) return null;
  const rows = await db.comment.findMany({ where: { threadId, ...visibleTo(viewer) }, orderBy: { path: "asc" }, select: commentFields });
  return { thread, comments: rows.map(withCookedBody) };
}

/**
 * Top-level comments on one thread page, and replies of one comment on its page. With REPLIES_PER_COMMENT a page
 * holds at most 60 comments: a page of 220 took about 240 ms of server CPU to render and weighed over 500 kB
 * (bench/results), most of it the same comments twice, as HTML and as React's payload.
 */
export const COMMENTS_PER_PAGE = 10;
/** Replies shown under each of those, at most (the first ones, depth first); the rest are a link away. */
export const REPLIES_PER_COMMENT = 5;

/** The deepest comments a page whose outermost comments are at `depth` shows; deeper ones continue on their own page. */
const deepestShown = (depth: number) => depth + MAX_VISIBLE_DEPTH - 1;

/** A cursor from a URL: one path key, or nothing. */
function parseCursor(after: string | undefined): string | undefined {
  return after !== undefined && after.length === KEY_WIDTH && isCommentPath(after) ? after : undefined;
}

export type ThreadPage = {
  thread: ThreadSummary;
  /** This page's comments in path order: its top-level comments and the replies shown under them. */
  comments: ThreadComment[];
  /** Comments whose shown replies are not their first ones (the chain down to `focusId`). */
  partial: Set<string>;
  /** The comment `at` asked for, when this page shows it. */
  focusId?: string;
  /** Whether the page starts at the thread's first top-level comment. */
  isFirstPage: boolean;
  /** The `after` cursor of the next page, if there is one. */
  nextCursor?: string;
  /** The deepest comments shown; deeper ones are behind "Continue this thread". */
  maxDepth: number;
  /** The page's top-level comments in the requested sort order (`comments` is in path order). */
  rootOrder: string[];
} & CommentMarks;

/** Top-level comments: oldest first (path), newest first, or most upvoted first (ties oldest first). */
const ROOT_ORDER = {
  oldest: [{ path: "asc" }],
  newest: [{ path: "desc" }],
  top: [{ score: "desc" }, { path: "asc" }],
} satisfies Record<CommentSort, Prisma.CommentOrderByWithRelationInput[]>;

type SortCursor = { path: string; score?: number };

/** The cursor of the page after `last`: its path, with its score when sorted by votes ("12.0000a"). */
function sortCursor(sort: CommentSort, last: { path: string; score: number }): string {
  return sort === "top" ? `${last.score}.${last.path}` : last.path;
}

function parseSortCursor(sort: CommentSort, after: string | undefined): SortCursor | undefined {
  if (sort !== "top") {
    const path = parseCursor(after);
    return path === undefined ? undefined : { path };
  }
  const match = after?.match(/^(-?\d{1,9})\.(.+)$/);
  const path = match ? parseCursor(match[2]) : undefined;
  return path === undefined ? undefined : { path, score: Number(match![1]) };
}

/** The top-level comments that come after the cursor in the sort order. */
function rootsAfter(sort: CommentSort, after: SortCursor | undefined): Prisma.CommentWhereInput {
  if (!after) return {};
  if (sort === "oldest") return { path: { gt: after.path } };
  if (sort === "newest") return { path: { lt: after.path } };
  // Under AND: the visibility filter beside it has an OR of its own.
  return { AND: [{ OR: [{ score: { lt: after.score } }, { score: after.score, path: { gt: after.path } }] }] };
}

/**
 * One page of a thread: up to COMMENTS_PER_PAGE top-level comments after the cursor `after` (oldest first),
 * each with up to REPLIES_PER_COMMENT replies (depth first, MAX_VISIBLE_DEPTH levels in all). With `at` (a
 * comment id), the first page when that comment's top-level comment is on it, else a page starting at its
 * top-level comment; either way with the chain down to it. With `stance`, only top-level comments taking that
 * stance (their replies all show); a permalink (`at`) ignores the filter.
 * Queries: 4, or 6 with `at`, whatever the size of the thread: [the `at` comment (1)], the thread and its
 * article (2, none when the caller has them: `known`, from lib/queries/thread-context.ts), the top-level comments
 * (1) [and the first page's (1)], and every comment shown with its author (1, readWindows).
 */
export async function getThreadPage(
  threadId: string,
  viewer: Viewer,
  request: { after?: string; at?: string; sort?: CommentSort; stance?: Stance } = {},
  known?: ThreadSummary,
): Promise<ThreadPage | null> {
  const maxDepth = deepestShown(0);
  const target = request.at
    ? await db.comment.findFirst({ where: { id: request.at, threadId, ...visibleTo(viewer) }, select: { id: true, path: true, depth: true } })
    : null;
  // A permalink (`at`) always finds its comment in the oldest-first order.
  const sort: CommentSort = target ? "oldest" : (request.sort ?? "oldest");
  const after = target ? undefined : parseSortCursor(sort, request.after);
  const stanceFilter = !target && request.stance ? { stance: request.stance } : {};
  const rootsFrom = (where: Prisma.CommentWhereInput) =>
    db.comment.findMany({
      where: { threadId, depth: 0, ...stanceFilter, ...where, ...visibleTo(viewer) },
      orderBy: ROOT_ORDER[sort],
      take: COMMENTS_PER_PAGE + 1,
      select: { id: true, path: true, score: true },
    });
  const [thread, roots, firstRoots] = await Promise.all([
    known ?? db.thread.findUnique({ where: { id: threadId }, select: threadFields }),
    rootsFrom(target ? { path: { gte: rootPath(target.path) } } : rootsAfter(sort, after)),
    // With `at`, the first page too: a comment whose top-level comment is on it opens the first page, with the
    // comments before it, rather than a page that starts at it and hides them.
    target ? rootsFrom({}) : null,
  ]);
  if (!thread) return null;
  const onFirstPage = target !== null && firstRoots!.slice(0, COMMENTS_PER_PAGE).some((root) => root.path === rootPath(target.path));
  const pageRoots = onFirstPage ? firstRoots! : roots;
  const shown = pageRoots.slice(0, COMMENTS_PER_PAGE);

  // The chain down to `at` (when nested too deep for this page, down to the comment that continues there).
  const focusPath = target ? target.path.slice(0, (Math.min(target.depth, maxDepth) + 1) * KEY_WIDTH) : undefined;
  const focusRoot = focusPath === undefined ? -1 : shown.findIndex((root) => root.path === rootPath(focusPath));
  const chained = focusPath !== undefined && focusPath.length > KEY_WIDTH && focusRoot >= 0;
  const {
    windows: [top, chain, belowFocus, ...replies],
    marks,
  } = await readWindows(threadId, viewer, [
    { paths: shown.map((root) => root.path) },
    chained ? { paths: ancestorPaths(focusPath) } : { paths: [] },
    chained ? { from: focusPath, below: focusPath, inclusive: true, maxDepth, limit: REPLIES_PER_COMMENT } : { paths: [] },
    ...shown.map((root): Window => ({ from: root.path, below: root.path, maxDepth, limit: REPLIES_PER_COMMENT })),
  ]);

  const byId = new Map(top!.map((comment) => [comment.id, comment]));
  const partial = new Set<string>();
  for (const [i, rows] of replies.entries()) {
    let shownReplies = rows;
    if (i === focusRoot && chained && !rows.some((row) => row.path === focusPath)) {
      // Not among the first replies of its top-level comment: show the chain to it instead.
      for (const row of chain!) partial.add(row.id);
      shownReplies = [...chain!, ...belowFocus!];
    }
    for (const comment of shownReplies) byId.set(comment.id, comment);
  }
  const comments = [...byId.values()].sort(byPath);
  return {
    thread,
    comments,
    partial,
    focusId: focusPath === undefined ? undefined : comments.find((comment) => comment.path === focusPath)?.id,
    isFirstPage: target ? shown[0]?.path === firstRoots![0]?.path : after === undefined,
    nextCursor: pageRoots.length > COMMENTS_PER_PAGE ? sortCursor(sort, shown.at(-1)!) : undefined,
    rootOrder: shown.map((root) => root.id),
    maxDepth,
    ...marks,
  };
}

export type CommentPage = {
  thread: ThreadSummary;
  /** The comment, then its replies on this page, in path order. */
  comments: ThreadComment[];
  /** The comment whose page this is. */
  anchor: ThreadComment;
  /** Its ancestors' ids, root first (those the viewer may see). */
  ancestorIds: string[];
  /** Whether this page shows the comment's first replies. */
  isFirstPage: boolean;
  /** The `after` cursor of its next replies, if there are more. */
  nextCursor?: string;
  maxDepth: number;
} & CommentMarks;

/**
 * A comment's own page (its permalink, and where "continue this thread" and "more replies" lead): the
 * comment, then up to COMMENTS_PER_PAGE of its direct replies after the cursor `after`, each with up to
 * REPLIES_PER_COMMENT replies of its own. Queries: 5, whatever the size of the thread: the comment (1), the
 * thread and its article (2), the direct replies (1), and every comment shown with its author, and the
 * comment's ancestors (1, readWindows).
 */
export async function getCommentPage(threadId: string, commentId: string, viewer: Viewer, request: { after?: string } = {}): Promise<CommentPage | null> {
  const anchor = await db.comment.findFirst({ where: { id: commentId, threadId, ...visibleTo(viewer) }, select: { id: true, path: true, depth: true } });
  if (!anchor) return null;
  const maxDepth = deepestShown(anchor.depth);
  const after = parseCursor(request.after);
  const [thread, children] = await Promise.all([
    db.thread.findUnique({ where: { id: threadId }, select: threadFields }),
    db.comment.findMany({
      where: { threadId, depth: anchor.depth + 1, path: { gt: anchor.path + (after ?? ""), lt: anchor.path + SUBTREE_END }, ...visibleTo(viewer) },
      orderBy: { path: "asc" },
      take: COMMENTS_PER_PAGE + 1,
      select: { id: true, path: true },
    }),
  ]);
  if (!thread) return null;
  const shown = children.slice(0, COMMENTS_PER_PAGE);
  const {
    windows: [ancestors, anchorAndChildren, ...replies],
    marks,
  } = await readWindows(threadId, viewer, [
    { paths: ancestorPaths(anchor.path) },
    { paths: [anchor.path, ...shown.map((child) => child.path)] },
    ...shown.map((child): Window => ({ from: child.path, below: child.path, maxDepth, limit: REPLIES_PER_COMMENT })),
  ]);
  const comments = [...anchorAndChildren!, ...replies.flat()].sort(byPath);
  return {
    thread,
    comments,
    anchor: comments.find((comment) => comment.id === anchor.id)!,
    ancestorIds: ancestors!.map((row) => row.id),
    isFirstPage: after === undefined,
    nextCursor: children.length > COMMENTS_PER_PAGE ? ownKey(shown.at(-1)!.path) : undefined,
    maxDepth,
    ...marks,
  };
}

/** One comment as a thread page reads it (author, sources, the viewer's marks), by its path: a comment just posted. */
export async function getCommentAtPath(threadId: string, path: string, viewer: Viewer): Promise<{ comment: ThreadComment; marks: CommentMarks } | null> {
  const { windows, marks } = await readWindows(threadId, viewer, [{ paths: [path] }]);
  const comment = windows[0]?.[0];
  return comment ? { comment, marks } : null;
}
