import { mkdirSync } from "node:fs";
import type { Page } from "@playwright/test";
import { accountNav, comment, expect, openAt, openThread, postComment, replyTo, SEEDED_ARTICLE, signInAsAdmin, signUp, test, unique } from "./helpers";

/** A 48-character display name no other account of this run has. */
const longName = () => `Maximilian Alexander Montgomery-Fitzgerald ${Math.random().toString(36).slice(2, 7).padEnd(5, "x")}`;

const DIR = "test-results/screenshots";

/** How many CSS pixels the page is wider than the viewport (0 = no sideways scrolling). */
function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

test.describe("phone layout (375px wide)", () => {
  test.use({ viewport: { width: 375, height: 812 } });

  test("the home page fits a phone screen without sideways scrolling", async ({ page }) => {
    await page.goto("/");
    expect(await sidewaysOverflow(page)).toBe(0);
  });

  test("a thread nested six levels deep, with a reply box open at the deepest level, fits without sideways scrolling", async ({ page }) => {
    test.setTimeout(60_000);
    await signUp(page);
    const thread = await openThread(page, 4);
    const run = unique("phone chain");
    const ids = [await postComment(page, `Level 1 ${run}`)];
    for (let level = 2; level <= 6; level++) ids.push(await replyTo(page, ids.at(-1)!, `Level ${level} ${run} with a few more words to wrap`));

    await openAt(page, thread.path, ids.at(-1)!);
    const deepest = comment(page, ids.at(-1)!);
    await deepest.getByRole("button", { name: "Reply" }).click();
    await expect(deepest.getByRole("textbox", { name: /^Reply to / })).toBeVisible();
    mkdirSync(DIR, { recursive: true });
    await comment(page, ids[0]!).screenshot({ path: `${DIR}/thread-deep-mobile.png` });
    expect(await sidewaysOverflow(page)).toBe(0);
    const box = await deepest.getByRole("textbox").boundingBox();
    expect(box!.width).toBeGreaterThan(200);
  });

  test("a long display name fits in the phone header's menu without sideways scrolling", async ({ page }) => {
    // Display names are unique: a long one of this run's own (48 characters).
    const name = longName();
    await signUp(page, { name });
    await page.goto("/");
    await accountNav(page).getByText("Menu", { exact: true }).click();
    await expect(accountNav(page).getByRole("link", { name })).toBeVisible();
    mkdirSync(DIR, { recursive: true });
    await page.screenshot({ path: `${DIR}/header-long-name-mobile.png` });
    expect(await sidewaysOverflow(page)).toBe(0);
  });

  // Regression: a long display name used to squeeze the header until "Sign out" broke onto two lines.
  test("with a long display name, the menu's Sign out button stays on one line", async ({ page }) => {
    await signUp(page, { name: longName() });
    await page.goto("/");
    await accountNav(page).getByText("Menu", { exact: true }).click();
    const signOut = accountNav(page).getByRole("button", { name: "Sign out" });
    const lineHeight = await signOut.evaluate((el) => parseFloat(getComputedStyle(el).lineHeight));
    const box = await signOut.boundingBox();
    expect(box!.height).toBeLessThan(Math.max(lineHeight * 1.5, 44.5));
  });

  for (const who of ["signed out", "member", "admin"] as const) {
    test(`the header is one row for ${who === "signed out" ? "a reader signed out" : `an ${who === "admin" ? "admin (queue, bell, menu)" : "ordinary member"}`}, and the menu opens without JavaScript`, async ({
      browser,
    }, testInfo) => {
      for (const javaScriptEnabled of [true, false]) {
        const context = await browser.newContext({ ...testInfo.project.use, viewport: { width: 375, height: 812 }, javaScriptEnabled });
        const page = await context.newPage();
        if (who === "member") await signUp(page);
        if (who === "admin") await signInAsAdmin(page);
        await page.goto(SEEDED_ARTICLE);
        const header = page.getByRole("banner");
        const rowHeight = (await header.boundingBox())!.height;
        expect(rowHeight).toBeLessThan(64);
        await expect(header.getByRole("link", { name: "Search" })).toBeVisible();
        if (who === "signed out") {
          await expect(accountNav(page).getByRole("link", { name: "Sign up", exact: true })).toBeVisible();
        } else {
          if (who === "admin") await expect(accountNav(page).getByRole("link", { name: /^Moderation queue/ })).toBeVisible();
          await expect(accountNav(page).getByRole("link", { name: /^Notifications/ })).toBeVisible();
          await expect(accountNav(page).getByRole("button", { name: "Sign out" })).toBeHidden();
          await accountNav(page).getByText("Menu", { exact: true }).click();
          await expect(accountNav(page).getByRole("link", { name: "Settings" })).toBeVisible();
          if (who === "admin") await expect(accountNav(page).getByRole("link", { name: "Admin", exact: true })).toBeVisible();
          await expect(accountNav(page).getByRole("button", { name: "Sign out" })).toBeVisible();
        }
        expect(await sidewaysOverflow(page)).toBe(0);
        mkdirSync(DIR, { recursive: true });
        await page.screenshot({ path: `${DIR}/header-${who.replace(" ", "-")}-${javaScriptEnabled ? "js" : "no-js"}-375.png` });
        if (who !== "signed out" && javaScriptEnabled) {
          // A client-side navigation from the menu closes it.
          await accountNav(page).getByRole("link", { name: "Settings" }).click();
          await page.waitForURL("**/settings");
          await expect(accountNav(page).getByRole("link", { name: "Settings" })).toBeHidden();
        }
        await context.close();
      }
    });
  }
});
