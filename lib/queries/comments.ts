import { db, type Tx } from "@/lib/db";
import type { CommentSort } from "@/lib/validations/comment";
import type { CommentStatus, Role, Stance } from "@/lib/generated/prisma/enums";
import { slowModeConfig, type SlowModeConfig } from "@/lib/env";
import { env } from "@/lib/env";
import { findWordFilterMatchInBody } from "@/lib/word-filter";
import { MAX_VISIBLE_DEPTH } from "@/lib/comment-tree";
import { cookBody, withCookedBody, type Cooked } from "@/lib/cooked-body";
import { Prisma } from "@/lib/generated/prisma/client";
import { ancestorPaths, isCommentPath, KEY_WIDTH, MAX_COMMENT_DEPTH, ownKey, rootPath, SUBTREE_END } from "@/lib/comment-path";
import { takeThreadForComment } from "./comment-paths";
import { applyCommentTransition, countNewReply, threadDataForNewComment } from "./counters";
import { slowModeRefusal, slowModeWait } from "./slow-mode";
import { loadWordFilterRules } from "./word-filters";
import { resolveMentions } from "./mentions";

/** A refusal the user can act on; its message is shown next to the form. */
export class CommentError extends Error {
  constructor(
    message: string,
    readonly code: "not_found" | "forbidden" | "locked" | "invalid_parent" | "filtered" | "slow_mode" | "invalid_stance",
  ) {
    super(message);
  }
}

const THREAD_NOT_FOUND = () => new CommentError("This thread does not exist.", "not_found");
const THREAD_LOCKED = () => new CommentError("This thread is locked: no new comments or edits.", "locked");
const ARTICLE_CLOSED = () => new CommentError("This article is closed: it is a read-only archive, with no new comments or edits.", "locked");
/** Replies answer a comment, not the point: a stance on one is refused rather than silently dropped. */
const REPLY_STANCE = () => new CommentError("Only top-level comments take a stance on the point; replies cannot.", "invalid_stance");

type Author = { id: string; role: Role };

/**
 * The status a new or edited body gets: refused by a blocking word, held for review by a queueing word
 * or, for a member's first comments, by pre-moderation (moderators are never held).
 */
async function statusForBody(tx: Tx, author: Author, body: string, isNew: boolean): Promise<CommentStatus> {
  const match = findWordFilterMatchInBody(body, await loadWordFilterRules(tx));
  if (match?.action === "block") {
    throw new CommentError(`Your comment contains “${match.phrase}”, which is not allowed here. Please rephrase it.`, "filtered");
  }
  if (author.role !== "member") return "visible";
  if (match?.action === "queue") return "pending";
  const firstN = env.PREMODERATION_FIRST_COMMENTS;
  if (isNew && firstN > 0) {
    // Comments a moderator rejected (removed) are not approved ones: they must not earn a member their way out.
    const approved = await tx.comment.count({ where: { authorId: author.id, status: { notIn: ["pending", "removed"] } } });
    if (approved < firstN) return "pending";
  }
  return "visible";
}

/**
 * Posts a comment or a reply. In the same transaction the thread hands out the comment's path (its place in
 * the tree, lib/queries/comment-paths.ts), its count and activity move, and its ancestors' reply counts go up.
 */
