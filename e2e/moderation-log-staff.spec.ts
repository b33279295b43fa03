import type { Page, TestInfo } from "@playwright/test";
import { accountNav, commentParts, expect, newContext, openAt, openThread, postComment, signInAsAdmin, signUp, test, unique } from "./helpers";

// The staff log speaks people: what an action was done to is named and linked (a comment by its author and point),
// a member is found by the name a moderator types, and on a phone each entry is a card, never a sideways scroll.
// The member's page shows moderators (only) a card of the member's history.

async function screenshots(page: Page, testInfo: TestInfo, name: string) {
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const width of [375, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await page.reload();
      expect(await page.evaluate(() => document.documentElement.scrollWidth), `${name} at ${width} px, ${scheme}`).toBeLessThanOrEqual(width);
      await page.screenshot({ path: testInfo.outputPath(`${name}-${width}-${scheme}.png`), fullPage: true });
    }
  }
  await page.emulateMedia({ colorScheme: "light" });
  await page.setViewportSize({ width: 1280, height: 720 });
}

test("the staff log names and links each target, finds a member by name, and reflows on a phone", async ({ page, browser }, testInfo) => {
  test.setTimeout(180_000);
  const author = await signUp(page, { name: unique("Logged Author") });
  const thread = await openThread(page, 1);
  const commentId = await postComment(page, unique("A comment a moderator will hide"));

  const admin = await (await newContext(browser, testInfo)).newPage();
  await signInAsAdmin(admin);
  await openAt(admin, thread.path, commentId);
  const moderated = commentParts(admin, commentId);
  await moderated.button("Moderate").click();
  await moderated.article
    .getByLabel(/^Reason/)
    .first()
    .fill(unique("A reason long enough to wrap on a phone, with a https://example.org/a/very/long/link"));
  await moderated.button("Hide").click();
  await expect(moderated.article.getByRole("status").first()).toContainText("Comment hidden.");

  // Filtered by the author's name, typed in another case and with stray spaces, through the plain GET form.
  await admin.goto("/mod/log");
  await admin.getByLabel("Member", { exact: true }).fill(`  ${author.name.toUpperCase()} `);
  await admin.getByRole("button", { name: "Filter" }).click();
  await expect(admin.getByText(`Actions affecting ${author.name}`)).toBeVisible();
  const target = admin.getByRole("link", { name: `comment by ${author.name} in “${thread.title}”` });
  await expect(target).toHaveAttribute("href", `${thread.path}/c/${commentId}`);
  await expect(admin.locator(".log-table tbody tr")).toHaveCount(1);
  await screenshots(admin, testInfo, "mod-log-filtered");

  // The member card on the author's page: what became of their comments and what moderators did, for moderators only.
  const authorPath = await accountNav(page).getByRole("link", { name: author.name, exact: true }).getAttribute("href");
  await admin.goto(authorPath!);
  const card = admin.getByRole("region", { name: "For moderators" });
  await expect(card).toContainText("0 shown · 0 awaiting review · 1 hidden");
  await expect(card.getByRole("list", { name: "Latest moderation of this member" })).toContainText("hide comment by E2E Admin");
  await screenshots(admin, testInfo, "member-card");
  await page.goto(authorPath!);
  await expect(page.getByRole("heading", { level: 1 })).toContainText(author.name);
  await expect(page.getByRole("region", { name: "For moderators" })).toHaveCount(0);

  // A name nobody has: said plainly, nothing listed.
  await admin.goto(`/mod/log?member=${encodeURIComponent(unique("Nobody Called This"))}`);
  await expect(admin.getByRole("main").getByRole("alert")).toContainText("No member is called");
  await expect(admin.getByText("No actions match.")).toBeVisible();
});
