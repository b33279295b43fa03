import { expect, type Browser, type Page, type TestInfo } from "@playwright/test";
import { comment, commentParts, newCommentBox, openAt, openThread, postComment, signInAsAdmin, signUp, test, unique, type ThreadRef } from "./helpers";

async function newPage(browser: Browser, testInfo: TestInfo, extraHTTPHeaders: Record<string, string>): Promise<Page> {
  const context = await browser.newContext({ baseURL: testInfo.project.use.baseURL, extraHTTPHeaders });
  return context.newPage();
}

async function moderate(page: Page, commentId: string, kind: "Hide" | "Remove" | "Restore", reason?: string): Promise<void> {
  const parts = commentParts(page, commentId);
  await parts.button("Moderate").click();
  if (reason)
    await parts.article
      .getByLabel(/^Reason/)
      .first()
      .fill(reason);
  await parts.button(kind).click();
  await expect(parts.article.getByRole("status").first()).toContainText(/Comment (hidden|removed|restored)\./);
}

test("a report travels to the queue; a hidden comment shows its notice to members until restored", async ({ page, browser, extraHTTPHeaders }, testInfo) => {
  // Three people (author, reporter, moderator) and a dozen pages: longer than the default 30 s on a busy machine.
  test.setTimeout(90_000);
  const author = page;
  await signUp(author);
  const thread: ThreadRef = await openThread(author, 2);
  const body = `Everyone knows the stories are staged ${Date.now()}`;
  const commentId = await postComment(author, body);

  const reporter = await newPage(browser, testInfo, extraHTTPHeaders ?? {});
  await signUp(reporter);
  await openAt(reporter, thread.path, commentId);
  const reported = commentParts(reporter, commentId);
  await reported.button("Report").click();
  await reporter.getByLabel("Misinformation").check();
  await reporter.getByLabel(/Note for the moderators/).fill("No evidence offered");
  await reporter.getByRole("button", { name: "Send report" }).click();
  await expect(reporter.getByText("Thanks. A moderator will review your report.")).toBeVisible();

  const moderator = await newPage(browser, testInfo, extraHTTPHeaders ?? {});
  await signInAsAdmin(moderator);
  await moderator.goto("/mod");
  const item = moderator.getByRole("article", { name: "Reported comment" }).filter({ hasText: body });
  await expect(item).toContainText("Misinformation × 1");
  await expect(item).toContainText("No evidence offered");
  await item.getByLabel(/^Reason/).fill("Unsupported claim");
  await item.getByRole("button", { name: "Hide" }).click();
  // Hiding resolves every report on the comment, so it leaves the queue.
  await expect(moderator.getByRole("article", { name: "Reported comment" }).filter({ hasText: body })).toHaveCount(0);

  await reporter.reload();
  await expect(comment(reporter, commentId)).toContainText("Hidden by a moderator: Unsupported claim");
  await expect(comment(reporter, commentId)).not.toContainText(body);

  await openAt(moderator, thread.path, commentId);
  await expect(comment(moderator, commentId)).toContainText(body);
  await moderate(moderator, commentId, "Restore");
  await reporter.reload();
  await expect(comment(reporter, commentId)).toContainText(body);
  await expect(comment(reporter, commentId)).not.toContainText("Hidden by a moderator");

  await moderator.goto("/mod/log");
  const rows = moderator.getByRole("row");
  await expect(rows.filter({ hasText: "hide comment" }).filter({ hasText: "Unsupported claim" })).toHaveCount(1);
  await expect(rows.filter({ hasText: "restore comment" }).first()).toBeVisible();
});

test("a locked thread loses its comment box and refuses a post sent anyway", async ({ page, browser, extraHTTPHeaders }, testInfo) => {
  await signUp(page);
  const thread = await openThread(page, 5);
  // Its own reason, to find its own row in the log (other specs lock threads too).
  const reason = unique("Cooling off");
  // The member's form is on screen before the lock: submitting it afterwards must still be refused.
  await newCommentBox(page).fill("Sent after the lock");

  const moderator = await newPage(browser, testInfo, extraHTTPHeaders ?? {});
  await signInAsAdmin(moderator);
  await moderator.goto(thread.path);
  await moderator.getByRole("button", { name: "Lock thread" }).click();
  await moderator.getByLabel(/Why/).fill(reason);
  await moderator.getByRole("button", { name: "Lock", exact: true }).click();
  await expect(moderator.getByText(`This thread is locked: no new comments or edits. Reason: ${reason}`)).toBeVisible();

  try {
    await page.getByRole("button", { name: "Post comment" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toHaveText("This thread is locked: no new comments or edits.");
    await page.reload();
    await expect(page.getByText(`This thread is locked: no new comments or edits. Reason: ${reason}`)).toBeVisible();
    await expect(newCommentBox(page)).toHaveCount(0);
    await expect(page.getByText("Sent after the lock")).toHaveCount(0);
  } finally {
    await moderator.reload();
    await moderator.getByRole("button", { name: "Unlock thread" }).click();
    await expect(moderator.getByText(/This thread is locked/)).toHaveCount(0);
  }
  await moderator.goto("/mod/log?action=lock_thread");
  await expect(moderator.getByRole("row").filter({ hasText: reason })).toHaveCount(1);
});

test("a suspended member can read but not comment, and sees why", async ({ page, browser, extraHTTPHeaders }, testInfo) => {
  await signUp(page);
  const thread = await openThread(page, 3);
  const commentId = await postComment(page, `Before the suspension ${Date.now()}`);

  const moderator = await newPage(browser, testInfo, extraHTTPHeaders ?? {});
  await signInAsAdmin(moderator);
  await openAt(moderator, thread.path, commentId);
  const parts = commentParts(moderator, commentId);
  await parts.button("Suspend author").click();
  await parts.article.getByLabel(/^For/).selectOption("7d");
  await parts.article.getByLabel(/Reason \(shown to the member\)/).fill("Repeated personal attacks");
  await parts.button("Suspend").click();
  await expect(parts.article.getByRole("status")).toHaveText("Member suspended.");

  await page.reload();
  await expect(page.getByText(/Your account is suspended until .*Reason: Repeated personal attacks/)).toBeVisible();
  await expect(newCommentBox(page)).toHaveCount(0);
  await expect(commentParts(page, commentId).button("Edit")).toHaveCount(0);
  await expect(comment(page, commentId)).toBeVisible();

  await moderator.goto("/mod/log?action=suspend_user");
  await expect(moderator.getByRole("row").filter({ hasText: "Repeated personal attacks" })).toHaveCount(1);
});

test("members see no moderation controls and cannot open the queue", async ({ page }) => {
  await signUp(page);
  await openThread(page, 1);
  await expect(page.getByRole("button", { name: "Moderate" })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Lock thread" })).toHaveCount(0);
  const response = await page.goto("/mod");
  expect(response?.status()).toBe(404);
  expect((await page.goto("/admin"))?.status()).toBe(404);
});
