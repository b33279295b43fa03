import { mkdirSync } from "node:fs";
import type { Page } from "@playwright/test";
import { comment, commentParts, expect, newContext, openAt, openThread, postComment, signInAsAdmin, signUp, test } from "./helpers";

const SCREENSHOTS = "test-results/screenshots";

/** A word no other test or seed contains (letters only, so every tokenizer keeps it whole). */
function uniqueWord(stem: string): string {
  const letters = Date.now()
    .toString(36)
    .replace(/\d/g, (digit) => "abcdefghij"[Number(digit)]!);
  return `${stem}${letters}${Math.random()
    .toString(36)
    .replace(/[^a-z]/g, "")
    .slice(0, 4)}`;
}

function headerSearch(page: Page) {
  return page.getByRole("banner").getByRole("searchbox", { name: "Search threads and comments" });
}

test("a comment is found from the header's search box, its words marked, and the result leads to it", async ({ page }) => {
  await signUp(page);
  const thread = await openThread(page, 1);
  const word = uniqueWord("pangolin");
  const id = await postComment(page, `The <script>alert("boo")</script> ${word} campaign is **mostly** PR, and PR < truth & shops are real.`);

  await headerSearch(page).fill(word);
  await headerSearch(page).press("Enter");
  await page.waitForURL((url) => url.pathname === "/search" && url.searchParams.get("q") === word);
  await expect(page.getByRole("heading", { level: 1, name: "Search" })).toBeVisible();
  const comments = page.getByRole("region", { name: "Comments" }).getByRole("listitem");
  await expect(comments).toHaveCount(1);
  await expect(comments.locator("mark")).toHaveText(word);
  // What the comment says is text on the results page, never elements (PostgreSQL's headline drops tags).
  await expect(comments).toContainText("PR < truth & shops are real");
  expect(await page.locator("#content script").count()).toBe(0);
  await expect(comments.getByRole("link", { name: thread.title })).toBeVisible();

  await comments.getByRole("link", { name: new RegExp(word) }).click();
  await page.waitForURL((url) => url.pathname === thread.path && url.hash === `#c-${id}`);
  await expect(comment(page, id)).toBeVisible();
});

test("a thread is found by its title, and odd or empty queries answer a page instead of an error", async ({ page }) => {
  test.setTimeout(90_000);
  const thread = await openThread(page, 2);
  const titleWord = thread.title.split(/\s+/).find((w) => /^[A-Za-z]{5,}$/.test(w)) ?? thread.title;
  await page.goto(`/search?q=${encodeURIComponent(titleWord)}`);
  const threads = page.getByRole("region", { name: "Threads" });
  await expect(threads.getByRole("link", { name: thread.title })).toBeVisible();
  await expect(threads.locator("mark").first()).toHaveText(new RegExp(titleWord, "i"));

  for (const query of ['"', '"unbalanced', "NEAR(a b", "*", "-", "a OR", "^:", '\'; DROP TABLE "Comment"; --', "{x}"]) {
    const response = await page.goto(`/search?q=${encodeURIComponent(query)}`);
    expect(response?.status(), query).toBe(200);
    await expect(page.getByRole("heading", { level: 1, name: "Search" })).toBeVisible();
    await expect(page.getByRole("searchbox", { name: "Search threads and comments" }).last()).toHaveValue(query);
  }
  await page.goto(`/search?q=${"a".repeat(201)}`);
  await expect(page.locator("main").getByRole("alert")).toHaveText(/Searches are at most 200 characters \(this one has 201\)/);
  await page.goto("/search");
  await expect(page.getByText(/Search the threads and their comments/)).toBeVisible();
});

test("a comment a moderator hides is no longer found, by anyone; restored, it is found again", async ({ page, browser }, testInfo) => {
  test.setTimeout(90_000);
  await signUp(page);
  const thread = await openThread(page, 3);
  const word = uniqueWord("axolotl");
  const id = await postComment(page, `Staged, all of it: ${word}.`);

  const moderator = await (await newContext(browser, testInfo)).newPage();
  await signInAsAdmin(moderator);
  await openAt(moderator, thread.path, id);
  const parts = commentParts(moderator, id);
  await parts.button("Moderate").click();
  await parts.article
    .getByLabel(/^Reason/)
    .first()
    .fill("Unfounded");
  await parts.button("Hide").click();
  await expect(parts.article.getByRole("status").first()).toContainText("Comment hidden.");

  for (const viewer of [page, moderator]) {
    await viewer.goto(`/search?q=${word}`);
    await expect(viewer.getByRole("status")).toHaveText(`Nothing matches “${word}”.`);
  }

  await openAt(moderator, thread.path, id);
  await parts.button("Moderate").click();
  await parts.button("Restore").click();
  await expect(parts.article.getByRole("status").first()).toContainText("Comment restored.");
  await page.goto(`/search?q=${word}`);
  await expect(page.getByRole("region", { name: "Comments" }).locator("mark")).toHaveText(word);
});

test("screenshots of search results, on desktop and mobile", async ({ page }) => {
  test.setTimeout(90_000);
  mkdirSync(SCREENSHOTS, { recursive: true });
  await signUp(page, { name: "Ada King" });
  const word = "regulators";
  await openThread(page, 1);
  await postComment(page, "The regulators decided late, and the campaign timing looks like a response to the ban talk rather than a plan.");
  await openThread(page, 4);
  await postComment(page, "What the regulators want is access to the data flows, which no PR campaign changes. *Sparks Good* is beside the point.");
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`/search?q=${word}`);
  await expect(page.locator("mark").first()).toBeVisible();
  await page.screenshot({ path: `${SCREENSHOTS}/search.png`, fullPage: true });
  await page.setViewportSize({ width: 375, height: 812 });
  await page.reload();
  await page.screenshot({ path: `${SCREENSHOTS}/search-mobile.png`, fullPage: true });
  await page.emulateMedia({ colorScheme: "dark" });
  await page.screenshot({ path: `${SCREENSHOTS}/search-mobile-dark.png`, fullPage: true });
});
