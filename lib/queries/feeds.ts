import { db } from "@/lib/db";

/** Entries per feed: readers' feed apps poll; the newest comments are what they want. */
export const FEED_ENTRY_LIMIT = 50;

// Only what any signed-out reader may see: visible, not deleted. Held, hidden and removed comments never
// reach a feed, where they could not be taken back.
const PUBLIC_COMMENT = { status: "visible", deletedAt: null } as const;

const entrySelect = {
  id: true,
  body: true,
  bodyHtml: true,
  bodyHtmlVersion: true,
  createdAt: true,
  editedAt: true,
  author: { select: { id: true, name: true } },
  thread: { select: { id: true, title: true, position: true } },
} as const;

/** The newest public comments across an article's threads, with the article, or null if there is none. */
export async function getArticleFeed(slug: string) {
  const article = await db.article.findUnique({
    where: { slug, draft: false },
    select: { id: true, slug: true, title: true, summary: true, source: true, updatedAt: true },
  });
  if (!article) return null;
  const comments = await db.comment.findMany({
    where: { ...PUBLIC_COMMENT, thread: { articleId: article.id } },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: FEED_ENTRY_LIMIT,
    select: entrySelect,
  });
  return { article, comments };
}

/** The newest public comments of one thread, with the thread and its article, or null if there is none. */
export async function getThreadFeed(threadId: string) {
  const thread = await db.thread.findUnique({
    where: { id: threadId, article: { draft: false } },
    select: {
      id: true,
      title: true,
      summary: true,
      position: true,
      createdAt: true,
      article: { select: { slug: true, title: true } },
    },
  });
  if (!thread) return null;
  const comments = await db.comment.findMany({
    where: { ...PUBLIC_COMMENT, threadId: thread.id },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: FEED_ENTRY_LIMIT,
    select: entrySelect,
  });
  return { thread, comments };
}

export type FeedComment = Awaited<ReturnType<typeof getThreadFeed>> extends infer R ? (R extends { comments: (infer C)[] } ? C : never) : never;