export async function createComment(
  input: { threadId: string; parentId?: string; author: Author; body: string; stance?: Stance | null },
  config: Pick<SlowModeConfig, "slowModeMinutes"> = slowModeConfig(),
) {
  if (input.parentId && input.stance) throw REPLY_STANCE();
  // Rendered before the transaction: no lock is held while markdown-it runs.
  const cooked = cookBody(input.body, await resolveMentions([input.body]));
  return db.$transaction(async (tx) => {
    let parent: { depth: number; path: string } | null = null;
    if (input.parentId) {
      const found = await tx.comment.findUnique({
        where: { id: input.parentId },
        select: { threadId: true, depth: true, path: true, deletedAt: true, status: true },
      });
      if (!found || found.threadId !== input.threadId) {
        throw new CommentError("The comment you are replying to is not in this thread.", "invalid_parent");
      }
      if (found.deletedAt) throw new CommentError("The comment you are replying to was deleted.", "invalid_parent");
      if (found.status !== "visible") throw new CommentError("That comment cannot be replied to.", "invalid_parent");
      if (found.depth >= MAX_COMMENT_DEPTH) {
        throw new CommentError("This conversation is nested too deeply to continue here: reply to an earlier comment.", "invalid_parent");
      }
      parent = found;
    }

    const status = await statusForBody(tx, input.author, input.body, true);
    const createdAt = new Date();
    // The thread is read by the statement that takes its row and the comment's number (one statement, not two).
    const taken = await takeThreadForComment(tx, input.threadId, parent, threadDataForNewComment({ status, deletedAt: null }, createdAt));
    if (!taken) throw THREAD_NOT_FOUND();
    const { path, thread } = taken;
    // A draft's threads are the editors' preview: nobody posts there yet.
    if (thread.article.draft) throw THREAD_NOT_FOUND();
    if (thread.article.closedAt) throw ARTICLE_CLOSED();
    if (thread.locked) throw THREAD_LOCKED();
    // Checked once the thread row is taken: a member's second quick post waits for the first and then sees it.
    const wait = await slowModeWait(tx, { threadId: thread.id, author: input.author, thread }, config, createdAt);
    if (wait > 0) throw new CommentError(slowModeRefusal(wait), "slow_mode");
    const comment = await tx.comment.create({
      data: {
        threadId: thread.id,
        parentId: input.parentId ?? null,
        authorId: input.author.id,
        body: input.body,
        ...cooked,
        depth: parent ? parent.depth + 1 : 0,
        status,
        path,
        createdAt,
        stance: input.parentId ? null : (input.stance ?? null),
      },
      select: { id: true, threadId: true, depth: true, path: true, status: true, createdAt: true },
    });
    // Its parent is live and visible (checked above), so every ancestor counts it already: no deleted leaf revives.
    await countNewReply(tx, comment);
    return comment;
  });
}

/** Loads what an edit or delete must check: the comment's owner and state, and its thread's lock. */
async function findOwnedLiveComment(tx: Tx, commentId: string, authorId: string) {
  // Ownership sits in the where clause, so a guessed id of someone else's comment matches nothing;
  // a comment a moderator hid or removed is out of its author's hands.
  const comment = await tx.comment.findFirst({
    where: { id: commentId, authorId, deletedAt: null, status: { in: ["visible", "pending"] } },
    select: {
      id: true,
      threadId: true,
      depth: true,
      path: true,
      status: true,
      replyCount: true,
      thread: { select: { locked: true, article: { select: { closedAt: true } } } },
    },
  });
  if (!comment) throw new CommentError("You can only change your own comments.", "forbidden");
  if (comment.thread.article.closedAt) throw ARTICLE_CLOSED();
  if (comment.thread.locked) throw THREAD_LOCKED();
  return comment;
}

/**
 * Edits the author's own comment; an edit that trips a queueing word goes back to the review queue. A top-level
 * comment's stance changes with it (undefined: left as it is; null: no stance); a reply takes none.
 */
export async function editComment(input: { commentId: string; author: Author; body: string; stance?: Stance | null }) {
  const cooked = cookBody(input.body, await resolveMentions([input.body]));
  return db.$transaction(async (tx) => {
    const comment = await findOwnedLiveComment(tx, input.commentId, input.author.id);
    if (input.stance && comment.depth > 0) throw REPLY_STANCE();
    const filtered = await statusForBody(tx, input.author, input.body, false);
    const status = comment.status === "pending" ? "pending" : filtered;
    // Back to review: no longer counted, nor one of its ancestors' replies.
    await applyCommentTransition(tx, comment, { status: comment.status, deletedAt: null }, { status, deletedAt: null });
    return tx.comment.update({
      where: { id: comment.id },
      data: { body: input.body, ...cooked, editedAt: new Date(), status, ...(input.stance === undefined || comment.depth > 0 ? {} : { stance: input.stance }) },
      select: { id: true, threadId: true, depth: true, status: true },
    });
  });
}

/**
 * Deleting leaves a tombstone so replies keep their place; the author's words are wiped. Without replies it
 * leaves nothing on the page (isDeletedLeaf): it stops counting as its ancestors' reply, and a deleted ancestor
 * left with no replies goes with it.
 */
