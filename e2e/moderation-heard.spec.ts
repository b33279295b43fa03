import type { Browser, Page, TestInfo } from "@playwright/test";
import { commentParts, expect, newAccount, openAt, openThread, postComment, signInAsAdmin, signUp, test, unique } from "./helpers";
import { makeModerator } from "./moderation-fixtures";

// Moderation that people hear about: the author of a hidden comment and the member who reported it are told, in
// their notifications; the header's badge counts the appeal that follows for a moderator who may decide it.

test.describe.configure({ timeout: 240_000 });

async function newPage(browser: Browser, testInfo: TestInfo, headers: Record<string, string>): Promise<Page> {
  const context = await browser.newContext({ baseURL: testInfo.project.use.baseURL, extraHTTPHeaders: headers });
  return context.newPage();
}

/** The number on the header's queue badge. */
async function badge(page: Page): Promise<number> {
  await page.goto("/mod");
  const label = await page.getByRole("link", { name: /^Moderation queue, \d+ waiting$/ }).getAttribute("aria-label");
  return Number(/(\d+) waiting/.exec(label ?? "")?.[1]);
}

async function screenshots(page: Page, testInfo: TestInfo, path: string, name: string) {
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const width of [375, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(path);
      await page.screenshot({ path: testInfo.outputPath(`${name}-${width}-${scheme}.png`), fullPage: true });
    }
  }
  await page.emulateMedia({ colorScheme: "light" });
  await page.setViewportSize({ width: 1280, height: 720 });
}

test("the author and the reporter hear what moderation did; the badge counts the appeal for a moderator who may decide it", async ({
  page,
  browser,
  extraHTTPHeaders,
}, testInfo) => {
  const author = page;
  await signUp(author);
  const thread = await openThread(author, 1);
  const body = unique("Everyone who disagrees with me is a fool");
  const commentId = await postComment(author, body);

  const reporter = await newPage(browser, testInfo, extraHTTPHeaders ?? {});
  await signUp(reporter);
  await openAt(reporter, thread.path, commentId);
  await commentParts(reporter, commentId).button("Report").click();
  await reporter.getByLabel("Harassment").check();
  await reporter.getByRole("button", { name: "Send report" }).click();
  await expect(reporter.getByText("Thanks. A moderator will review your report.")).toBeVisible();

  const secondModerator = newAccount();
  const second = await newPage(browser, testInfo, extraHTTPHeaders ?? {});
  await signUp(second, secondModerator);
  await makeModerator(secondModerator.email);

  const admin = await newPage(browser, testInfo, extraHTTPHeaders ?? {});
  await signInAsAdmin(admin);
  await admin.goto("/mod");
  await expect(admin.getByRole("list", { name: "Waiting for you" })).toContainText(/\d+ reported items?/);
  const item = admin.getByRole("article", { name: "Reported comment" }).filter({ hasText: body });
  await item.getByLabel(/^Reason/).fill("Calling people fools");
  await item.getByRole("button", { name: "Hide" }).click();
  await expect(admin.getByRole("article", { name: "Reported comment" }).filter({ hasText: body })).toHaveCount(0);

  // The author: a notice with the reason and the way to appeal; the bell counts it.
  await author.goto("/notifications");
  const notices = author.getByRole("list", { name: "Moderation notices" });
  const hidden = notices.getByRole("listitem").filter({ hasText: "A moderator hid your comment on" });
  await expect(hidden).toContainText("Reason given: Calling people fools");
  await expect(hidden).toContainText("Everyone who disagrees with me");
  await expect(hidden).not.toContainText("Admin");
  await expect(author.getByRole("link", { name: /Notifications, 1 unread/ })).toBeVisible();

  // The reporter: told it was acted on, not by whom.
  await reporter.goto("/notifications");
  const outcome = reporter.getByRole("list", { name: "Moderation notices" }).getByRole("listitem").first();
  await expect(outcome).toContainText("A moderator acted on your report");
  await expect(outcome).toContainText("The comment was hidden.");
  await screenshots(reporter, testInfo, "/notifications", "notifications-reporter");

  // The badge before the appeal, for the moderator who hid the comment and for another.
  const adminBefore = await badge(admin);
  const secondBefore = await badge(second);

  await screenshots(author, testInfo, "/notifications", "notifications-author");
  await author.goto("/notifications");
  await hidden.getByRole("button").click();
  // The notice leads to the comment, where its author appeals.
  await expect(author).toHaveURL(new RegExp(`/c/${commentId}`));
  const own = commentParts(author, commentId);
  await own.button("Appeal this decision").click();
  await own.article.getByLabel(/Why should this decision change/).fill("It was a joke between friends.");
  await own.button("Send appeal").click();
  await expect(own.article.getByRole("status")).toBeVisible();

  // The appeal waits for the other moderator, not for the one whose decision it questions.
  expect(await badge(second)).toBe(secondBefore + 1);
  expect(await badge(admin)).toBe(adminBefore);
  await expect(second.getByRole("list", { name: "Waiting for you" }).getByRole("link", { name: /appeals? you may decide/ })).toBeVisible();
  await screenshots(second, testInfo, "/mod", "queue");

  // The second moderator declines it: the author is told the outcome.
  await second.goto("/mod/appeals");
  const appeal = second.getByRole("article").filter({ hasText: "It was a joke between friends." });
  await appeal
    .getByLabel(/Reason/)
    .first()
    .fill("Name-calling is not allowed.");
  await appeal.getByRole("button", { name: /Uphold/ }).click();
  // Decided, the appeal moves to the decided list, its form replaced by the outcome.
  await expect(appeal).toContainText("Upheld by");
  await author.goto("/notifications");
  await expect(author.getByRole("list", { name: "Moderation notices" }).getByRole("listitem").first()).toContainText(
    "Your appeal was declined: the decision on your comment stands",
  );
});

test("the suspend form chooses no length in advance: a moderator must pick one", async ({ page, browser, extraHTTPHeaders }, testInfo) => {
  const member = page;
  await signUp(member);
  const thread = await openThread(member, 1);
  const commentId = await postComment(member, unique("A comment to suspend over"));
  const admin = await newPage(browser, testInfo, extraHTTPHeaders ?? {});
  await signInAsAdmin(admin);
  await openAt(admin, thread.path, commentId);
  const parts = commentParts(admin, commentId);
  await parts.button("Suspend author").click();
  await expect(parts.article.getByLabel(/^For/)).toHaveValue("");
  await parts.article.getByLabel(/Reason \(shown to the member\)/).fill("Testing the form");
  await parts.button("Suspend").click();
  // Refused with the reason why; the member is not suspended.
  await expect(parts.article.getByRole("alert")).toHaveText("Choose how long the suspension lasts.");
  await expect(parts.article.getByRole("status")).toHaveCount(0);
  await parts.article.getByLabel(/^For/).selectOption("1d");
  // (The form is reset after a refused submission: the reason is typed again.)
  await parts.article.getByLabel(/Reason \(shown to the member\)/).fill("Testing the form");
  await parts.button("Suspend").click();
  await expect(parts.article.getByRole("status")).toHaveText("Member suspended.");
  await member.goto("/notifications");
  await expect(member.getByRole("list", { name: "Moderation notices" }).getByRole("listitem").first()).toContainText(
    /Length: 1 day, until \d{1,2} [A-Z][a-z]+ \d{4}, \d\d:\d\d UTC\./,
  );
});
