import { seriousViolations } from "./axe-check";
import { expect, openThread, test } from "./helpers";

// The article page maps its points in order (anchors #point-N, tallies, counts); each thread links back to its
// point and to the points before and after it.

test.describe("article map", () => {
  test.describe.configure({ timeout: 120_000 });

  test("the article page lists the points in order with anchors, tallies and counts; threads link back, previous and next", async ({ page }) => {
    const thread = await openThread(page, 2);
    const pointNav = page.getByRole("navigation", { name: "Points of the article" });
    const back = pointNav.getByRole("link", { name: "↑ Point 2 in the article" });
    const articlePath = (await back.getAttribute("href"))!.split("#")[0]!;
    expect(await back.getAttribute("href")).toMatch(/^\/a\/[a-z0-9-]+#point-2$/);

    await page.goto(articlePath);
    const points = page.locator('ol.thread-list > li[id^="point-"]');
    const ids = await points.evaluateAll((items) => items.map((item) => item.id));
    expect(ids.length).toBeGreaterThanOrEqual(3);
    expect(ids).toEqual(ids.map((_, i) => `point-${i + 1}`));
    for (const [i] of ids.entries()) {
      const point = points.nth(i);
      await expect(point.getByRole("list", { name: "Stance tally" })).toBeVisible();
      await expect(point.getByText(/^\d+ comments?\b/)).toBeVisible();
    }
    const links = await points.evaluateAll((items) => items.map((item) => item.querySelector("h3 a")!.getAttribute("href")));

    // Back from a thread lands on its anchor.
    await page.goto(thread.path);
    await back.click();
    await expect(page).toHaveURL(new RegExp(`${articlePath}#point-2$`));
    await expect(page.locator("#point-2")).toBeInViewport();
    await expect(page.locator("#point-2 h3 a")).toHaveAttribute("href", thread.path);

    // Previous and next by position; none before the first point, none after the last.
    await page.goto(thread.path);
    await pointNav.getByRole("link", { name: /^Point 3: / }).click();
    await expect(page).toHaveURL(new RegExp(`${links[2]}$`));
    await pointNav.getByRole("link", { name: /^← Point 2: / }).click();
    await expect(page).toHaveURL(new RegExp(`${thread.path}$`));
    await page.goto(links[0]!);
    await expect(pointNav.getByRole("link", { name: /^← / })).toHaveCount(0);
    await expect(pointNav.getByRole("link", { name: /^Point 2: / })).toBeVisible();
    await page.goto(links.at(-1)!);
    await expect(pointNav.getByRole("link", { name: / →$/ })).toHaveCount(0);
    await expect(pointNav.getByRole("link", { name: new RegExp(`^← Point ${links.length - 1}: `) })).toBeVisible();
  });

  test("the article map passes axe and fits 375 px", async ({ page }) => {
    const thread = await openThread(page, 1);
    const href = await page
      .getByRole("navigation", { name: "Points of the article" })
      .getByRole("link", { name: /in the article/ })
      .getAttribute("href");
    const articlePath = href!.split("#")[0]!;
    for (const scheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.goto(articlePath);
      expect(await seriousViolations(page), `${scheme} article page`).toEqual([]);
      await page.goto(thread.path);
      expect(await seriousViolations(page), `${scheme} thread page`).toEqual([]);
    }
    await page.emulateMedia({ colorScheme: "light" });
    await page.goto(articlePath);
    await page.locator("#points-heading").evaluate((element) => element.scrollIntoView());
    await page.screenshot({ path: "test-results/screenshots/article-map.png", fullPage: false });
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto(articlePath);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    await page.screenshot({ path: "test-results/screenshots/article-map-375.png" });
  });
});
