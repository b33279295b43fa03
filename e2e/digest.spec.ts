import type { Page } from "@playwright/test";
import { withSuiteDatabase } from "./database";
import { seriousViolations } from "./axe-check";
import {
  commentParts,
  expect,
  newCommentBox,
  newContext,
  openAt,
  openThread,
  postComment,
  signUp,
  submitAndGetCommentId,
  test,
  unique,
  type Account,
} from "./helpers";

// The digest per point: tallies, the top comment of each stance, open corrections, and for members the comments
// new since their previous visit; with Markdown and JSON exports. Other specs share the database: counts are
// compared as deltas, and the comment expected on top is the only upvoted one with its stance on its point.

/** Moves a member's last visit to the article back in time, as if they had come by that long ago. */
async function ageLastVisit(account: Account, minutes: number) {
  const then = new Date(Date.now() - minutes * 60_000);
  await withSuiteDatabase((run) =>
    run(`UPDATE "ArticleVisit" SET "lastVisitAt" = $1 WHERE "userId" = (SELECT "id" FROM "User" WHERE "email" = $2)`, [then, account.email]),
  );
}

const pointSection = (page: Page, position: number) => page.locator(`section#point-${position}`);
const newSince = async (page: Page, position: number) => Number(await pointSection(page, position).getAttribute("data-new-since"));

test.describe("digest", () => {
  test.describe.configure({ timeout: 180_000 });

  test("shows each point's top comment per stance and, for a member, what is new since their last visit; exports download", async ({
    page,
    browser,
  }, testInfo) => {
    const reader = await signUp(page);
    const thread = await openThread(page, 3);
    const articlePath = (await page
      .getByRole("navigation", { name: "Points of the article" })
      .getByRole("link", { name: /in the article/ })
      .getAttribute("href"))!.split("#")[0]!;
    const body = unique("The strongest agreement");
    await newCommentBox(page).fill(body);
    const form = page.locator("form.comment-form").filter({ has: newCommentBox(page) });
    await form.getByLabel("Agrees", { exact: true }).check();
    const top = await submitAndGetCommentId(page, () => form.getByRole("button", { name: "Post comment" }).click());

    // Another member upvotes it, then posts (later) on the same point.
    const other = await newContext(browser, testInfo);
    const writer = await other.newPage();
    await signUp(writer);
    await openAt(writer, thread.path, top);
    await commentParts(writer, top).button("Upvote (0 upvotes)").click();
    await expect(commentParts(writer, top).button("Upvote (1 upvote)")).toBeVisible();

    // The article page links to the digest.
    await page.goto(articlePath);
    await page.getByRole("link", { name: /Read the digest/ }).click();
    await expect(page).toHaveURL(`${articlePath}/digest`);
    await expect(page.getByRole("heading", { level: 1, name: /^Digest: / })).toBeVisible();
    await expect(page.locator(".digest-visit")).toHaveText(/Your first visit/);
    const point = pointSection(page, 3);
    const agreeing = point.locator('.digest-top li[data-stance="agrees"]');
    await expect(agreeing).toContainText(body);
    await expect(agreeing).toContainText("1 upvote");
    await expect(agreeing.getByRole("link")).toHaveAttribute("href", `${thread.path}/c/${top}`);
    await expect(point.getByRole("list", { name: "Stance tally" })).toBeVisible();
    await expect(point.locator(".digest-new")).toHaveCount(0);

    // Half an hour and more later, the member comes back: the first visit is the baseline; a reload keeps it.
    await ageLastVisit(reader, 45);
    await page.reload();
    await expect(page.locator(".digest-visit")).toHaveText(/^Marked: comments by others since your previous visit/);
    const before = await newSince(page, 3);
    await openThread(writer, 3);
    await postComment(writer, unique("Something new on point 3"));
    await page.reload();
    expect(await newSince(page, 3)).toBe(before + 1);
    await expect(point.locator(".digest-new")).toHaveText(`${before + 1} new ${before + 1 === 1 ? "comment" : "comments"} since your last visit`);
    await other.close();

    // Exports: the right types, as downloads, with the same content.
    const markdown = await page.request.get(`${articlePath}/digest.md`);
    expect(markdown.status()).toBe(200);
    expect(markdown.headers()["content-type"]).toBe("text/markdown; charset=utf-8");
    expect(markdown.headers()["content-disposition"]).toMatch(/^attachment; filename=".+-digest\.md"$/);
    const text = await markdown.text();
    expect(text).toMatch(/^# Digest: /);
    expect(text).toContain(`## Point 3: `);
    expect(text).toContain(`> ${body}`);
    expect(text).toContain(`New since your last visit: ${before + 1}`);
    const json = await page.request.get(`${articlePath}/digest.json`);
    expect(json.headers()["content-type"]).toMatch(/^application\/json/);
    const data = await json.json();
    const third = data.points.find((p: { position: number }) => p.position === 3);
    expect(third.top.agrees).toMatchObject({ id: top, body, score: 1 });
    expect(third.newSinceLastVisit).toBe(before + 1);
    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "Markdown" }).click();
    expect((await download).suggestedFilename()).toMatch(/-digest\.md$/);

    // Signed out: the same digest, with no markers.
    const anonymous = await newContext(browser, testInfo);
    const visitor = await anonymous.newPage();
    await visitor.goto(`${articlePath}/digest`);
    await expect(pointSection(visitor, 3).locator('.digest-top li[data-stance="agrees"]')).toContainText(body);
    await expect(visitor.locator(".digest-new")).toHaveCount(0);
    await expect(visitor.locator(".digest-visit")).toHaveCount(0);
    expect((await (await visitor.request.get(`${articlePath}/digest.json`)).json()).points[2].newSinceLastVisit).toBeNull();
    await anonymous.close();
  });

  test("the digest passes axe, light and dark, and fits 375 px", async ({ page }) => {
    await signUp(page);
    await openThread(page, 3);
    const articlePath = (await page
      .getByRole("navigation", { name: "Points of the article" })
      .getByRole("link", { name: /in the article/ })
      .getAttribute("href"))!.split("#")[0]!;
    for (const scheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(`${articlePath}/digest`);
      expect(await seriousViolations(page), `${scheme} digest`).toEqual([]);
      await page.locator("#point-3").evaluate((element) => element.scrollIntoView());
      await page.screenshot({ path: `test-results/screenshots/digest-${scheme}.png` });
    }
    await page.emulateMedia({ colorScheme: "light" });
    // The article's map, now that the points have stances (for the README).
    await page.goto(articlePath);
    await page.locator("#point-2").evaluate((element) => element.scrollIntoView());
    await page.screenshot({ path: "test-results/screenshots/article-map-tallies.png" });
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto(`${articlePath}/digest`);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: "test-results/screenshots/digest-375.png" });
  });
});
