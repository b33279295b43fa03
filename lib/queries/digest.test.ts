import { beforeAll, describe, expect, it } from "vitest";
import { db, executedQueryCount } from "@/lib/db";
import { digestJson, digestMarkdown, markdownInline, markdownQuote } from "@/lib/digest-export";
import type { Stance } from "@/lib/generated/prisma/enums";
import { createTestComment, createTestThreads, createTestUser } from "@/lib/testing/factories";
import { getArticleVisitBaseline, recordArticleVisit, VISIT_GAP_MS } from "./article-visits";
import { getArticleDigest } from "./digest";

type User = Awaited<ReturnType<typeof createTestUser>>;
let alice: User;
let bob: User;

beforeAll(async () => {
  alice = await createTestUser("Alice");
  bob = await createTestUser("Bob");
});

async function articleOf(threadId: string) {
  return (await db.thread.findUniqueOrThrow({ where: { id: threadId }, select: { article: { select: { id: true, slug: true } } } })).article;
}

async function stanced(
  threadId: string,
  stance: Stance,
  options: { score?: number; createdAt?: Date; status?: "visible" | "hidden" | "pending" | "removed"; deletedAt?: Date; authorId?: string; body?: string } = {},
) {
  const comment = await createTestComment({
    threadId,
    authorId: options.authorId ?? alice.id,
    body: options.body ?? `${stance} ${Math.random()}`,
    status: options.status,
    deletedAt: options.deletedAt,
  });
  await db.comment.update({
    where: { id: comment.id },
    data: { stance, score: options.score ?? 0, ...(options.createdAt ? { createdAt: options.createdAt } : {}) },
  });
  return comment.id;
}

describe("getArticleDigest", () => {
  it("gives each point, in order, its tally and the most upvoted visible comment of each stance (ties: the oldest)", async () => {
    const [first, second] = (await createTestThreads(2)) as [string, string];
    const { slug } = await articleOf(first);
    const old = new Date(Date.UTC(2026, 0, 1));
    const newer = new Date(Date.UTC(2026, 0, 2));
    await stanced(first, "agrees", { score: 3, createdAt: newer });
    const agreeTop = await stanced(first, "agrees", { score: 3, createdAt: old });
    await stanced(first, "agrees", { score: 1 });
    // Higher scores that must not win: hidden, removed, pending, deleted.
    await stanced(first, "agrees", { score: 9, status: "hidden" });
    await stanced(first, "agrees", { score: 9, status: "removed" });
    await stanced(first, "agrees", { score: 9, status: "pending" });
    await stanced(first, "agrees", { score: 9, deletedAt: new Date() });
    const disagreeTop = await stanced(first, "disagrees", { score: 0 });
    const contextTop = await stanced(second, "context", { score: 2 });

    const digest = await getArticleDigest(slug, null);
    expect(digest!.points.map((point) => point.position)).toEqual([1, 2]);
    const [one, two] = digest!.points;
    expect(one!.tally).toEqual({ agrees: 3, disagrees: 1, context: 0 });
    expect(one!.top.agrees?.id).toBe(agreeTop);
    expect(one!.top.agrees?.authorName).toBe("Alice");
    expect(one!.top.disagrees?.id).toBe(disagreeTop);
    expect(one!.top.context).toBeUndefined();
    expect(two!.top).toEqual({ context: expect.objectContaining({ id: contextTop, score: 2, stance: "context" }) });
    expect(one!.newSinceLastVisit).toBeNull();
    expect(digest!.since).toBeNull();
  });

  it("lists open corrections only, with their count and claims", async () => {
    const [threadId] = (await createTestThreads(1)) as [string];
    const { slug } = await articleOf(threadId);
    await db.correction.create({ data: { threadId, requesterId: bob.id, target: "article", claim: "The date is 2021, not 2020." } });
    await db.correction.create({ data: { threadId, requesterId: bob.id, target: "summary", claim: "The summary overstates it." } });
    await db.correction.create({ data: { threadId, requesterId: bob.id, target: "article", claim: "Already fixed.", status: "accepted" } });
    await db.correction.create({ data: { threadId, requesterId: bob.id, target: "article", claim: "Wrong.", status: "rejected" } });
    const [point] = (await getArticleDigest(slug, null))!.points;
    expect(point!.openCorrections.map((correction) => [correction.target, correction.claim])).toEqual([
      ["article", "The date is 2021, not 2020."],
      ["summary", "The summary overstates it."],
    ]);
  });

  it("counts others' visible comments since the baseline, per point; none of the reader's own or hidden ones", async () => {
    const [first, second] = (await createTestThreads(2)) as [string, string];
    const { slug } = await articleOf(first);
    const since = new Date(Date.now() - 60_000);
    const before = new Date(since.getTime() - 60_000);
    const old = await createTestComment({ threadId: first, authorId: bob.id });
    await db.comment.update({ where: { id: old.id }, data: { createdAt: before } });
    const root = await createTestComment({ threadId: first, authorId: bob.id });
    await createTestComment({ threadId: first, authorId: bob.id, parentId: root.id });
    await createTestComment({ threadId: first, authorId: alice.id });
    await createTestComment({ threadId: first, authorId: bob.id, status: "hidden" });
    await createTestComment({ threadId: first, authorId: bob.id, status: "pending" });
    await createTestComment({ threadId: first, authorId: bob.id, deletedAt: new Date() });
    const digest = await getArticleDigest(slug, { userId: alice.id, since });
    expect(digest!.points.map((point) => point.newSinceLastVisit)).toEqual([2, 0]);
    expect(digest!.since).toEqual(since);
    // A reader with no baseline yet (a first visit) sees no markers.
    expect((await getArticleDigest(slug, { userId: alice.id, since: null }))!.points.map((point) => point.newSinceLastVisit)).toEqual([null, null]);
    void second;
  });

  it("costs the same queries for an article of 1 point as for 12 with comments everywhere", async () => {
    const [small] = (await createTestThreads(1)) as [string];
    const big = await createTestThreads(12);
    for (const threadId of [small, ...big]) await stanced(threadId, "agrees", { score: 1 });
    const count = async (slug: string) => {
      const before = executedQueryCount();
      await getArticleDigest(slug, { userId: alice.id, since: new Date(0) });
      return executedQueryCount() - before;
    };
    const smallQueries = await count((await articleOf(small)).slug);
    expect(await count((await articleOf(big[0]!)).slug)).toBe(smallQueries);
    // Prisma reads a relation (the points, the authors) with a query of its own: 8 statements in all.
    expect(smallQueries).toBeLessThanOrEqual(8);
  });

  it("answers null for an article that does not exist", async () => {
    expect(await getArticleDigest("no-such-article", null)).toBeNull();
  });
});

