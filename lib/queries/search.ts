import { isPostgresUrl } from "@/lib/database-url";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { Prisma } from "@/lib/generated/prisma/client";
import { MATCH_END, MATCH_START, tidySnippet } from "@/lib/search-highlight";
import { parseSearchQuery, toFts5Query, type ParsedSearch } from "@/lib/search-query";

// Full-text search over threads (title, summary, the article's excerpt) and comments, one interface for both
// databases. The indexes are kept by the database itself (prisma/migrations/*_search/migration.sql):
//   SQLite:     FTS5 tables "thread_search" and "comment_search" with external content (the rows stay in "Thread"
//               and "Comment"), kept in step by triggers; porter stemming, case and accents folded.
//   PostgreSQL: GIN expression indexes on to_tsvector('english', ...); the queries below repeat those expressions
//               exactly, or the planner cannot use the indexes.
// Which comments a search finds is decided here, at query time, from Comment's own columns: only visible,
// undeleted ones, for every viewer (moderators included: the queue is where they look at held and hidden ones).
// A comment hidden, removed, held or deleted after it was indexed is therefore never found, and an edit is
// re-indexed by the triggers (SQLite) or the index (PostgreSQL) in the same transaction as the edit.

export const SEARCH_PAGE_SIZE = 20;
export const SEARCH_THREAD_LIMIT = 5;
/** Relevance pages go no deeper than this many results. */
export const SEARCH_MAX_OFFSET = 1_000;

export type ThreadSearchHit = {
  id: string;
  position: number;
  articleTitle: string;
  commentCount: number;
  /** The title with every match marked (MATCH_START ... MATCH_END). */
  title: string;
  /** A marked fragment of the summary or of the article's excerpt, whichever matched. */
  context: string;
};

export type CommentSearchHit = {
  id: string;
  threadId: string;
  threadTitle: string;
  articleTitle: string;
  depth: number;
  createdAt: Date;
  editedAt: Date | null;
  author: { id: string; name: string | null };
  /** A marked fragment of the body (its Markdown source, as text). */
  snippet: string;
};

export type SearchResults = {
  parsed: ParsedSearch;
  /** Threads are listed on the first page only. */
  threads: ThreadSearchHit[];
  comments: CommentSearchHit[];
  /** Rank of the first comment on this page (0-based). */
  offset: number;
  nextCursor?: string;
};

/** A page cursor is the offset of its first result; anything else reads as the first page. */
export function parseSearchCursor(cursor: string | undefined): number {
  if (!cursor || !/^\d{1,5}$/.test(cursor)) return 0;
  return Math.min(Number(cursor), SEARCH_MAX_OFFSET);
}

/**
 * Searches threads and visible comments for `query` (any text a visitor typed), most relevant first. The same
 * results for every viewer. An empty, too long or wordless query finds nothing and runs no query.
 */
export async function searchForum(query: string, { cursor }: { cursor?: string } = {}): Promise<SearchResults> {
  const parsed = parseSearchQuery(query);
  const offset = parseSearchCursor(cursor);
  if (parsed.kind !== "terms" || offset >= SEARCH_MAX_OFFSET) return { parsed, threads: [], comments: [], offset };

  const engine = isPostgresUrl(env.DATABASE_URL) ? postgres : sqlite;
  const [threadRows, commentRows] = await Promise.all([
    offset === 0 ? engine.threads(parsed.terms) : Promise.resolve([]),
    engine.comments(parsed.terms, SEARCH_PAGE_SIZE + 1, offset),
  ]);
  const hasMore = commentRows.length > SEARCH_PAGE_SIZE && offset + SEARCH_PAGE_SIZE < SEARCH_MAX_OFFSET;
  const [threads, comments] = await Promise.all([withThreadDetails(threadRows), withCommentDetails(commentRows.slice(0, SEARCH_PAGE_SIZE))]);
  return { parsed, threads, comments, offset, ...(hasMore ? { nextCursor: String(offset + SEARCH_PAGE_SIZE) } : {}) };
}

type ThreadRow = { id: string; title: string; summary: string; excerpt: string };
type CommentRow = { id: string; snippet: string };
type Engine = {
  threads(terms: string[]): Promise<ThreadRow[]>;
  comments(terms: string[], limit: number, offset: number): Promise<CommentRow[]>;
};

const sqlite: Engine = {
  threads(terms) {
    return db.$queryRaw<ThreadRow[]>`
      SELECT t."id" AS "id",
             highlight("thread_search", 0, ${MATCH_START}, ${MATCH_END}) AS "title",
             snippet("thread_search", 1, ${MATCH_START}, ${MATCH_END}, '…', 30) AS "summary",
             snippet("thread_search", 2, ${MATCH_START}, ${MATCH_END}, '…', 30) AS "excerpt"
      FROM "thread_search" JOIN "Thread" AS t ON t.rowid = "thread_search".rowid
      WHERE "thread_search" MATCH ${toFts5Query(terms)}
      ORDER BY bm25("thread_search", 10.0, 4.0, 1.0), t."position", t."id"
      LIMIT ${SEARCH_THREAD_LIMIT}`;
  },
  comments(terms, limit, offset) {
    return db.$queryRaw<CommentRow[]>`
      SELECT c."id" AS "id", snippet("comment_search", 0, ${MATCH_START}, ${MATCH_END}, '…', 28) AS "snippet"
      FROM "comment_search" JOIN "Comment" AS c ON c.rowid = "comment_search".rowid
      WHERE "comment_search" MATCH ${toFts5Query(terms)} AND c."status" = 'visible' AND c."deletedAt" IS NULL
      ORDER BY "comment_search".rank, c."createdAt" DESC, c."id"
      LIMIT ${limit} OFFSET ${offset}`;
  },
};

