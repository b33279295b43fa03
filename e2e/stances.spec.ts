import type { Page } from "@playwright/test";
import { seriousViolations } from "./axe-check";
import { comment, commentParts, expect, newCommentBox, openAt, openThread, signUp, submitAndGetCommentId, test, unique } from "./helpers";

// Stances: a top-level comment agrees, disagrees or adds context; the thread's tally counts them, filters by them,
// and moves when the author changes their mind. Threads are shared with other specs: counts are compared as deltas.

type StanceName = "agrees" | "disagrees" | "context";
const LABELS: Record<StanceName, string> = { agrees: "Agrees", disagrees: "Disagrees", context: "Adds context" };

const filterNav = (page: Page) => page.getByRole("navigation", { name: "Filter comments by stance" });

async function tally(page: Page): Promise<Record<StanceName, number>> {
  const count = async (stance: StanceName) => Number(await filterNav(page).locator(`[data-stance="${stance}"] .stance-count`).textContent());
  return { agrees: await count("agrees"), disagrees: await count("disagrees"), context: await count("context") };
}

/** Posts a top-level comment with a stance chosen in the new-comment form; returns its id. */
async function postWithStance(page: Page, body: string, stance: StanceName | null): Promise<string> {
  await newCommentBox(page).fill(body);
  const form = page.locator("form.comment-form").filter({ has: newCommentBox(page) });
  await form
    .getByRole("group", { name: /Your stance on this point/ })
    .getByLabel(stance ? LABELS[stance] : "No stance", { exact: true })
    .check();
  return submitAndGetCommentId(page, () => form.getByRole("button", { name: "Post comment" }).click());
}

test.describe("stances", () => {
  test.describe.configure({ timeout: 120_000 });

  test("a member posts with a stance: the tally goes up by one, the filter shows it and hides other stances, editing moves it", async ({ page }) => {
    await signUp(page);
    const thread = await openThread(page, 5);
    const before = await tally(page);

    const agreeing = await postWithStance(page, unique("I agree with this point"), "agrees");
    await expect(commentParts(page, agreeing).article.locator(".stance-badge")).toHaveText("Stance: Agrees");
    await page.goto(thread.path);
    expect(await tally(page)).toEqual({ ...before, agrees: before.agrees + 1 });

    const disagreeing = await postWithStance(page, unique("I do not"), "disagrees");
    await page.goto(thread.path);
    expect(await tally(page)).toEqual({ ...before, agrees: before.agrees + 1, disagrees: before.disagrees + 1 });

    // The filter, newest first (so our comments lead the first page): only the chosen stance shows.
    await page.goto(`${thread.path}?sort=newest`);
    await filterNav(page)
      .getByRole("link", { name: /^Agrees/ })
      .click();
    await expect(page).toHaveURL(/\?sort=newest&stance=agrees$/);
    await expect(filterNav(page).getByRole("link", { name: /^Agrees/ })).toHaveAttribute("aria-current", "true");
    await expect(comment(page, agreeing)).toBeVisible();
    await expect(comment(page, disagreeing)).toHaveCount(0);
    await expect(page.locator(".comment-list.root > li > article .stance-badge").first()).toHaveText("Stance: Agrees");
    // The sort links keep the filter.
    await expect(page.getByRole("navigation", { name: "Sort comments" }).getByRole("link", { name: "Top" })).toHaveAttribute("href", /sort=top&stance=agrees/);
    await filterNav(page)
      .getByRole("link", { name: /^Disagrees/ })
      .click();
    await expect(comment(page, disagreeing)).toBeVisible();
    await expect(comment(page, agreeing)).toHaveCount(0);
    await filterNav(page).getByRole("link", { name: "All comments" }).click();
    await expect(page).toHaveURL(/\?sort=newest$/);
    await expect(comment(page, agreeing)).toBeVisible();
    await expect(comment(page, disagreeing)).toBeVisible();

    // Editing the stance moves the tally from one stance to the other.
    await openAt(page, thread.path, agreeing);
    const parts = commentParts(page, agreeing);
    await parts.button("Edit").click();
    const editForm = parts.article.locator("form.comment-form");
    await expect(editForm.getByLabel("Agrees", { exact: true })).toBeChecked();
    await editForm.getByLabel("Adds context", { exact: true }).check();
    await parts.button("Save edit").click();
    await expect(commentParts(page, agreeing).article.locator(".stance-badge")).toHaveText("Stance: Adds context");
    await expect(editForm).toHaveCount(0);
    await page.goto(thread.path);
    expect(await tally(page)).toEqual({ agrees: before.agrees, disagrees: before.disagrees + 1, context: before.context + 1 });

    // Replies never offer a stance.
    await openAt(page, thread.path, disagreeing);
    await commentParts(page, disagreeing).button("Reply").click();
    await expect(commentParts(page, disagreeing).textbox(/^Reply to /)).toBeVisible();
    await expect(commentParts(page, disagreeing).article.getByRole("group", { name: /Your stance/ })).toHaveCount(0);

    // The article's map shows the same tally for the point.
    await page.goto(thread.path);
    const now = await tally(page);
    await page
      .getByRole("navigation", { name: "Points of the article" })
      .getByRole("link", { name: /in the article/ })
      .click();
    const point = page.locator(`li[id^="point-"]`).filter({ has: page.locator(`a[href="${thread.path}"]`) });
    for (const stance of ["agrees", "disagrees", "context"] as const) {
      await expect(point.locator(`[data-stance="${stance}"] .stance-count`)).toHaveText(String(now[stance]));
    }
  });

  test("the tally bar reads well and passes axe, light and dark, desktop and 375 px", async ({ page }) => {
    await signUp(page);
    const thread = await openThread(page, 5);
    await postWithStance(page, unique("Context: the figures are from 2019"), "context");
    for (const scheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(`${thread.path}?stance=context`);
      expect(await seriousViolations(page), `${scheme} thread page, filtered`).toEqual([]);
      await page.locator("#discussion-heading").evaluate((element) => element.scrollIntoView());
      await page.screenshot({ path: `test-results/screenshots/stance-tally-${scheme}.png` });
    }
    await page.emulateMedia({ colorScheme: "light" });
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto(thread.path);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await page.locator(".stance-tally").scrollIntoViewIfNeeded();
    await page.screenshot({ path: "test-results/screenshots/stance-tally-375.png" });
  });

  test.describe("without JavaScript", () => {
    test.use({ javaScriptEnabled: false });

    test("posting with a stance is a plain form that works", async ({ page }) => {
      await signUp(page);
      const thread = await openThread(page, 1);
      const body = unique("Agreeing without scripts");
      const id = await postWithStance(page, body, "agrees");
      await expect(commentParts(page, id).body).toContainText(body);
      await expect(commentParts(page, id).article.locator(".stance-badge")).toHaveText("Stance: Agrees");
      await page.goto(`${thread.path}?stance=agrees&sort=newest`);
      await expect(comment(page, id)).toBeVisible();
    });
  });
});
