import { expect, openThread, postComment, signInAsAdmin, signUp, test } from "./helpers";

test("screens", async ({ page }) => {
  await signUp(page);
  for (const [w, scheme] of [[375, "light"], [1280, "dark"], [375, "dark"], [1280, "light"]] as const) {
    await page.setViewportSize({ width: w, height: 800 });
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto("/settings/name");
    await page.getByLabel("Display name", { exact: true }).fill("Admin");
    await page.getByRole("button", { name: "Change display name" }).click();
    await expect(page.getByRole("main").getByRole("alert")).toBeVisible();
    await page.screenshot({ path: `/tmp/names-shot-settings-${w}-${scheme}.png`, fullPage: true });
  }
  await signInAsAdmin(page);
  await openThread(page, 3);
  const id = await postComment(page, "A note from staff, @nobodyhere");
  for (const [w, scheme] of [[375, "light"], [1280, "dark"]] as const) {
    await page.setViewportSize({ width: w, height: 900 });
    await page.emulateMedia({ colorScheme: scheme });
    await page.locator(`#c-${id}`).scrollIntoViewIfNeeded();
    await page.screenshot({ path: `/tmp/names-shot-thread-${w}-${scheme}.png` });
  }
});