// ts_headline's options: the markers, and fragments of about the size FTS5's snippet() returns.
const HEADLINE = `StartSel="${MATCH_START}", StopSel="${MATCH_END}", MaxWords=28, MinWords=12, ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "`;
const HEADLINE_ALL = `StartSel="${MATCH_START}", StopSel="${MATCH_END}", HighlightAll=true`;

/** Every term must match; a quoted phrase as a phrase. phraseto_tsquery reads no operators, whatever the text. */
function tsquery(terms: string[]) {
  return Prisma.join(
    terms.map((term) => Prisma.sql`phraseto_tsquery('english'::regconfig, ${term}::text)`),
    " && ",
  );
}

// The query is written out where it is used, not taken from a CTE or a join: only an expression the planner can
// evaluate once up front (parameters and immutable functions) lets it search the GIN index.
const postgres: Engine = {
  threads(terms) {
    const query = tsquery(terms);
    // The same expression as the "Thread_search_idx" index.
    const document = Prisma.sql`(setweight(to_tsvector('english'::regconfig, t."title"), 'A') || setweight(to_tsvector('english'::regconfig, t."summary"), 'B') || setweight(to_tsvector('english'::regconfig, t."excerpt"), 'C'))`;
    return db.$queryRaw<ThreadRow[]>`
      SELECT t."id" AS "id",
             ts_headline('english'::regconfig, t."title", ${query}, ${HEADLINE_ALL}::text) AS "title",
             ts_headline('english'::regconfig, t."summary", ${query}, ${HEADLINE}::text) AS "summary",
             ts_headline('english'::regconfig, t."excerpt", ${query}, ${HEADLINE}::text) AS "excerpt"
      FROM "Thread" AS t
      WHERE ${document} @@ (${query})
      ORDER BY ts_rank(${document}, ${query}) DESC, t."position", t."id"
      LIMIT ${SEARCH_THREAD_LIMIT}::int`;
  },
  comments(terms, limit, offset) {
    const query = tsquery(terms);
    // The index finds the matches, but ranking one re-parses its body (an expression index stores no vector):
    // only the newest SEARCH_MAX_OFFSET matches are ranked, so a word found in every comment costs a bounded
    // amount. The headline, costlier still, is computed for this page's rows only.
    return db.$queryRaw<CommentRow[]>`
      SELECT "hit"."id" AS "id", ts_headline('english'::regconfig, "hit"."body", ${query}, ${HEADLINE}::text) AS "snippet"
      FROM (
        SELECT "match"."id", "match"."body", "match"."createdAt", ts_rank(to_tsvector('english'::regconfig, "match"."body"), ${query}) AS "rank"
        FROM (
          SELECT c."id", c."body", c."createdAt"
          FROM "Comment" AS c
          WHERE to_tsvector('english'::regconfig, c."body") @@ (${query}) AND c."status" = 'visible' AND c."deletedAt" IS NULL
          ORDER BY c."createdAt" DESC, c."id"
          LIMIT ${SEARCH_MAX_OFFSET}::int
        ) AS "match"
        ORDER BY "rank" DESC, "match"."createdAt" DESC, "match"."id"
        LIMIT ${limit}::int OFFSET ${offset}::int
      ) AS "hit"
      ORDER BY "hit"."rank" DESC, "hit"."createdAt" DESC, "hit"."id"`;
  },
};

async function withThreadDetails(rows: ThreadRow[]): Promise<ThreadSearchHit[]> {
  if (rows.length === 0) return [];
  const threads = await db.thread.findMany({
    // A draft's points are found by nobody: search answers the same for every viewer.
    where: { id: { in: rows.map((row) => row.id) }, article: { draft: false } },
    select: { id: true, position: true, commentCount: true, article: { select: { title: true } } },
  });
  const byId = new Map(threads.map((thread) => [thread.id, thread]));
  return rows.flatMap((row) => {
    const thread = byId.get(row.id);
    if (!thread) return [];
    // The summary's fragment unless only the excerpt matched.
    const context = !row.summary.includes(MATCH_START) && row.excerpt.includes(MATCH_START) ? row.excerpt : row.summary;
    return [
      {
        id: thread.id,
        position: thread.position,
        articleTitle: thread.article.title,
        commentCount: thread.commentCount,
        title: row.title,
        context: tidySnippet(context),
      },
    ];
  });
}

async function withCommentDetails(rows: CommentRow[]): Promise<CommentSearchHit[]> {
  if (rows.length === 0) return [];
  const comments = await db.comment.findMany({
    // Checked again here: a comment hidden between the two queries stays out.
    where: { id: { in: rows.map((row) => row.id) }, status: "visible", deletedAt: null },
    select: {
      id: true,
      threadId: true,
      depth: true,
      createdAt: true,
      editedAt: true,
      author: { select: { id: true, name: true } },
      thread: { select: { title: true, article: { select: { title: true, draft: true } } } },
    },
  });
  const byId = new Map(comments.map((comment) => [comment.id, comment]));
  return rows.flatMap((row) => {
    const comment = byId.get(row.id);
    if (!comment || comment.thread.article.draft) return [];
    const { thread, ...rest } = comment;
    return [{ ...rest, threadTitle: thread.title, articleTitle: thread.article.title, snippet: tidySnippet(row.snippet) }];
  });
}