export async function deleteComment(input: { commentId: string; authorId: string }) {
  return db.$transaction(async (tx) => {
    const comment = await findOwnedLiveComment(tx, input.commentId, input.authorId);
    const deletedAt = new Date();
    await tx.comment.update({ where: { id: comment.id }, data: { deletedAt, body: "", ...cookBody("") } });
    await applyCommentTransition(tx, comment, { status: comment.status, deletedAt: null }, { status: comment.status, deletedAt });
    return { id: comment.id, threadId: comment.threadId, depth: comment.depth };
  });
}

const commentFields = {
  id: true,
  parentId: true,
  depth: true,
  path: true,
  replyCount: true,
  score: true,
  stance: true,
  body: true,
  bodyHtml: true,
  bodyHtmlVersion: true,
  bodySources: true,
  status: true,
  moderationReason: true,
  createdAt: true,
  editedAt: true,
  deletedAt: true,
  author: { select: { id: true, name: true, role: true, deletedAt: true } },
} as const;

const threadFields = {
  id: true,
  position: true,
  title: true,
  summary: true,
  excerpt: true,
  locked: true,
  lockReason: true,
  pinned: true,
  commentCount: true,
  slowModeManual: true,
  slowModeUntil: true,
  slowModeSince: true,
  article: { select: { slug: true, title: true, source: true, sourceUrl: true, draft: true, closedAt: true } },
} as const;

type Viewer = { id: string; role: Role } | null;

// Moderators review pending comments; an editor (like a member) sees only their own.
const seesAllPending = (viewer: Viewer) => viewer !== null && (viewer.role === "moderator" || viewer.role === "admin");

/**
 * The comments a viewer may see: comments awaiting review only to their author and moderators, except that
 * one with replies (sent back to review by an edit) stays as a placeholder, so its replies keep their place.
 * A deleted comment without replies (isDeletedLeaf) is shown to nobody: it has no place to keep.
 */
function visibleTo(viewer: Viewer): Prisma.CommentWhereInput {
  // NOT and OR, not AND: callers spread this beside a where of their own that may hold an AND.
  const notDeletedLeaf: Prisma.CommentWhereInput = { NOT: { deletedAt: { not: null }, replyCount: 0 } };
  return seesAllPending(viewer)
    ? notDeletedLeaf
    : { ...notDeletedLeaf, OR: [{ status: { not: "pending" } }, { replyCount: { gt: 0 } }, { authorId: viewer?.id ?? "" }] };
}

/** visibleTo, as SQL for the raw window queries. */
function visibleToSql(viewer: Viewer): Prisma.Sql {
  const notDeletedLeaf = Prisma.sql`NOT ("deletedAt" IS NOT NULL AND "replyCount" = 0)`;
  return seesAllPending(viewer)
    ? notDeletedLeaf
    : Prisma.sql`${notDeletedLeaf} AND ("status" <> 'pending' OR "replyCount" > 0 OR "authorId" = ${viewer?.id ?? ""})`;
}

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
 * A comment as pages read it: `bodyHtml` is the HTML to show (stored when the body was written, rendered again
 * only if a newer renderer made it stale) and `sources` the links it cites; pages never run markdown-it.
 */
export type ThreadComment = Cooked<Prisma.CommentGetPayload<{ select: typeof commentFields }>>;
export type ThreadSummary = Prisma.ThreadGetPayload<{ select: typeof threadFields }>;

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

type Window =
  /** The first `limit` comments after `from` (exclusive; inclusive with `inclusive`) within the subtree at `below`. */
  | { from: string; below: string; inclusive?: boolean; maxDepth: number; limit: number }
  /** Exactly these paths. */
  | { paths: string[] };

/** commentFields as SQL columns of "Comment" AS "c" and "User" AS "u" (the author), so the two stay one list. */
const COMMENT_COLUMNS = Object.keys(commentFields).filter((key) => key !== "author");
const AUTHOR_COLUMNS = Object.keys(commentFields.author.select);
const SELECT_COMMENT = Prisma.raw(
  [...COMMENT_COLUMNS.map((key) => `"c"."${key}"`), ...AUTHOR_COLUMNS.map((key) => `"u"."${key}" AS "author.${key}"`)].join(", "),
);

const byPath = (a: { path: string }, b: { path: string }) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

