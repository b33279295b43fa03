import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import { placeComments } from "../lib/materialized-path";
import { withSuiteDatabase } from "./database";
import { comment, commentParts, expect, newCommentBox, signUp, test, unique } from "./helpers";

// A thread of its own with 10,000 comments, written straight into the database (placed with the same
// placeComments the backfill uses) and removed afterwards, so the other specs' threads stay small:
//   45 top-level comments; the 1st has 15 direct replies; the 2nd a chain 30 replies deep; the other 9,910
//   are replies under the 3rd to 45th, one level to three deep, oldest first.
const TOP_LEVEL = 45;
/** lib/queries/thread-page.ts's COMMENTS_PER_PAGE and REPLIES_PER_COMMENT (not imported: that module opens the database). */
const PER_PAGE = 10;
const REPLIES = 5;
const TOTAL = 10_000;
const run = randomBytes(4).toString("hex");
const id = (i: number) => `pg${run}c${i}`;
const threadId = `pg${run}thread`;
const articleId = `pg${run}article`;
const userId = `pg${run}user`;

type Row = { id: string; parentId: string | null; body: string };

function threadRows(): Row[] {
  const rows: Row[] = [];
  const add = (parent: number | null, body: string) => rows.push({ id: id(rows.length), parentId: parent === null ? null : id(parent), body });
  for (let i = 0; i < TOP_LEVEL; i++) add(null, `Top-level comment ${i + 1}`);
  for (let i = 0; i < 15; i++) add(0, `Reply ${i + 1} to the first comment`);
  for (let level = 2; level <= 31; level++) add(level === 2 ? 1 : rows.length - 1, `Chain level ${level}`);
  const lastInGroup = new Map<number, number>();
  while (rows.length < TOTAL) {
    const i = rows.length;
    const root = 2 + (i % (TOP_LEVEL - 2));
    // Every third reply of a group answers its top-level comment, the others the group's previous reply.
    add(i % 3 === 0 || !lastInGroup.has(root) ? root : lastInGroup.get(root)!, `Comment number ${i + 1}`);
    lastInGroup.set(root, i);
  }
  return rows;
}

const rows = threadRows();
/** The 9,000th comment: late in its top-level comment's replies, on no thread page but its own. */
const late = rows[8_999]!;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const { places } = placeComments(rows.map((row) => ({ ...row, threadId, status: "visible" })));
  const now = new Date();
  await withSuiteDatabase(async (sql) => {
    await sql(`INSERT INTO "User" ("id", "name", "email", "updatedAt") VALUES ($1, $2, $3, $4)`, [userId, "Pagination Writer", `${userId}@example.test`, now]);
    await sql(`INSERT INTO "Article" ("id", "slug", "title", "source", "summary", "createdAt", "updatedAt") VALUES ($1, $2, $3, $4, $5, $6, $6)`, [
      articleId,
      `pagination-${run}`,
      "A long discussion",
      "E2E",
      "Made by e2e/pagination.spec.ts.",
      now,
    ]);
    await sql(
      `INSERT INTO "Thread" ("id", "articleId", "position", "title", "summary", "excerpt", "commentCount", "commentSeq", "lastActivityAt", "createdAt")
       VALUES ($1, $2, 1, $3, $4, $5, $6, $6, $7, $7)`,
      [threadId, articleId, "A thread of ten thousand comments", "Everyone had something to say.", "A quoted sentence.", TOTAL, now],
    );
    const start = Date.UTC(2026, 0, 1);
    for (let i = 0; i < rows.length; i += 500) {
      const batch = rows.slice(i, i + 500);
      const values = batch.flatMap((row, j) => {
        const place = places.get(row.id)!;
        return [row.id, threadId, userId, row.parentId, row.body, new Date(start + (i + j) * 1000), place.path, place.depth, place.replyCount];
      });
      const tuples = batch.map((_, j) => `(${Array.from({ length: 9 }, (_, k) => `$${j * 9 + k + 1}`).join(", ")})`);
      await sql(
        `INSERT INTO "Comment" ("id", "threadId", "authorId", "parentId", "body", "createdAt", "path", "depth", "replyCount") VALUES ${tuples.join(", ")}`,
        values,
      );
    }
  });
});

