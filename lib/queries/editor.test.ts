import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { parseArticleText } from "@/lib/article-import";
import { db } from "@/lib/db";
import { createTestComment, createTestUser } from "@/lib/testing/factories";
import { getArticleHeading, listPublicPages, listPublishedArticles } from "./articles";
import { createComment, CommentError, editComment } from "./comment-writes";
import {
  addPoint,
  createDraftArticle,
  deletePoint,
  EditorError,
  getArticleForEditing,
  listArticlesForEditors,
  mergeWithNext,
  movePoint,
  publishArticle,
  setArticleClosed,
  setPointClosed,
  splitPoint,
  updatePoint,
} from "./editor";
import { getArticleFeed } from "./feeds";

const TEXT = `# Cities should tax empty homes

## Empty homes raise rents

A home left empty is a home nobody can rent. In tight markets every empty flat pushes rents up.

## A tax changes the sums

Owners keep flats empty because it costs them little. A tax of a few percent a year changes that.

## Revenue can build more

The money raised can pay for new social housing.`;

let editorId: string;

async function draft(slug = `tax-${randomUUID().slice(0, 8)}`) {
  const seed = parseArticleText(TEXT, { slug, source: "The Test Times", refuseHtml: true });
  const created = await createDraftArticle({ editorId, seed });
  const article = (await getArticleForEditing(created.id))!;
  return { ...created, article, points: article.threads };
}

const logRows = (targetId?: string) => db.moderationLog.findMany({ where: targetId ? { targetId } : {}, orderBy: { createdAt: "asc" } });

beforeEach(async () => {
  editorId = (await createTestUser("Edna Editor", { role: "editor" })).id;
});

describe("a draft", () => {
  it("is created from a text with one point per ## heading, the text kept, and logged without the article (not public yet)", async () => {
    const { id, article, points } = await draft();
    expect(article.draft).toBe(true);
    expect(points.map((point) => point.title)).toEqual(["Empty homes raise rents", "A tax changes the sums", "Revenue can build more"]);
    expect(article.body).toContain("A home left empty");
    const [row] = await logRows(id);
    expect(row).toMatchObject({ action: "create_article", moderatorId: editorId, articleId: null });
  });

  it("is seen by nobody but editors: not on the home page, the sitemap, the feeds or the public log", async () => {
    const { id, slug } = await draft();
    expect((await listPublishedArticles()).map((article) => article.id)).not.toContain(id);
    expect((await listPublicPages()).map((article) => article.slug)).not.toContain(slug);
    expect(await getArticleFeed(slug)).toBeNull();
    expect(await getArticleHeading(slug)).toBeNull();
    expect((await listArticlesForEditors()).map((article) => article.id)).toContain(id);
  });

  it("takes no comments", async () => {
    const { points } = await draft();
    const author = await createTestUser("Reader");
    await expect(createComment({ threadId: points[0]!.id, author, body: "Early!" })).rejects.toThrow("This thread does not exist.");
    expect(await db.comment.count({ where: { threadId: points[0]!.id } })).toBe(0);
  });

  it("refuses a slug another article has, storing nothing", async () => {
    const { slug } = await draft();
    const before = await db.article.count();
    await expect(draft(slug)).rejects.toThrow(`Another article already has the address /a/${slug}`);
    expect(await db.article.count()).toBe(before);
  });
});

describe("editing points", () => {
  it("saves a point whose excerpt is the article's own words, even cut short with …", async () => {
    const { id, points } = await draft();
    const point = points[1]!;
    await updatePoint({
      editorId,
      articleId: id,
      threadId: point.id,
      title: "Taxes change owners' sums",
      summary: "A small tax makes emptiness cost.",
      excerpt: "A tax of a few percent…",
    });
    expect(await db.thread.findUniqueOrThrow({ where: { id: point.id } })).toMatchObject({
      title: "Taxes change owners' sums",
      excerpt: "A tax of a few percent…",
    });
    expect((await logRows(point.id)).map((row) => row.action)).toEqual(["edit_point"]);
  });

  it("refuses an excerpt that is not the article's words, with a clear message, and changes nothing", async () => {
    const { id, points } = await draft();
    const point = points[0]!;
    await expect(
      updatePoint({ editorId, articleId: id, threadId: point.id, title: "T", summary: "S", excerpt: "Empty homes are always a scandal." }),
    ).rejects.toThrow("The excerpt is not the article's own words");
    expect(await db.thread.findUniqueOrThrow({ where: { id: point.id } })).toMatchObject({ title: point.title, excerpt: point.excerpt });
    expect(await logRows(point.id)).toEqual([]);
  });

  it("refuses a point of another article (the id is checked against the article)", async () => {
    const first = await draft();
    const second = await draft();
    await expect(
      updatePoint({ editorId, articleId: first.id, threadId: second.points[0]!.id, title: "T", summary: "S", excerpt: "A home left empty" }),
    ).rejects.toThrow("That point does not exist.");
  });

  it("moves, merges and splits points, keeping positions 1..n", async () => {
    const { id, points } = await draft();
    const [a, b, c] = points as [(typeof points)[0], (typeof points)[0], (typeof points)[0]];
    await movePoint({ editorId, articleId: id, threadId: c.id, direction: "up" });
    const order = async () => (await getArticleForEditing(id))!.threads.map((point) => [point.position, point.id]);
    expect(await order()).toEqual([
      [1, a.id],
      [2, c.id],
      [3, b.id],
    ]);
    await expect(movePoint({ editorId, articleId: id, threadId: a.id, direction: "up" })).rejects.toThrow("already the first");

    await mergeWithNext({ editorId, articleId: id, threadId: a.id });
    expect(await order()).toEqual([
      [1, a.id],
      [2, b.id],
    ]);
    const merged = await db.thread.findUniqueOrThrow({ where: { id: a.id } });
    expect(merged.excerpt).toContain("The money raised");

    await splitPoint({ editorId, articleId: id, threadId: a.id, at: "The money raised", newTitle: "Revenue builds homes" });
    const after = (await getArticleForEditing(id))!.threads;
    expect(after.map((point) => point.title)).toEqual(["Empty homes raise rents", "Revenue builds homes", "A tax changes the sums"]);
    expect(after[1]!.excerpt.startsWith("The money raised")).toBe(true);
    expect(after[0]!.excerpt).not.toContain("The money raised");
    await expect(splitPoint({ editorId, articleId: id, threadId: a.id, at: "words not there", newTitle: "X" })).rejects.toThrow("Give words from the middle");
  });

  it("adds a point, checked like the others", async () => {
    const { id } = await draft();
    await expect(addPoint({ editorId, articleId: id, title: "New", summary: "S", excerpt: "Invented words" })).rejects.toThrow("not the article's own words");
    await addPoint({ editorId, articleId: id, title: "New", summary: "S", excerpt: "every empty flat pushes rents up" });
    expect((await getArticleForEditing(id))!.threads.at(-1)).toMatchObject({ position: 4, title: "New" });
  });
});

