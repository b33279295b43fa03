import type { Page } from "@playwright/test";
import { comment, expect, newContext, newCommentBox, openAt, openThread, signInAsAdmin, signUp, submitAndGetCommentId, test, unique } from "./helpers";

// Everything a member and a moderator do on a thread, with JavaScript off: every control is a link to its own page
// or a plain form, and each comes back to the discussion with the change made.

test.use({ javaScriptEnabled: false });
test.describe.configure({ timeout: 120_000 });

/** A control under one comment (not under its replies), as a link: without JavaScript nothing turns it into a button. */
function control(page: Page, commentId: string, name: string) {
  return comment(page, commentId)
    .getByRole("link", { name, exact: true })
    .and(page.locator(`xpath=//*[ancestor::article[1][@id="c-${commentId}"]]`));
}

/** Opens a comment's page afresh: going to the URL a page is already at, hash and all, would not load it again. */
async function reopen(page: Page, threadPath: string, commentId: string): Promise<void> {
  await page.goto("about:blank");
  await openAt(page, threadPath, commentId);
}

async function postTopLevel(page: Page, body: string): Promise<string> {
  await newCommentBox(page).fill(body);
  return submitAndGetCommentId(page, () => page.getByRole("button", { name: "Post comment" }).click());
}

test("a member replies, edits (the form holds the text), and deletes after a confirmation step", async ({ page }) => {
  await signUp(page);
  const thread = await openThread(page, 2);
  const parentText = unique("No-script parent");
  const parentId = await postTopLevel(page, parentText);

  await control(page, parentId, "Reply").click();
  await expect(page).toHaveURL(new RegExp(`/t/${thread.id}/c/${parentId}/reply$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(/^Reply to /);
  const replyText = unique("No-script reply");
  await page.getByRole("textbox", { name: /^Reply to / }).fill(replyText);
  const replyId = await submitAndGetCommentId(page, () => page.getByRole("button", { name: "Post reply" }).click());
  await expect(comment(page, parentId).locator(`article#c-${replyId}`)).toContainText(replyText);

  await control(page, parentId, "Edit").click();
  const box = page.getByRole("textbox", { name: "Edit your comment" });
  await expect(box).toHaveValue(parentText);
  await box.fill(`${parentText} (edited without scripts)`);
  await page.getByRole("button", { name: "Save edit" }).click();
  await page.waitForURL((url) => url.hash === `#c-${parentId}`);
  await expect(comment(page, parentId)).toContainText("(edited without scripts)");
  await expect(comment(page, parentId)).toContainText("edited");

  await control(page, parentId, "Delete").click();
  await expect(page.getByText(/Delete this comment\? Replies stay/)).toBeVisible();
  await page.getByRole("link", { name: "← Back to the discussion" }).click();
  await expect(comment(page, parentId)).toContainText(parentText);
  await control(page, parentId, "Delete").click();
  await page.getByRole("button", { name: "Delete comment" }).click();
  await page.waitForURL((url) => url.pathname === thread.path);
  await reopen(page, thread.path, replyId);
  await expect(comment(page, parentId).locator(".comment-body").first()).toHaveText("[deleted]");
  await expect(comment(page, replyId)).toContainText(replyText);
});

test("a member votes, asks for a source, reports with no reason chosen for them, and suggests a correction", async ({ page, browser }, testInfo) => {
  const author = await newContext(browser, testInfo);
  const authorPage = await author.newPage();
  await signUp(authorPage);
  const thread = await openThread(authorPage, 3);
  const id = await postTopLevel(authorPage, unique("Claimed without a source"));
  await author.close();

  await signUp(page);
  await reopen(page, thread.path, id);
  await comment(page, id).getByRole("button", { name: "Upvote (0 upvotes)" }).click();
  await page.waitForURL((url) => url.hash === `#c-${id}`);
  await expect(comment(page, id).getByRole("button", { name: "Upvote (1 upvote)" })).toHaveAttribute("aria-pressed", "true");

  await comment(page, id).getByRole("button", { name: "Needs a source" }).click();
  await expect(comment(page, id).getByText("1 member asked for a source")).toBeVisible();

  await control(page, id, "Report").click();
  const report = page.getByRole("form", { name: "Report this comment" });
  await expect(report.getByRole("radio", { checked: true })).toHaveCount(0);
  await report.getByRole("button", { name: "Send report" }).click();
  await expect(page.getByText("Choose a reason for the report.")).toBeVisible();
  await page.getByRole("radio", { name: "Misinformation" }).check();
  await page.getByRole("button", { name: "Send report" }).click();
  await expect(page.getByText("Thanks. A moderator will review your report.")).toBeVisible();

  await page.goto(thread.path);
  await page.getByRole("link", { name: "Suggest a correction" }).click();
  await page.getByLabel("The point's summary").check();
  await page.getByLabel(/What it gets wrong/).fill(unique("The summary misstates the figure"));
  await page.getByRole("button", { name: "Send to the editors" }).click();
  await expect(page.getByText(/The editors will review your correction/)).toBeVisible();

  await page.goto(thread.path);
  await page.getByRole("link", { name: "Report this thread" }).click();
  await page.getByRole("radio", { name: "Off-topic" }).check();
  await page.getByRole("button", { name: "Send report" }).click();
  await expect(page.getByText("Thanks. A moderator will review your report.")).toBeVisible();
});

test("a member changes their stance through the edit page", async ({ page }) => {
  await signUp(page);
  const thread = await openThread(page, 1);
  await newCommentBox(page).fill(unique("Agreeing without scripts"));
  await page
    .getByRole("group", { name: /Your stance on this point/ })
    .getByLabel("Agrees", { exact: true })
    .check();
  const id = await submitAndGetCommentId(page, () => page.getByRole("button", { name: "Post comment" }).click());
  await expect(comment(page, id)).toContainText("Agrees");

  await control(page, id, "Edit").click();
  await page
    .getByRole("group", { name: /Your stance on this point/ })
    .getByLabel("Disagrees", { exact: true })
    .check();
  await page.getByRole("button", { name: "Save edit" }).click();
  await page.waitForURL((url) => url.hash === `#c-${id}`);
  await reopen(page, thread.path, id);
  await expect(comment(page, id)).toContainText("Disagrees");
});

test("a moderator hides, restores and removes with a reason, suspends, pins, locks, unlocks and switches slow mode", async ({ page, browser }, testInfo) => {
  const member = await newContext(browser, testInfo);
  const memberPage = await member.newPage();
  await signUp(memberPage);
  const thread = await openThread(memberPage, 5);
  const text = unique("Moderated without scripts");
  const id = await postTopLevel(memberPage, text);

  await signInAsAdmin(page);
  await reopen(page, thread.path, id);
  await control(page, id, "Moderate").click();
  await page.getByLabel(/^Reason/).fill("Off-topic aside");
  await page.getByRole("button", { name: "Hide" }).click();
  await expect(page.getByRole("status")).toContainText("Comment hidden.");
  await reopen(memberPage, thread.path, id);
  await expect(comment(memberPage, id)).toContainText("Hidden by a moderator: Off-topic aside");

  await reopen(page, thread.path, id);
  await control(page, id, "Moderate").click();
  await page.getByRole("button", { name: "Restore" }).click();
  await expect(page.getByRole("status")).toContainText("Comment restored.");
  await reopen(memberPage, thread.path, id);
  await expect(comment(memberPage, id)).toContainText(text);

  await reopen(page, thread.path, id);
  await control(page, id, "Suspend author").click();
  await page.getByLabel(/^For/).selectOption("1d");
  await page.getByLabel(/Reason \(shown to the member\)/).fill("Cooling off, no scripts");
  await page.getByRole("button", { name: "Suspend", exact: true }).click();
  await expect(page.getByRole("status")).toContainText("Member suspended.");
  await memberPage.reload();
  await expect(memberPage.getByText(/Your account is suspended until .*Cooling off, no scripts/)).toBeVisible();

  await reopen(page, thread.path, id);
  await control(page, id, "Moderate").click();
  await page.getByLabel(/^Reason/).fill("Removed for the test");
  await page.getByRole("button", { name: "Remove" }).click();
  await expect(page.getByRole("status")).toContainText("Comment removed.");

  // Thread tools: pin is one click; lock asks for its reason on its own page; slow mode likewise.
  await page.goto(thread.path);
  const pin = page.getByRole("button", { name: /^(Pin to top|Unpin)$/ });
  const pinLabel = await pin.textContent();
  await pin.click();
  await page.goto(thread.path);
  await expect(page.getByRole("button", { name: pinLabel === "Unpin" ? "Pin to top" : "Unpin" })).toBeVisible();
  await page.getByRole("button", { name: pinLabel === "Unpin" ? "Pin to top" : "Unpin" }).click();

  const lockReason = unique("Locked without scripts");
  await page.goto(thread.path);
  await page.getByRole("link", { name: "Lock thread" }).click();
  await page.getByLabel(/Why \(shown in the banner\)/).fill(lockReason);
  await page.getByRole("button", { name: "Lock", exact: true }).click();
  await page.goto(thread.path);
  await expect(page.getByText(`Reason: ${lockReason}`)).toBeVisible();
  await page.getByRole("button", { name: "Unlock thread" }).click();
  await page.goto(thread.path);
  await expect(page.getByText(`Reason: ${lockReason}`)).toHaveCount(0);

  await page.getByRole("link", { name: "Slow mode on" }).click();
  await page.getByRole("button", { name: "Switch slow mode on" }).click();
  await page.goto(thread.path);
  await expect(page.getByText(/Slow mode: one comment/)).toBeVisible();
  await page.getByRole("link", { name: "Slow mode off" }).click();
  await page.getByRole("button", { name: "Switch slow mode off" }).click();
  await page.goto(thread.path);
  await expect(page.getByText(/Slow mode: one comment/)).toHaveCount(0);
  await member.close();
});

test("a signed-out reader who follows a control's link is asked to sign in and comes back to it", async ({ page, browser }, testInfo) => {
  const author = await newContext(browser, testInfo);
  const authorPage = await author.newPage();
  await signUp(authorPage);
  const thread = await openThread(authorPage, 2);
  const id = await postTopLevel(authorPage, unique("Replied to after signing in"));
  await author.close();

  await page.goto(`${thread.path}/c/${id}/reply`);
  await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
});
