import { mkdirSync } from "node:fs";
import { linkTo, mailTo, signUpAndConfirm, useMailingServer } from "./mail-server";
import { expect, expectSignedInAs, expectSignedOut, fillSignIn, fillSignUp, newAccount, newCommentBox, SEEDED_ARTICLE, test } from "./helpers";

// Confirming an address and changing it, through a real SMTP conversation: a server of this build mails a local
// sink (lib/testing/smtp-sink.ts); its AUTH_URL is its own address, so emailed links open on it.

const SCREENSHOTS = "test-results/screenshots";
const CONFIRM_FIRST = "Confirm your email address to join the discussion: follow the link we emailed you when you signed up.";

test.describe("email addresses, with email configured", () => {
  test.describe.configure({ timeout: 150_000 });
  const mailing = useMailingServer();
  const visitor = mailing.visitor;

  /** The first point of the seeded article, on this server. */
  async function firstThread(page: Awaited<ReturnType<typeof visitor>>) {
    await page.goto(SEEDED_ARTICLE);
    await page.locator("a[href^='/t/']").first().click();
    await page.waitForURL(/\/t\/[a-z0-9]+$/i);
  }

  test("a new member confirms their address before taking part: until then the thread asks them to, and a new link can be sent", async ({ browser }) => {
    const account = newAccount();
    const page = await visitor(browser);
    await page.goto("/signup");
    await fillSignUp(page, account);
    await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
    await expectSignedOut(page);
    const first = await mailTo(mailing.sink, account.email, "Confirm your Agora account");

    // Signing in with the password works; taking part waits for the confirmation.
    await page.goto("/signin");
    await fillSignIn(page, account);
    await expectSignedInAs(page, account.name);
    await firstThread(page);
    await expect(page.getByText(CONFIRM_FIRST)).toBeVisible();
    await expect(newCommentBox(page)).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Reply" })).toHaveCount(0);
    const sent = mailing.sink.messages.length;
    await page.getByRole("button", { name: "Send a new link" }).click();
    await expect(page.getByRole("status").filter({ hasText: `We sent a new link to ${account.email}.` })).toBeVisible();
    await mailing.sink.waitFor(sent + 1);
    const second = await mailTo(mailing.sink, account.email, "Confirm your Agora account");
    expect(linkTo(second, "/api/auth/callback/nodemailer")).not.toBe(linkTo(first, "/api/auth/callback/nodemailer"));

    // Following the link confirms the address: the same browser may now comment.
    const threadPath = new URL(page.url()).pathname;
    await page.goto(linkTo(second, "/api/auth/callback/nodemailer"));
    await page.waitForURL((url) => url.pathname === threadPath);
    await newCommentBox(page).fill(`Confirmed and commenting ${account.email}`);
    await page.getByRole("button", { name: "Post comment" }).click();
    await expect(page.getByText(`Confirmed and commenting ${account.email}`)).toBeVisible();
    await page.goto("/settings");
    await expect(page.getByText("Not confirmed yet.")).toHaveCount(0);
  });

  test("signing up with a taken address is answered like a new one; the address's owner is told, and nobody is signed in", async ({ browser }) => {
    const owner = await signUpAndConfirm(await visitor(browser), mailing.sink);
    const stranger = await visitor(browser);
    await stranger.goto("/signup");
    await fillSignUp(stranger, newAccount({ email: owner.email }));
    await expect(stranger.getByRole("heading", { name: "Check your email" })).toBeVisible();
    await expect(stranger.getByRole("main").getByRole("status")).toHaveText(
      "We sent a link to the address you gave. Follow it to confirm your address and sign in.",
    );
    await expectSignedOut(stranger);
    const notice = await mailTo(mailing.sink, owner.email, "Someone tried to create an Agora account with your address");
    expect(notice.text).not.toContain("token=");
  });

  test("a member moves their account to a new address through the link sent there; the old address is told; the link works once, even without JavaScript", async ({
    browser,
  }) => {
    const page = await visitor(browser);
    const account = await signUpAndConfirm(page, mailing.sink);
    await page.goto("/settings");
    await page.getByRole("main").getByRole("link", { name: "Change", exact: true }).nth(1).click();
    await expect(page.getByRole("heading", { name: "Email address" })).toBeVisible();
    const newEmail = account.email.replace("@", "-moved@");
    const form = page.getByRole("form", { name: "Change your email address" });
    await form.getByLabel("New email address").fill(newEmail);
    await form.getByLabel("Your password").fill("not my password");
    await form.getByRole("button", { name: "Send the link" }).click();
    await expect(form.getByRole("alert")).toHaveText("That password is incorrect.");
    await form.getByLabel("Your password").fill(account.password);
    await form.getByRole("button", { name: "Send the link" }).click();
    await expect(form.getByRole("status")).toHaveText(
      `We sent a link to ${newEmail}. Follow it within an hour to finish; until then your address stays as it is.`,
    );
    const notice = await mailTo(mailing.sink, account.email, "Your Agora address is being changed");
    expect(notice.text).toContain(newEmail);
    const link = linkTo(await mailTo(mailing.sink, newEmail, "Confirm your new Agora address"), "/settings/email/confirm");

    // Opening the link changes nothing (mail scanners open links); the click does. Without JavaScript, signed out.
    const plain = await visitor(browser, { javaScriptEnabled: false });
    await plain.goto(link);
    await expect(plain.getByRole("heading", { name: "Confirm your new address" })).toBeVisible();
    await expect(plain.getByText(`Move your Agora account to ${newEmail}?`)).toBeVisible();
    await plain.getByRole("button", { name: "Use this address" }).click();
    await plain.waitForURL((url) => url.pathname === "/settings/email/changed");
    await expect(plain.getByRole("status")).toHaveText(
      "Your account's address has been changed. Sign in, password resets and notifications use it from now on.",
    );

    await page.goto("/settings");
    await expect(page.getByRole("main").getByText(newEmail, { exact: true })).toBeVisible();
    const again = await visitor(browser);
    await again.goto("/signin");
    await fillSignIn(again, { email: newEmail, password: account.password });
    await expectSignedInAs(again, account.name);
    await again.goto(link);
    await expect(again.getByRole("main").getByRole("alert")).toHaveText(/^That link has expired, was already used, or was replaced by a newer one/);
    await expect(again.getByRole("link", { name: "Change your address" })).toBeVisible();
  });

  test("screenshots of the check-email, address and confirmation pages at 375 and 1280 px, light and dark", async ({ browser }) => {
    const page = await visitor(browser);
    await signUpAndConfirm(page, mailing.sink);
    mkdirSync(SCREENSHOTS, { recursive: true });
    for (const colorScheme of ["light", "dark"] as const) {
      for (const width of [375, 1280]) {
        await page.emulateMedia({ colorScheme });
        await page.setViewportSize({ width, height: 800 });
        for (const [name, path] of [
          ["signup-check-email", "/signup/check-email"],
          ["settings-email", "/settings/email"],
          ["email-confirm-unusable", "/settings/email/confirm?token=nothing"],
        ] as const) {
          await page.goto(path);
          await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
          expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBe(0);
          await page.screenshot({ path: `${SCREENSHOTS}/${name}-${width}-${colorScheme}.png`, fullPage: true });
        }
      }
    }
  });
});