describe("a published article", () => {
  it("is on the home page with its points, comments, last activity and stance tally, and in the sitemap", async () => {
    const { id, slug, points } = await draft();
    await publishArticle({ editorId, articleId: id });
    const author = await createTestUser("Reader");
    await createComment({ threadId: points[0]!.id, author, body: "Yes.", stance: "agrees" });
    await createComment({ threadId: points[1]!.id, author, body: "No.", stance: "disagrees" });
    const listed = (await listPublishedArticles()).find((article) => article.id === id)!;
    expect(listed).toMatchObject({ points: 3, comments: 2, tally: { agrees: 1, disagrees: 1, context: 0 } });
    expect((await listPublicPages()).find((article) => article.slug === slug)?.threads).toHaveLength(3);
    // From now on its log rows carry the article: they appear on its public log.
    expect((await logRows(id)).find((row) => row.action === "publish_article")).toMatchObject({ articleId: id });
    await expect(publishArticle({ editorId, articleId: id })).rejects.toThrow("already published");
  });

  it("lists the newest published first", async () => {
    const older = await draft();
    const newer = await draft();
    await publishArticle({ editorId, articleId: older.id });
    await publishArticle({ editorId, articleId: newer.id });
    const ids = (await listPublishedArticles()).map((article) => article.id);
    expect(ids.indexOf(newer.id)).toBeLessThan(ids.indexOf(older.id));
  });

  it("keeps a point with comments: it can be closed, not deleted (nor merged or split)", async () => {
    const { id, points } = await draft();
    await publishArticle({ editorId, articleId: id });
    const author = await createTestUser("Reader");
    // A comment awaiting review is not counted, and still keeps the point.
    await createTestComment({ threadId: points[0]!.id, authorId: author.id, status: "pending" });
    await expect(deletePoint({ editorId, articleId: id, threadId: points[0]!.id })).rejects.toThrow("cannot be deleted, only closed");
    await expect(mergeWithNext({ editorId, articleId: id, threadId: points[0]!.id })).rejects.toThrow(EditorError);
    await setPointClosed({ editorId, articleId: id, threadId: points[0]!.id, closed: true });
    expect(await db.thread.findUniqueOrThrow({ where: { id: points[0]!.id } })).toMatchObject({ locked: true });
    await deletePoint({ editorId, articleId: id, threadId: points[2]!.id });
    expect((await getArticleForEditing(id))!.threads).toHaveLength(2);
    expect((await logRows()).filter((row) => row.articleId === id).map((row) => row.action)).toEqual(["publish_article", "close_point", "delete_point"]);
  });

  it("closed, refuses new comments and edits; reopened, takes them again", async () => {
    const { id, points } = await draft();
    await publishArticle({ editorId, articleId: id });
    const author = await createTestUser("Reader");
    const comment = await createComment({ threadId: points[0]!.id, author, body: "Before closing." });
    await setArticleClosed({ editorId, articleId: id, closed: true, reason: "Archived" });
    const closed = "This article is closed: it is a read-only archive";
    await expect(createComment({ threadId: points[1]!.id, author, body: "After." })).rejects.toThrow(closed);
    await expect(editComment({ commentId: comment.id, author, body: "Changed." })).rejects.toThrow(CommentError);
    expect(await db.comment.count({ where: { thread: { articleId: id } } })).toBe(1);
    await expect(setArticleClosed({ editorId, articleId: id, closed: true })).rejects.toThrow("already closed");

    await setArticleClosed({ editorId, articleId: id, closed: false });
    await createComment({ threadId: points[1]!.id, author, body: "Open again." });
    const actions = (await logRows(id)).map((row) => [row.action, row.articleId, row.reason]);
    expect(actions).toEqual([
      ["create_article", null, null],
      ["publish_article", id, null],
      ["close_article", id, "Archived"],
      ["reopen_article", id, null],
    ]);
  });

  it("a draft cannot be closed", async () => {
    const { id } = await draft();
    await expect(setArticleClosed({ editorId, articleId: id, closed: true })).rejects.toThrow("publish it first");
  });
});
