import { mkdirSync } from "node:fs";
import type { Page } from "@playwright/test";
import { accountNav, comment, expect, newContext, openAt, openThread, postComment, replyTo, signUp, test } from "./helpers";

const SCREENSHOTS = "test-results/screenshots";

function bell(page: Page) {
  return accountNav(page).getByRole("link", { name: /^Notifications/ });
}

/** "@" and the display name without spaces: how members mention each other (lib/mentions.ts). */
const handle = (name: string) => `@${name.replace(/\s+/g, "")}`;

test("a reply and a mention light the bell; opening one goes to the comment and marks it read", async ({ page, browser }, testInfo) => {
  test.setTimeout(90_000);
  const ada = page;
  const adaAccount = await signUp(ada);
  const thread = await openThread(ada, 3);
  const first = await postComment(ada, "The timing says it all: this is PR.");
  // Your own reply is no news to you.
  await replyTo(ada, first, "And I stand by it.");
  await ada.goto("/");
  await expect(bell(ada)).toHaveAccessibleName("Notifications");

  const grace = await (await newContext(browser, testInfo)).newPage();
  const graceAccount = await signUp(grace);
  await openAt(grace, thread.path, first);
  const reply = await replyTo(grace, first, "The small businesses in it are real, though.");
  await postComment(grace, `What does ${handle(adaAccount.name)} make of the regulators' decision?`);
  // Someone who never took part in the thread cannot be paged by name.
  await expect(bell(grace)).toHaveAccessibleName("Notifications");

  await ada.goto("/");
  await expect(bell(ada)).toHaveAccessibleName("Notifications, 2 unread");
  await expect(bell(ada)).toContainText("2");
  await bell(ada).click();
  await ada.waitForURL("/notifications");
  const items = ada.getByRole("list", { name: "Your notifications" }).getByRole("listitem");
  await expect(items).toHaveCount(2);
  await expect(items.nth(0)).toContainText(`New: ${graceAccount.name} mentioned you on ${thread.title}`);
  await expect(items.nth(1)).toContainText(`New: ${graceAccount.name} replied to your comment on ${thread.title}`);
  await expect(items.nth(1)).toContainText("The small businesses in it are real, though.");

  await items
    .nth(1)
    .getByRole("button", { name: /replied to your comment/ })
    .click();
  await ada.waitForURL((url) => url.pathname.startsWith(thread.path) && url.hash === `#c-${reply}`);
  await expect(comment(ada, reply)).toBeVisible();
  await expect(bell(ada)).toHaveAccessibleName("Notifications, 1 unread");

  await ada.goto("/notifications");
  await expect(items.nth(1)).not.toContainText("New:");
  await ada.getByRole("button", { name: "Mark all as read" }).click();
  await expect(bell(ada)).toHaveAccessibleName("Notifications");
  await expect(items.filter({ hasText: "New:" })).toHaveCount(0);
  await expect(ada.getByRole("button", { name: "Mark all as read" })).toHaveCount(0);
  await expect(ada.getByRole("button", { name: /mentioned you/ })).toBeVisible();
});

test("the notifications page asks a visitor to sign in first", async ({ page }) => {
  await page.goto("/notifications");
  await page.waitForURL((url) => url.pathname === "/signin" && url.searchParams.get("callbackUrl") === "/notifications");
});

test("screenshots of the bell and the notifications page, on desktop and mobile", async ({ page, browser }, testInfo) => {
  test.setTimeout(90_000);
  mkdirSync(SCREENSHOTS, { recursive: true });
  const ada = page;
  const adaAccount = await signUp(ada, { name: "Ada Byron" });
  const thread = await openThread(ada, 2);
  const first = await postComment(ada, "Sparks Good launched right as the ban talk peaked. That is not a coincidence.");

  const grace = await (await newContext(browser, testInfo)).newPage();
  await signUp(grace, { name: "Grace Brewster" });
  await openAt(grace, thread.path, first);
  await replyTo(grace, first, "Maybe, but the small businesses in it are real. A campaign can be both PR *and* true.");
  await postComment(grace, `${handle(adaAccount.name)} what would change your mind — an audit of the data flows?`);

  await ada.setViewportSize({ width: 1280, height: 800 });
  await ada.goto("/notifications");
  await expect(bell(ada)).toHaveAccessibleName("Notifications, 2 unread");
  await ada.getByRole("banner").screenshot({ path: `${SCREENSHOTS}/header-bell.png` });
  await ada.screenshot({ path: `${SCREENSHOTS}/notifications.png`, fullPage: true });
  await ada.setViewportSize({ width: 375, height: 812 });
  await ada.reload();
  await ada.screenshot({ path: `${SCREENSHOTS}/notifications-mobile.png`, fullPage: true });
});
