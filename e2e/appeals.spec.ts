import type { Browser, Page, TestInfo } from "@playwright/test";
import { commentParts, expect, newContext, openAt, postComment, signInAsAdmin, signUp, test, unique } from "./helpers";
import { importTestArticle, makeModerator, openPoint } from "./moderation-fixtures";

test.describe.configure({ timeout: 240_000 });

async function pageIn(browser: Browser, testInfo: TestInfo): Promise<Page> {
  return (await newContext(browser, testInfo)).newPage();
}

test("a member appeals a hidden comment; the moderator who hid it cannot decide; a second moderator overturns it", async ({ page, browser }, testInfo) => {
  const article = await importTestArticle("appeal");
  const member = page;
  const account = await signUp(member);
  const thread = await openPoint(member, article, 1);
  const body = unique("Trees cut cooling costs, here is why");
  const commentId = await postComment(member, body);

  // The suite's admin hides it.
  const first = await pageIn(browser, testInfo);
  await signInAsAdmin(first);
  const hideReason = unique("Needs a source");
  await openAt(first, thread.path, commentId);
  const moderated = commentParts(first, commentId);
  await moderated.button("Moderate").click();
  await moderated.article
    .getByLabel(/^Reason/)
    .first()
    .fill(hideReason);
  await moderated.button("Hide").click();
  await expect(moderated.article.getByRole("status").first()).toContainText("Comment hidden.");

  // The author sees why, and appeals (reloaded: the post left the member on this very URL, where goto only scrolls).
  await openAt(member, thread.path, commentId);
  await member.reload();
  const own = commentParts(member, commentId);
  await expect(own.article).toContainText(`Hidden by a moderator: ${hideReason}`);
  await own.button("Appeal this decision").click();
  const appealText = unique("The source is in the second paragraph");
  await own.article.getByLabel(/Why should this decision change/).fill(appealText);
  await own.button("Send appeal").click();
  // The refreshed comment now says where the appeal stands, instead of offering another.
  await expect(own.article.getByRole("status")).toHaveText("You appealed this decision. Another moderator will look at it.");
  await member.reload();
  await expect(commentParts(member, commentId).article).toContainText("You appealed this decision.");
  await expect(commentParts(member, commentId).button("Appeal this decision")).toHaveCount(0);

  // The moderator who hid it sees the appeal, without the means to decide it.
  await first.goto("/mod");
  await first.getByRole("navigation", { name: "Moderation", exact: true }).getByRole("link", { name: "Appeals", exact: true }).click();
  await first.waitForURL("**/mod/appeals");
  const card = (p: Page) => p.locator("article.queue-item", { hasText: appealText });
  await expect(card(first)).toContainText("You took this decision: waiting for another moderator.");
  await expect(card(first).getByRole("button", { name: "Overturn" })).toHaveCount(0);

  // A second moderator decides.
  const second = await pageIn(browser, testInfo);
  const secondAccount = await signUp(second);
  await makeModerator(secondAccount.email);
  await second.goto("/mod/appeals");
  await expect(card(second)).toContainText(`${account.name} appeals`);
  await expect(card(second)).toContainText(body);
  const overturnReason = unique("The source was there all along");
  await card(second)
    .getByLabel(/^Reason/)
    .fill(overturnReason);
  await card(second).screenshot({ path: testInfo.outputPath("appeal-card.png") });
  if (process.env.SCREENSHOTS_TO_DOCS) {
    await second.setViewportSize({ width: 900, height: 700 });
    await card(second).screenshot({ path: "docs/appeals.png" });
  }
  await card(second).getByRole("button", { name: "Overturn" }).click();
  // Decided: the appeal moves to "Recently decided", with the outcome.
  await expect(card(second)).toContainText(`Overturned by ${secondAccount.name}: ${overturnReason}`);
  await expect(card(second).getByRole("button", { name: "Overturn" })).toHaveCount(0);

  // Visible again, to everyone; the member's appeals say so; the public log shows the outcome.
  const reader = await pageIn(browser, testInfo);
  await openAt(reader, thread.path, commentId);
  await expect(commentParts(reader, commentId).body).toContainText(body);
  await expect(commentParts(reader, commentId).article).not.toContainText("Hidden by a moderator");

  await member.goto("/appeals");
  const mine = member.locator("ol.appeals-list > li", { hasText: appealText });
  await expect(mine).toContainText("Granted");
  await expect(mine).toContainText(`Decision overturned: ${overturnReason}`);
  await member.setViewportSize({ width: 375, height: 800 });
  await member.screenshot({ path: testInfo.outputPath("appeals-375.png"), fullPage: true });

  await reader.goto(`/a/${article.slug}/moderation`);
  const entries = reader.getByRole("list", { name: "Moderation actions" }).getByRole("listitem");
  await expect(entries.nth(0)).toContainText("a moderator overturned a decision on appeal");
  await expect(entries.nth(0)).toContainText(`Reason: ${overturnReason}`);
  await expect(entries.nth(1)).toContainText(`Reason: ${hideReason}`);
});
