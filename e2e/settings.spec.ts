import { mkdirSync, readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import {
  accountNav,
  comment,
  expect,
  expectSignedOut,
  newContext,
  openAt,
  openThread,
  postComment,
  replyTo,
  signIn,
  signUp,
  signUpThroughForm,
  test,
  unique,
} from "./helpers";

const SCREENSHOTS = "test-results/screenshots";

/** Opens /settings from the header's link, on the home page. */
async function openSettings(page: Page) {
  await page.goto("/");
  await accountNav(page).getByRole("link", { name: "Settings" }).click();
  await page.waitForURL("/settings");
  await expect(page.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();
}

const sessionItems = (page: Page) => page.getByRole("list", { name: "Signed-in devices" }).getByRole("listitem");

test("signed out, /settings asks to sign in and comes back", async ({ page }) => {
  await page.goto("/settings");
  await page.waitForURL((url) => url.pathname === "/signin" && url.searchParams.get("callbackUrl") === "/settings");
  const account = await signUp(page);
  await page.goto("/settings");
  await expect(page.getByText(account.email)).toBeVisible();
  await expect(page.getByRole("link", { name: "Change" }).first()).toHaveAttribute("href", "/settings/name");
});

test("changing the password signs out the other browser, keeps this one, and the new password works", async ({ page, browser }, testInfo) => {
  test.setTimeout(90_000);
  const account = await signUp(page);
  const other = await (await newContext(browser, testInfo)).newPage();
  await signIn(other, account);

  await openSettings(page);
  await expect(sessionItems(page)).toHaveCount(2);
  await expect(sessionItems(page).filter({ hasText: "This device" })).toHaveCount(1);
  const form = page.getByRole("form", { name: "Change password" });
  await form.getByLabel("Current password").fill("not my password");
  await form.getByLabel("New password", { exact: true }).fill("a brand new password");
  await form.getByLabel("New password, again").fill("a brand new password");
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(form.getByRole("alert")).toHaveText("Your current password is incorrect.");

  await form.getByLabel("Current password").fill(account.password);
  await form.getByLabel("New password", { exact: true }).fill("a brand new password");
  await form.getByLabel("New password, again").fill("a brand new password");
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(form.getByRole("status")).toHaveText("Your password has been changed. You were signed out on 1 other device.");

  // The other browser's session is over at its next request; this one carries on.
  await other.goto("/");
  await expectSignedOut(other);
  await page.reload();
  await expect(sessionItems(page)).toHaveCount(1);
  await signIn(other, { ...account, password: "a brand new password" });
});

test("the sessions list signs out one other browser, then everywhere else", async ({ page, browser }, testInfo) => {
  test.setTimeout(90_000);
  const account = await signUp(page);
  const second = await (await newContext(browser, testInfo)).newPage();
  const third = await (await newContext(browser, testInfo)).newPage();
  await signIn(second, account);
  await signIn(third, account);

  await openSettings(page);
  await expect(sessionItems(page)).toHaveCount(3);
  await expect(sessionItems(page).first()).toContainText(/Chrom(e|ium)/);
  await sessionItems(page).filter({ hasNotText: "This device" }).first().getByRole("button", { name: "Sign out" }).click();
  // The page refreshes without it.
  await expect(sessionItems(page)).toHaveCount(2);

  await page.getByRole("button", { name: "Sign out everywhere else" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Signed out on 1 other device." })).toBeVisible();
  for (const other of [second, third]) {
    await other.goto("/");
    await expectSignedOut(other);
  }
  await page.reload();
  await expect(sessionItems(page)).toHaveCount(1);
});

test("downloading my data gives a JSON file of my own comments", async ({ page }) => {
  await signUp(page);
  await openThread(page, 2);
  const words = unique("Words to take away");
  await postComment(page, words);
  await openSettings(page);
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Download my data" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^agora-data-\d{4}-\d{2}-\d{2}\.json$/);
  const data = JSON.parse(readFileSync((await download.path())!, "utf8"));
  expect(data.comments.map((c: { body: string }) => c.body)).toContain(words);
  expect(Object.keys(data)).toEqual(expect.arrayContaining(["profile", "comments", "votes", "reports", "notifications"]));
});

test("deleting the account leaves [deleted account] where a reply needs its place, and frees the email", async ({ page, browser }, testInfo) => {
  test.setTimeout(90_000);
  const account = await signUp(page);
  const thread = await openThread(page, 4);
  const words = unique("Soon to be gone");
  const first = await postComment(page, words);
  const replier = await (await newContext(browser, testInfo)).newPage();
  await signUp(replier);
  await openAt(replier, thread.path, first);
  const reply = await replyTo(replier, first, unique("A reply that stays"));

  await openSettings(page);
  const form = page.getByRole("form", { name: "Delete account" });
  await form.getByLabel("Your password").fill("wrong password");
  await form.getByLabel(/cannot be restored/).check();
  await form.getByRole("button", { name: "Delete my account" }).click();
  await expect(form.getByRole("alert")).toHaveText("That password is incorrect.");
  await form.getByLabel("Your password").fill(account.password);
  await form.getByLabel(/cannot be restored/).check();
  await form.getByRole("button", { name: "Delete my account" }).click();
  await page.waitForURL("/settings/deleted");
  await expect(page.getByRole("heading", { name: "Your account has been deleted" })).toBeVisible();
  await expectSignedOut(page);

  await openAt(replier, thread.path, first);
  await expect(comment(replier, first)).toContainText("[deleted account]");
  await expect(comment(replier, first)).not.toContainText(words);
  await expect(comment(replier, reply)).toBeVisible();

  // The address is free again.
  await signUpThroughForm(page, { email: account.email });
});

test("screenshots of /settings, 375 and 1280 px, light and dark", async ({ page, browser }, testInfo) => {
  test.setTimeout(90_000);
  mkdirSync(SCREENSHOTS, { recursive: true });
  const account = await signUp(page);
  const other = await (await newContext(browser, testInfo)).newPage();
  await signIn(other, account);
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const width of [375, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto("/settings");
      await expect(page.getByRole("heading", { name: "Delete account" })).toBeVisible();
      await page.screenshot({ path: `${SCREENSHOTS}/settings-${width}-${scheme}.png`, fullPage: true });
    }
  }
});

test("without JavaScript, /settings forms still work", async ({ page, browser }, testInfo) => {
  test.setTimeout(90_000);
  const account = await signUp(page);
  const context = await browser.newContext({ baseURL: testInfo.project.use.baseURL, javaScriptEnabled: false });
  const plain = await context.newPage();
  await signIn(plain, account);
  await plain.goto("/settings");
  await plain.getByRole("button", { name: "Sign out everywhere else" }).click();
  await expect(plain.getByText("Signed out on 1 other device.")).toBeVisible();
  await page.goto("/");
  await expectSignedOut(page);
});
