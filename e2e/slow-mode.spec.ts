import type { Browser, Page, TestInfo } from "@playwright/test";
import { randomVisitorIp, startAppServer, type AppServer } from "./app-server";
import { expect, newCommentBox, newContext, postComment, signInAsAdmin, signUp, test, unique } from "./helpers";
import { importTestArticle, openPoint, type TestArticle } from "./moderation-fixtures";

test.describe.configure({ timeout: 240_000 });

let article: TestArticle;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  article = await importTestArticle("slow");
});

async function pageIn(browser: Browser, testInfo: TestInfo): Promise<Page> {
  return (await newContext(browser, testInfo)).newPage();
}

const SLOW_BANNER = /^Slow mode: one comment every 2 minutes per member\. Since \d\d:\d\d UTC\.$/;

async function tryToPost(page: Page, body: string): Promise<void> {
  await newCommentBox(page).fill(body);
  await page.getByRole("button", { name: "Post comment" }).click();
}

test("slow mode switched on by hand: a banner, and a member's second quick comment is refused with the time left", async ({ page, browser }, testInfo) => {
  const admin = await pageIn(browser, testInfo);
  await signInAsAdmin(admin);
  const thread = await openPoint(admin, article, 1);
  await admin.getByRole("button", { name: "Slow mode on" }).click();
  await admin.getByLabel(/^Reason \(optional/).fill("Heated exchange");
  await admin.getByRole("button", { name: "Switch slow mode on" }).click();
  await expect(admin.getByText("Slow mode is on.")).toBeVisible();

  const member = page;
  await signUp(member);
  await member.goto(thread.path);
  await expect(member.locator(".slow-mode-banner")).toHaveText(SLOW_BANNER);
  await postComment(member, unique("First thought"));
  const refused = unique("Second thought, too soon");
  await tryToPost(member, refused);
  await expect(member.getByRole("main").getByRole("alert")).toHaveText("Slow mode is on in this thread: you can comment again in 2 minutes.");
  await member.goto(thread.path);
  await expect(member.getByRole("main")).not.toContainText(refused);
  await member.screenshot({ path: testInfo.outputPath("slow-mode-desktop.png") });
  if (process.env.SCREENSHOTS_TO_DOCS) {
    await member.setViewportSize({ width: 900, height: 760 });
    await member.goto(thread.path);
    await member.screenshot({ path: "docs/slow-mode.png" });
  }
  await member.setViewportSize({ width: 375, height: 800 });
  await member.screenshot({ path: testInfo.outputPath("slow-mode-375.png"), fullPage: true });

  // Moderators are exempt: the admin posts twice in a row.
  await admin.goto(thread.path);
  await postComment(admin, unique("Moderator note one"));
  await postComment(admin, unique("Moderator note two"));

  // Switched off by hand: the banner goes, and the log has both switches with the reason.
  await admin.getByRole("button", { name: "Slow mode off" }).click();
  await admin.getByRole("button", { name: "Switch slow mode off" }).click();
  await expect(admin.getByText("Slow mode is off.")).toBeVisible();
  await member.goto(thread.path);
  await expect(member.locator(".slow-mode-banner")).toHaveCount(0);
  await member.goto(`/a/${article.slug}/moderation`);
  const entries = member.getByRole("list", { name: "Moderation actions" }).getByRole("listitem");
  await expect(entries.filter({ hasText: "switched slow mode off" })).toHaveCount(1);
  await expect(entries.filter({ hasText: "switched slow mode on" }).filter({ hasText: "Reason: Heated exchange" })).toHaveCount(1);
});

test.describe("the automatic cool-down", () => {
  let server: AppServer;

  test.beforeAll(async () => {
    test.setTimeout(180_000);
    // A server whose threshold a test reaches in three comments.
    server = await startAppServer({ COOLDOWN_COMMENTS_PER_10_MIN: "2", COOLDOWN_REPORTS_PER_10_MIN: "100000", SLOW_MODE_MINUTES: "2" });
  });

  test.afterAll(async () => {
    await server?.stop();
  });

  test("a burst of comments from more than one member switches slow mode on by itself, logged as Agora (automatic)", async ({ browser }) => {
    const context = await browser.newContext({ baseURL: server.url, extraHTTPHeaders: { "x-forwarded-for": randomVisitorIp() } });
    const member = await context.newPage();
    await signUp(member);
    const thread = await openPoint(member, article, 2);
    await expect(member.locator(".slow-mode-banner")).toHaveCount(0);
    for (let i = 1; i <= 2; i++) await postComment(member, unique(`Busy comment ${i}`));
    // One member alone never starts it (COOLDOWN_MIN_PEOPLE): still no banner after their own two.
    await member.reload();
    await expect(member.locator(".slow-mode-banner")).toHaveCount(0);
    const otherContext = await browser.newContext({ baseURL: server.url, extraHTTPHeaders: { "x-forwarded-for": randomVisitorIp() } });
    const other = await otherContext.newPage();
    await signUp(other);
    await other.goto(thread.path);
    await postComment(other, unique("Busy comment 3"));
    await otherContext.close();
    // The third comment, from a second member, passed the threshold (more than 2 in 10 minutes). The cool-down is weighed after the
    // post is answered, at most a second later (once a second per thread), so the thread says so from a page load soon after.
    await expect(async () => {
      await member.reload();
      await expect(member.locator(".slow-mode-banner")).toHaveText(SLOW_BANNER, { timeout: 1_000 });
    }).toPass({ timeout: 15_000 });
    await tryToPost(member, unique("A fourth, too soon"));
    await expect(member.getByRole("main").getByRole("alert")).toHaveText("Slow mode is on in this thread: you can comment again in 2 minutes.");

    await member.goto(`/a/${article.slug}/moderation`);
    const automatic = member
      .getByRole("list", { name: "Moderation actions" })
      .getByRole("listitem")
      .filter({ hasText: "Agora (automatic) switched slow mode on" });
    await expect(automatic).toHaveCount(1);
    await expect(automatic).toContainText("3 comments from 2 members in 10 minutes (threshold 2)");
    await expect(automatic.getByRole("link")).toHaveAttribute("href", thread.path);
    await context.close();
  });
});
