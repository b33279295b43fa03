import { expect, openThread, SEEDED_ARTICLE, test, threadCards } from "./helpers";

test.describe("browsing the article", () => {
  test("the article page shows the article title and at least five thread cards with title, summary and comment count", async ({ page }) => {
    await page.goto(SEEDED_ARTICLE);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(/TikTok/);
    const cards = threadCards(page);
    expect(await cards.count()).toBeGreaterThanOrEqual(5);
    for (const card of await cards.all()) {
      await expect(card.getByRole("heading", { level: 3 }).getByRole("link")).toHaveText(/\S/);
      await expect(card.locator(".thread-summary")).toHaveText(/\S{3,}/);
      await expect(card.getByText(/^\d+ comments?\b/)).toBeVisible();
    }
  });

  test("clicking a thread card opens the thread with the point's summary and the quoted excerpt with attribution", async ({ page }) => {
    await page.goto(SEEDED_ARTICLE);
    const card = threadCards(page).nth(1);
    const title = (await card.getByRole("heading", { level: 3 }).textContent())?.trim() ?? "";
    const summary = (await card.locator(".thread-summary").textContent())?.trim() ?? "";

    await card.getByRole("link", { name: title }).click();

    await expect(page).toHaveURL(/\/t\/[a-z0-9]+$/i);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
    await expect(page).toHaveTitle(`${title} · Agora`);
    await expect(page.getByText(summary, { exact: true })).toBeVisible();
    const excerpt = page.getByRole("figure");
    await expect(excerpt.getByRole("blockquote")).toHaveText(/\S{10,}/);
    await expect(excerpt.locator("figcaption")).toContainText(/—\s*\S+/);
    await expect(excerpt.locator("figcaption")).toContainText("TikTok");
  });

  test("a thread page links back to the article through its breadcrumb", async ({ page }) => {
    const thread = await openThread(page, 3);
    await page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link").click();
    await expect(page).toHaveURL(/\/a\/[\w-]+#point-3$/);
    await expect(threadCards(page).filter({ has: page.getByRole("link", { name: thread.title, exact: true }) })).toBeVisible();
  });

  test("an unknown thread or comment shows a not-found page with a way back", async ({ page }) => {
    const missing = await page.goto("/t/doesnotexist");
    expect(missing?.status()).toBe(404);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Not found");
    const thread = await openThread(page, 1);
    const missingComment = await page.goto(`${thread.path}/c/doesnotexist`);
    expect(missingComment?.status()).toBe(404);
    await page.getByRole("link", { name: "Back to the discussion" }).click();
    await expect(page).toHaveURL(/\/$/);
  });
});
