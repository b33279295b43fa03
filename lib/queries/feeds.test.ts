import { beforeEach, describe, expect, it } from "vitest";
import { GET as articleFeed } from "@/app/a/[slug]/feed.xml/route";
import { GET as threadFeed } from "@/app/t/[threadId]/feed.xml/route";
import { db } from "@/lib/db";
import { createTestComment, createTestThreads, createTestUser } from "@/lib/testing/factories";
import { FEED_ENTRY_LIMIT, getArticleFeed, getThreadFeed } from "./feeds";

let threadId: string;
let otherThreadId: string;
let slug: string;
let authorId: string;

beforeEach(async () => {
  [threadId, otherThreadId] = (await createTestThreads(2)) as [string, string];
  slug = (await db.thread.findUniqueOrThrow({ where: { id: threadId }, select: { article: { select: { slug: true } } } })).article.slug;
  authorId = (await createTestUser("Feeder")).id;
});

async function fetchFeed(path: string, handler: () => Promise<Response>) {
  const response = await handler();
  return { path, status: response.status, type: response.headers.get("content-type"), xml: await response.text() };
}

describe("comment feeds", () => {
  it("a thread's feed holds its public comments, newest first, and nothing held, hidden, removed or deleted", async () => {
    const first = await createTestComment({ threadId, authorId, body: "first visible" });
    for (const status of ["pending", "hidden", "removed"] as const) {
      await createTestComment({ threadId, authorId, body: `secret ${status}`, status });
    }
    await createTestComment({ threadId, authorId, body: "deleted one", deletedAt: new Date() });
    await createTestComment({ threadId: otherThreadId, authorId, body: "other thread" });
    const second = await createTestComment({ threadId, authorId, body: "second visible", parentId: first.id });

    const feed = await getThreadFeed(threadId);
    expect(feed?.comments.map((c) => c.body)).toEqual(["second visible", "first visible"]);
    expect(feed?.comments[0]?.id).toBe(second.id);
  });

  it("an article's feed spans its threads and stops at the entry limit", async () => {
    for (let i = 0; i < FEED_ENTRY_LIMIT + 3; i++) {
      await createTestComment({ threadId: i % 2 ? threadId : otherThreadId, authorId, body: `comment ${i}` });
    }
    const feed = await getArticleFeed(slug);
    expect(feed?.comments).toHaveLength(FEED_ENTRY_LIMIT);
    expect(new Set(feed?.comments.map((c) => c.thread.id))).toEqual(new Set([threadId, otherThreadId]));
    expect(feed?.comments[0]?.body).toBe(`comment ${FEED_ENTRY_LIMIT + 2}`);
  });

  it("serves Atom with absolute permalinks, safe HTML content and the thread named in an article feed", async () => {
    const comment = await createTestComment({ threadId, authorId, body: "A **bold** claim <script>alert(1)</script> & more" });
    // Forwarded headers from a client (no trusted proxy in front: TRUST_PROXY unset) never reach the links.
    const headers = { host: "forum.example", "x-forwarded-proto": "https", "x-forwarded-host": "evil.example" };
    const thread = await fetchFeed("thread", () =>
      threadFeed(new Request(`http://internal/t/${threadId}/feed.xml`, { headers }), { params: Promise.resolve({ threadId }) }),
    );
    expect(thread.status).toBe(200);
    expect(thread.type).toBe("application/atom+xml; charset=utf-8");
    expect(thread.xml).toContain('<feed xmlns="http://www.w3.org/2005/Atom">');
    expect(thread.xml).toContain(`<id>http://forum.example/t/${threadId}/feed.xml</id>`);
    expect(thread.xml).toContain(`http://forum.example/t/${threadId}/c/${comment.id}`);
    expect(thread.xml).not.toContain("evil.example");
    expect(thread.xml).toContain("Feeder commented");
    // The body is the page's rendered Markdown: <strong> survives as markup, the script only as text.
    expect(thread.xml).toContain("<p>A <strong>bold</strong> claim &lt;script&gt;alert(1)&lt;/script&gt; &amp; more</p>");
    expect(thread.xml).not.toMatch(/<script/i);

    const article = await fetchFeed("article", () =>
      articleFeed(new Request(`http://internal/a/${slug}/feed.xml`, { headers }), { params: Promise.resolve({ slug }) }),
    );
    expect(article.status).toBe(200);
    expect(article.xml).toContain("Feeder on “Point 1”");
  });

  it("escapes a hostile display name in entry titles, which feed readers read as HTML", async () => {
    const mallory = await createTestUser("<img src=x onerror=alert(1)>]]>");
    await createTestComment({ threadId, authorId: mallory.id, body: "hi" });
    const feed = await threadFeed(new Request(`http://x/t/${threadId}/feed.xml`), { params: Promise.resolve({ threadId }) });
    const xml = await feed.text();
    expect(xml).not.toMatch(/<img/i);
    expect(xml).toContain("&lt;img src=x onerror=alert(1)&gt;");
  });

  it("answers 404 in the house error shape for an unknown article or thread", async () => {
    const thread = await threadFeed(new Request("http://x/t/nope/feed.xml"), { params: Promise.resolve({ threadId: "nope" }) });
    expect(thread.status).toBe(404);
    expect(await thread.json()).toEqual({ error: { code: "not_found", message: "No such thread." } });
    const article = await articleFeed(new Request("http://x/a/nope/feed.xml"), { params: Promise.resolve({ slug: "nope" }) });
    expect(article.status).toBe(404);
  });
});