test.afterAll(async () => {
  await withSuiteDatabase(async (sql) => {
    // Replies first: a comment with replies cannot be deleted.
    for (let depth = 31; depth >= 0; depth--) await sql(`DELETE FROM "Comment" WHERE "threadId" = $1 AND "depth" = $2`, [threadId, depth]);
    await sql(`DELETE FROM "Thread" WHERE "id" = $1`, [threadId]);
    await sql(`DELETE FROM "Article" WHERE "id" = $1`, [articleId]);
    await sql(`DELETE FROM "User" WHERE "id" = $1`, [userId]);
  });
});

const threadPath = `/t/${threadId}`;
const topLevel = (page: import("@playwright/test").Page) => page.locator("ol.comment-list.root > li > article");
const body = (page: import("@playwright/test").Page, row: Row) => commentParts(page, row.id).body;

test.describe("a 10,000-comment thread", () => {
  test(`shows ${PER_PAGE} top-level comments a page, oldest first, with 'More comments' links by cursor to the rest`, async ({ page }) => {
    await page.goto(threadPath);
    await expect(page.getByRole("heading", { level: 2, name: "10,000 comments" })).toBeVisible();
    await expect(topLevel(page)).toHaveCount(PER_PAGE);
    await expect(body(page, rows[0]!)).toHaveText("Top-level comment 1");
    await expect(body(page, rows[PER_PAGE - 1]!)).toHaveText(`Top-level comment ${PER_PAGE}`);
    await expect(page.getByRole("link", { name: "↑ Back to the first comments" })).toHaveCount(0);

    for (let first = PER_PAGE; first < TOP_LEVEL; first += PER_PAGE) {
      await page.getByRole("link", { name: "More comments →" }).click();
      await expect(page).toHaveURL(new RegExp(`${threadPath}\\?after=[0-9a-z]{5}$`));
      await expect(topLevel(page)).toHaveCount(Math.min(PER_PAGE, TOP_LEVEL - first));
      await expect(body(page, rows[first]!)).toHaveText(`Top-level comment ${first + 1}`);
      await expect(page.getByRole("link", { name: "↑ Back to the first comments" })).toHaveAttribute("href", threadPath);
    }
    await expect(body(page, rows[TOP_LEVEL - 1]!)).toHaveText(`Top-level comment ${TOP_LEVEL}`);
    await expect(page.getByRole("link", { name: "More comments →" })).toHaveCount(0);
  });

  test(`shows a comment's first ${REPLIES} replies; 'N more replies' opens its page with the rest`, async ({ page }) => {
    await page.goto(threadPath);
    const first = comment(page, rows[0]!.id);
    await expect(first.locator("article")).toHaveCount(REPLIES);
    const more = commentParts(page, rows[0]!.id).article.getByRole("link", { name: `${15 - REPLIES} more replies →` });
    await more.click();

    await expect(page).toHaveURL(new RegExp(`/t/${threadId}/c/${rows[0]!.id}\\?after=[0-9a-z]{5}$`));
    await expect(body(page, rows[0]!)).toHaveText("Top-level comment 1");
    await expect(comment(page, rows[0]!.id).locator("article")).toHaveCount(Math.min(PER_PAGE, 15 - REPLIES));
    await expect(body(page, rows[TOP_LEVEL + REPLIES]!)).toHaveText(`Reply ${REPLIES + 1} to the first comment`);
    await expect(body(page, rows[TOP_LEVEL + 14]!)).toHaveText("Reply 15 to the first comment");
    await expect(page.getByRole("link", { name: "↑ Back to the first replies" })).toBeVisible();
  });

  test("reads a 30-deep chain through 'Continue this thread', six levels a page", async ({ page }) => {
    await page.goto(threadPath);
    const pagesSeen = [];
    for (let level = 7; level <= 31; level += 5) {
      const link = page.getByRole("link", { name: /^Continue this thread \(\d+ more repl(y|ies)\) →$/ });
      await expect(link).toHaveCount(1);
      await expect(link).toHaveText(`Continue this thread (${31 - level + 1} more ${31 - level + 1 === 1 ? "reply" : "replies"}) →`);
      await link.click();
      await expect(page.getByText(`Chain level ${level}`, { exact: true })).toBeVisible();
      pagesSeen.push(level);
    }
    await expect(page.getByText("Chain level 31", { exact: true })).toBeVisible();
    await expect(page.getByRole("link", { name: /^Continue this thread/ })).toHaveCount(0);
    expect(pagesSeen).toHaveLength(5);
  });

  test("a permalink to the 9,000th comment opens a page with it, and leads back to the page of its discussion", async ({ page }) => {
    await page.goto(`/t/${threadId}/c/${late.id}`);
    await expect(body(page, late)).toHaveText("Comment number 9000");
    await expect(comment(page, late.id)).toHaveClass(/\bfocused\b/);

    let top = late;
    while (top.parentId) top = rows.find((row) => row.id === top.parentId)!;
    await page.getByRole("link", { name: "← Back to the full discussion" }).click();
    await expect(page).toHaveURL(new RegExp(`${threadPath}\\?at=${top.id}#c-${top.id}$`));
    await expect(topLevel(page).first()).toHaveAttribute("id", `c-${top.id}`);

    // The thread page `at` the late comment shows the chain down to it, though it is far past the first replies.
    await page.goto(`${threadPath}?at=${late.id}#c-${late.id}`);
    await expect(body(page, late)).toHaveText("Comment number 9000");
    await expect(comment(page, late.id)).toBeInViewport();
    await expect(
      comment(page, top.id)
        .getByRole("link", { name: /^\d+ more replies →$/ })
        .first(),
    ).toBeVisible();
  });
});