/**
 * The comments (with their authors) in several windows of a thread's comment tree, in one statement: a UNION
 * ALL of index range scans on (threadId, path), each with its own LIMIT, so its cost follows the page, not
 * the thread. Returns, per window, its comments in path order.
 */
async function readWindows(threadId: string, viewer: Viewer, windows: Window[]): Promise<ThreadComment[][]> {
  const result: ThreadComment[][] = windows.map(() => []);
  const branches = windows.flatMap((window, i) => {
    const tag = Prisma.raw(`'${i}'`);
    if ("paths" in window) {
      if (window.paths.length === 0) return [];
      return [
        Prisma.sql`SELECT "id", ${tag} AS "w" FROM "Comment"
          WHERE "threadId" = ${threadId} AND "path" IN (${Prisma.join(window.paths)}) AND ${visibleToSql(viewer)}`,
      ];
    }
    // "+depth": a filter, not an index choice, so SQLite walks (threadId, path) in order and stops at LIMIT.
    return [
      Prisma.sql`SELECT "id", ${tag} AS "w" FROM (
          SELECT "id" FROM "Comment"
          WHERE "threadId" = ${threadId} AND "path" ${Prisma.raw(window.inclusive ? ">=" : ">")} ${window.from}
            AND "path" < ${window.below + SUBTREE_END} AND +"depth" <= ${Prisma.raw(String(window.maxDepth))} AND ${visibleToSql(viewer)}
          ORDER BY "path" LIMIT ${Prisma.raw(String(window.limit))}
        ) AS ${Prisma.raw(`"w${i}"`)}`,
    ];
  });
  if (branches.length === 0) return result;
  const rows = await db.$queryRaw<Record<string, unknown>[]>`
    SELECT "windows"."w", ${SELECT_COMMENT}
    FROM (${Prisma.join(branches, " UNION ALL ")}) AS "windows"
    JOIN "Comment" AS "c" ON "c"."id" = "windows"."id"
    JOIN "User" AS "u" ON "u"."id" = "c"."authorId"`;
  for (const row of rows) {
    const comment: Record<string, unknown> = { author: Object.fromEntries(AUTHOR_COLUMNS.map((key) => [key, row[`author.${key}`]])) };
    for (const key of COMMENT_COLUMNS) comment[key] = row[key];
    // Integers may come back as bigint from raw SQL: the version is compared, so it is made a number.
    comment.bodyHtmlVersion = Number(comment.bodyHtmlVersion);
    result[Number(row.w)]!.push(withCookedBody(comment as Prisma.CommentGetPayload<{ select: typeof commentFields }>));
  }
  for (const list of result) list.sort(byPath);
  return result;
}

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
};

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
 * article (2), the top-level comments (1) [and the first page's (1)], and every comment shown with its author
 * (1, readWindows).
 */
export async function getThreadPage(
  threadId: string,
  viewer: Viewer,
  request: { after?: string; at?: string; sort?: CommentSort; stance?: Stance } = {},
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
    db.thread.findUnique({ where: { id: threadId }, select: threadFields }),
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
  const [top, chain, belowFocus, ...replies] = await readWindows(threadId, viewer, [
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
};

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
  const [ancestors, anchorAndChildren, ...replies] = await readWindows(threadId, viewer, [
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
  };
}

export const USER_COMMENTS_PAGE_SIZE = 30;

/** A user's live comments, newest first, with the thread each belongs to; `before` is the cursor of the next page. */
export async function getUserComments(userId: string, before?: string) {
  const rows = await db.comment.findMany({
    where: { authorId: userId, deletedAt: null, status: "visible" },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: USER_COMMENTS_PAGE_SIZE + 1,
    ...(before ? { cursor: { id: before }, skip: 1 } : {}),
    select: {
      id: true,
      body: true,
      bodyHtml: true,
      bodyHtmlVersion: true,
      createdAt: true,
      editedAt: true,
      thread: { select: { id: true, title: true } },
    },
  });
  const hasMore = rows.length > USER_COMMENTS_PAGE_SIZE;
  const comments = rows.slice(0, USER_COMMENTS_PAGE_SIZE);
  return { comments, nextCursor: hasMore ? comments.at(-1)?.id : undefined };
}