describe("recordArticleVisit: the baseline of the new-since-last-visit markers", () => {
  it("first visit: no baseline; a reload keeps it; a visit after the gap moves it to the visit before; reloads keep that", async () => {
    const [threadId] = (await createTestThreads(1)) as [string];
    const { id: articleId, slug } = await articleOf(threadId);
    const t0 = new Date(Date.UTC(2026, 5, 1, 12, 0));
    const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

    expect(await recordArticleVisit(alice.id, articleId, t0)).toBeNull();
    expect(await recordArticleVisit(alice.id, articleId, at(10))).toBeNull();
    // 31 minutes after the last visit (at 10): that visit becomes the baseline.
    expect(await recordArticleVisit(alice.id, articleId, at(41))).toEqual(at(10));
    expect(await recordArticleVisit(alice.id, articleId, at(45))).toEqual(at(10));
    expect(await recordArticleVisit(alice.id, articleId, at(70))).toEqual(at(10));
    expect(await getArticleVisitBaseline(alice.id, slug)).toEqual(at(10));
    // Exactly the gap is still the same visit; beyond it moves on.
    expect(await recordArticleVisit(alice.id, articleId, new Date(at(70).getTime() + VISIT_GAP_MS))).toEqual(at(10));
    expect(await recordArticleVisit(alice.id, articleId, at(200))).toEqual(new Date(at(70).getTime() + VISIT_GAP_MS));
    // Another member's visits are their own.
    expect(await getArticleVisitBaseline(bob.id, slug)).toBeNull();
    expect(await recordArticleVisit(bob.id, articleId, at(200))).toBeNull();
  });
});

describe("digest exports", () => {
  it("quote comment bodies and escape members' words in Markdown; JSON carries them as written", async () => {
    const [threadId] = (await createTestThreads(1)) as [string];
    const { slug } = await articleOf(threadId);
    const body = "Line one <script>alert(1)</script>\n\n# Not a heading of the digest\n<img src=x onerror=alert(2)>";
    await stanced(threadId, "disagrees", { score: 1, body });
    await db.user.update({ where: { id: bob.id }, data: { name: "Bob [x](javascript:alert(3)) <b>" } });
    await stanced(threadId, "agrees", { score: 5, authorId: bob.id, body: "Fine" });
    await db.correction.create({ data: { threadId, requesterId: alice.id, target: "article", claim: "## Injected\n- <i>claim</i>" } });
    const digest = (await getArticleDigest(slug, null))!;

    const markdown = digestMarkdown(digest, "https://agora.example");
    expect(markdown).toContain("> Line one &lt;script>alert(1)&lt;/script>\n>\n> # Not a heading of the digest\n> &lt;img src=x onerror=alert(2)>");
    expect(markdown).not.toMatch(/<script|<img|<b>|<i>/);
    expect(markdown).not.toMatch(/^## Injected/m);
    expect(markdown).toContain("Bob \\[x\\]\\(javascript:alert\\(3\\)\\) \\<b\\>");
    expect(markdown).toContain("- The article: \\#\\# Injected - \\<i\\>claim\\</i\\>");
    expect(markdown).toContain("Stances: Agrees 1, Disagrees 1, Adds context 0");
    expect(markdown).toContain(`## Point 1: Point 1`);

    const json = JSON.parse(JSON.stringify(digestJson(digest, "https://agora.example")));
    expect(json.points[0].top.disagrees.body).toBe(body);
    expect(json.points[0].top.agrees.author).toBe("Bob [x](javascript:alert(3)) <b>");
    expect(json.points[0].top.context).toBeNull();
    expect(json.points[0].openCorrections).toEqual({
      count: 1,
      claims: [expect.objectContaining({ target: "article", claim: "## Injected\n- <i>claim</i>" })],
    });
    expect(json.points[0].url).toBe(`https://agora.example/t/${threadId}`);
    await db.user.update({ where: { id: bob.id }, data: { name: "Bob" } });
  });

  it("markdownInline and markdownQuote", () => {
    expect(markdownInline("1. a *b*\n_c_")).toBe("1\\. a \\*b\\* \\_c\\_");
    expect(markdownInline("- item")).toBe("\\- item");
    expect(markdownQuote("a\r\nb &amp; <c>")).toBe("> a\n> b &amp;amp; &lt;c>");
  });
});