test("screenshots for a human to look at: a big thread's first page, a deep chain's page, a late comment", async ({ page }) => {
  test.setTimeout(120_000);
  const dir = process.env.SCREENSHOT_DIR ?? "test-results/screenshots";
  mkdirSync(dir, { recursive: true });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(threadPath);
  await page.screenshot({ path: `${dir}/pagination-thread-top.png` });
  await comment(page, rows[0]!.id).screenshot({ path: `${dir}/pagination-comment-with-more-replies.png` });
  await page.getByRole("link", { name: "More comments →" }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${dir}/pagination-thread-bottom.png` });
  await page.goto(`/t/${threadId}/c/${rows[TOP_LEVEL + 15 + 9]!.id}`);
  await expect(page.getByText("Chain level 11", { exact: true })).toBeVisible();
  await page.screenshot({ path: `${dir}/pagination-deep-chain-page.png`, fullPage: true });
  await page.goto(`${threadPath}?at=${late.id}#c-${late.id}`);
  await page.screenshot({ path: `${dir}/pagination-late-comment.png` });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`/t/${threadId}/c/${rows[TOP_LEVEL + 15 + 9]!.id}`);
  await page.screenshot({ path: `${dir}/pagination-deep-chain-page-mobile.png`, fullPage: true });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the thread pages read, page by page, and the comment form posts", async ({ page }) => {
    await page.goto(threadPath);
    await expect(topLevel(page)).toHaveCount(PER_PAGE);
    await page.getByRole("link", { name: "More comments →" }).click();
    await expect(body(page, rows[PER_PAGE]!)).toHaveText(`Top-level comment ${PER_PAGE + 1}`);
    await page.goto(threadPath);
    await page.getByRole("link", { name: /^Continue this thread/ }).click();
    await expect(page.getByText("Chain level 7", { exact: true })).toBeVisible();

    await signUp(page, { callbackUrl: threadPath });
    const text = unique("Posted without JavaScript");
    await newCommentBox(page).fill(text);
    await page.getByRole("button", { name: "Post comment" }).click();
    await page.waitForURL(new RegExp(`${threadPath}\\?at=[a-z0-9]+#c-[a-z0-9]+$`));
    const posted = new URL(page.url()).hash.slice("#c-".length);
    await expect(commentParts(page, posted).body).toHaveText(text);
    // The newest top-level comment: the page starts there, the 46th of the thread.
    await expect(topLevel(page).first()).toHaveAttribute("id", `c-${posted}`);
    await expect(page.getByRole("heading", { level: 2, name: "10,001 comments" })).toBeVisible();
  });
});
