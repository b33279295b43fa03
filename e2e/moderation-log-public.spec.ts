import type { Browser, Page, TestInfo } from "@playwright/test";
import { E2E_ADMIN } from "./accounts";
import { commentParts, expect, newContext, openAt, postComment, signInAsAdmin, signUp, test, unique } from "./helpers";
import { importTestArticle, openPoint, type TestArticle } from "./moderation-fixtures";

test.describe.configure({ timeout: 180_000 });

let article: TestArticle;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  article = await importTestArticle("modlog");
});

async function pageIn(browser: Browser, testInfo: TestInfo): Promise<Page> {
  return (await newContext(browser, testInfo)).newPage();
}

test("a signed-out reader sees the article's public moderation log: actions, reasons, points; no names, no removed words", async ({
  page,
  browser,
}, testInfo) => {
  // A member writes something a moderator then removes; another comment is hidden; the thread is locked.
  await signUp(page);
  const thread = await openPoint(page, article, 1);
  const removedBody = unique("Words that must never reach the public log");
  const removedId = await postComment(page, removedBody);
  const hiddenId = await postComment(page, unique("A comment a moderator hides"));

  const admin = await pageIn(browser, testInfo);
  await signInAsAdmin(admin);
  const removeReason = unique("Personal attack");
  const hideReason = unique("Off topic for this point");
  for (const [id, kind, reason] of [
    [removedId, "Remove", removeReason],
    [hiddenId, "Hide", hideReason],
  ] as const) {
    await openAt(admin, thread.path, id);
    const parts = commentParts(admin, id);
    await parts.button("Moderate").click();
    await parts.article
      .getByLabel(/^Reason/)
      .first()
      .fill(reason);
    await parts.button(kind).click();
    await expect(parts.article.getByRole("status").first()).toContainText(/Comment (hidden|removed)\./);
  }
  await admin.goto(thread.path);
  await admin.getByRole("button", { name: "Lock thread" }).click();
  await admin.getByLabel(/Why \(shown in the banner\)/).fill("Cooling off");
  await admin.getByRole("button", { name: "Lock", exact: true }).click();
  await expect(admin.getByText(/This thread is locked/).first()).toBeVisible();

  // Signed out: from the article page to its log.
  const reader = await pageIn(browser, testInfo);
  await reader.goto(`/a/${article.slug}`);
  await reader.getByRole("link", { name: "Moderation log" }).click();
  await reader.waitForURL(`**/a/${article.slug}/moderation`);
  await expect(reader.getByRole("heading", { level: 1, name: "Moderation log" })).toBeVisible();
  const entries = reader.getByRole("list", { name: "Moderation actions" }).getByRole("listitem");
  await expect(entries).toHaveCount(3);
  // Newest first.
  await expect(entries.nth(0)).toContainText("a moderator locked the thread on Point 1");
  await expect(entries.nth(0)).toContainText("Reason: Cooling off");
  await expect(entries.nth(1)).toContainText("a moderator hid a comment on Point 1");
  await expect(entries.nth(1)).toContainText(`Reason: ${hideReason}`);
  await expect(entries.nth(2)).toContainText("a moderator removed a comment");
  await expect(entries.nth(2)).toContainText(`Reason: ${removeReason}`);
  await expect(entries.nth(1).getByRole("link", { name: new RegExp(`Point 1: ${article.points[0]}`) })).toHaveAttribute("href", thread.path);
  const text = (await reader.getByRole("main").textContent()) ?? "";
  expect(text).not.toContain(removedBody);
  expect(text).not.toContain(E2E_ADMIN.name);
  expect(text).not.toContain("@example.test");

  // The thread page links to the same log.
  await reader.goto(thread.path);
  await expect(reader.getByRole("link", { name: "Moderation log" })).toHaveAttribute("href", `/a/${article.slug}/moderation`);

  await reader.goto(`/a/${article.slug}/moderation`);
  await reader.screenshot({ path: testInfo.outputPath("moderation-log-desktop.png"), fullPage: true });
  await reader.setViewportSize({ width: 375, height: 800 });
  await reader.screenshot({ path: testInfo.outputPath("moderation-log-375.png"), fullPage: true });
  if (process.env.SCREENSHOTS_TO_DOCS) {
    await reader.setViewportSize({ width: 900, height: 640 });
    await reader.screenshot({ path: "docs/moderation-log.png" });
  }
});

test("the log of an article that does not exist is not found", async ({ page }) => {
  await page.goto(`/a/${article.slug}-missing/moderation`);
  await expect(page.getByRole("heading", { name: /not found/i })).toBeVisible();
});
