import { beforeEach, describe, expect, it } from "vitest";
import { cookBody } from "@/lib/cooked-body";
import { db } from "@/lib/db";
import { renderMarkdown, RENDERER_VERSION } from "@/lib/markdown";
import { extractSources } from "@/lib/sources";
import { createTestComment, createTestThreads, createTestUser } from "@/lib/testing/factories";
import { createComment, deleteComment, editComment } from "./comment-writes";
import { getThreadPage, getThreadWithComments } from "./thread-page";
import { getUserComments } from "./user-comments";
import { backfillCookedComments } from "./cooked-comments";

let threadId: string;
let alice: Awaited<ReturnType<typeof createTestUser>>;

beforeEach(async () => {
  [threadId] = (await createTestThreads(1)) as [string];
  alice = await createTestUser("Alice");
});

const BODY = "A *claim*, [the study](https://example.org/study) and https://example.com/data <script>alert(1)</script>";
const stored = (id: string) =>
  db.comment.findUniqueOrThrow({ where: { id }, select: { body: true, bodyHtml: true, bodyHtmlVersion: true, bodySources: true } });

/** A row as an older renderer left it: what a RENDERER_VERSION bump makes of every stored comment. */
async function makeStale(id: string) {
  await db.comment.update({ where: { id }, data: { bodyHtml: "<p>stale</p>", bodyHtmlVersion: RENDERER_VERSION - 1, bodySources: "[]" } });
}

describe("a comment's stored rendering", () => {
  it("is written when a comment is posted: the HTML and sources of a fresh render, with the renderer's version", async () => {
    const { id } = await createComment({ threadId, author: alice, body: BODY });
    const row = await stored(id);
    expect(row.bodyHtml).toBe(renderMarkdown(BODY));
    expect(row.bodyHtml).not.toContain("<script");
    expect(row.bodyHtmlVersion).toBe(RENDERER_VERSION);
    expect(JSON.parse(row.bodySources)).toEqual(extractSources(BODY));
    expect(JSON.parse(row.bodySources)).toHaveLength(2);
  });

  it("is written again when the comment is edited", async () => {
    const { id } = await createComment({ threadId, author: alice, body: "Before, no links" });
    await editComment({ commentId: id, author: alice, body: BODY });
    const row = await stored(id);
    expect(row.bodyHtml).toBe(renderMarkdown(BODY));
    expect(JSON.parse(row.bodySources)).toEqual(extractSources(BODY));
  });

  it("is wiped with the words when the author deletes the comment", async () => {
    const { id } = await createComment({ threadId, author: alice, body: BODY });
    await deleteComment({ commentId: id, authorId: alice.id });
    expect(await stored(id)).toEqual({ body: "", bodyHtml: "", bodyHtmlVersion: RENDERER_VERSION, bodySources: "[]" });
  });

  it("is what pages read: the thread page's comments carry the stored HTML and sources", async () => {
    const { id } = await createComment({ threadId, author: alice, body: BODY });
    const page = await getThreadPage(threadId, null);
    const comment = page!.comments.find((c) => c.id === id)!;
    expect(comment.bodyHtml).toBe(renderMarkdown(BODY));
    expect(comment.sources).toEqual(extractSources(BODY));
    expect(comment).not.toHaveProperty("bodyHtmlVersion");
  });

  it("is rendered again on read when an older renderer made it, on every reader", async () => {
    const { id } = await createComment({ threadId, author: alice, body: BODY });
    await makeStale(id);
    const page = await getThreadPage(threadId, null);
    expect(page!.comments.find((c) => c.id === id)!.bodyHtml).toBe(renderMarkdown(BODY));
    expect(page!.comments.find((c) => c.id === id)!.sources).toEqual(extractSources(BODY));
    const all = await getThreadWithComments(threadId, null);
    expect(all!.comments.find((c) => c.id === id)!.bodyHtml).toBe(renderMarkdown(BODY));
    const { comments } = await getUserComments(alice.id);
    const { commentHtml } = await import("@/lib/cooked-body");
    expect(commentHtml(comments[0]!)).toBe(renderMarkdown(BODY));
  });
});

describe("backfillCookedComments", () => {
  // The file's database is shared by its tests: start each from a database with nothing stale.
  beforeEach(async () => {
    await backfillCookedComments(db);
  });

  it("renders every comment an older renderer made, in batches, and leaves current ones alone", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await createComment({ threadId, author: alice, body: `${BODY} ${i}` })).id);
    const current = (await createComment({ threadId, author: alice, body: "Current" })).id;
    for (const id of ids) await makeStale(id);
    // A row from before the columns existed: version 0, empty HTML.
    await db.comment.update({ where: { id: ids[0]! }, data: { bodyHtml: "", bodyHtmlVersion: 0 } });
    const before = await stored(current);

    expect(await backfillCookedComments(db, 2)).toEqual({ comments: 5 });
    for (const [i, id] of ids.entries()) {
      expect(await stored(id)).toEqual({ body: `${BODY} ${i}`, ...cookBody(`${BODY} ${i}`) });
    }
    expect(await stored(current)).toEqual(before);
  });

  it("is idempotent: a second run renders nothing", async () => {
    const { id } = await createTestComment({ threadId, authorId: alice.id, body: "Plain" });
    await makeStale(id);
    expect((await backfillCookedComments(db)).comments).toBe(1);
    expect(await backfillCookedComments(db)).toEqual({ comments: 0 });
  });
});
