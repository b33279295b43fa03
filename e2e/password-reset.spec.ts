import { mkdirSync } from "node:fs";
import type { SmtpSink } from "../lib/testing/smtp-sink";
import { randomVisitorIp, type AppServer } from "./app-server";
import { signUpAndConfirm, startMailingServer, useMailingServer } from "./mail-server";
import { accountNav, attemptSignIn, expect, expectSignedInAs, expectSignedOut, fillSignIn, test } from "./helpers";

// The forgotten password through a real SMTP conversation: a server of this build with SMTP_URL pointing at a local
// sink (lib/testing/smtp-sink.ts), its AUTH_URL its own address, so the emailed link opens on it.

const SCREENSHOTS = "test-results/screenshots";
const LINK = /(http:\/\/127\.0\.0\.1:\d+\/reset-password\?token=[A-Za-z0-9_-]+)/;

test.describe("forgotten password, with email configured", () => {
  test.describe.configure({ timeout: 150_000 });
  const mailing = useMailingServer();
  const visitor = mailing.visitor;

  test("a member who forgot their password gets a link by email, sets a new one, is signed in, and every other session ends", async ({ browser }) => {
    const home = await visitor(browser);
    const account = await signUpAndConfirm(home, mailing.sink);

    // Elsewhere, the member cannot remember the password.
    const away = await visitor(browser);
    await away.goto("/signin");
    await attemptSignIn(away, { email: account.email, password: "not the password" });
    await expect(away.getByRole("main").getByRole("alert")).toHaveText("Email or password is incorrect.");
    await away.getByRole("link", { name: "Reset your password" }).click();
    await expect(away.getByRole("heading", { name: "Forgot your password?" })).toBeVisible();
    const sent = mailing.sink.messages.length;
    await away.getByLabel("Email", { exact: true }).fill(account.email);
    await away.getByRole("button", { name: "Email me a link" }).click();
    await expect(away.getByRole("main").getByRole("status")).toHaveText(/^If an account uses that address, we have emailed it a link/);

    const mails = await mailing.sink.waitFor(sent + 1);
    const mail = mails[sent]!;
    expect(mail.to).toEqual([account.email]);
    expect(mail.subject).toBe("Reset your Agora password");
    const link = LINK.exec(mail.text)?.[1];
    expect(link, mail.text).toBeDefined();

    await away.goto(link!);
    await expect(away.getByRole("heading", { name: "Choose a new password" })).toBeVisible();
    mkdirSync(SCREENSHOTS, { recursive: true });
    await away.screenshot({ path: `${SCREENSHOTS}/reset-password-form.png`, fullPage: true });
    await away.getByLabel("New password", { exact: true }).fill("a brand new password");
    await away.getByRole("button", { name: "Set new password" }).click();
    await away.waitForURL((url) => url.pathname === "/");
    await expectSignedInAs(away, account.name);

    // The session that was signed in before the reset has ended.
    await home.reload();
    await expectSignedOut(home);
    // The old password no longer works; the new one does.
    await home.goto("/signin");
    await attemptSignIn(home, { email: account.email, password: account.password });
    await expect(home.getByRole("main").getByRole("alert")).toHaveText("Email or password is incorrect.");
    // (attemptSignIn waits for the form to come back; a successful sign-in leaves the page instead.)
    await fillSignIn(home, { email: account.email, password: "a brand new password" });
    await expectSignedInAs(home, account.name);

    // The link worked once.
    const again = await visitor(browser);
    await again.goto(link!);
    await expect(again.getByRole("heading", { name: "This reset link does not work" })).toBeVisible();
    await expect(again.getByText("It has expired (links work for one hour) or was already used.")).toBeVisible();
    await again.getByRole("link", { name: "Ask for a new link" }).click();
    await expect(again.getByRole("heading", { name: "Forgot your password?" })).toBeVisible();
  });

  test("an unknown address gets the same answer and no email; a forged or malformed link gets a clear page", async ({ browser }) => {
    const page = await visitor(browser);
    await page.goto("/forgot-password");
    const sent = mailing.sink.messages.length;
    await page.getByLabel("Email", { exact: true }).fill(`nobody-${Date.now()}@example.test`);
    await page.getByRole("button", { name: "Email me a link" }).click();
    await expect(page.getByRole("main").getByRole("status")).toHaveText(/^If an account uses that address, we have emailed it a link/);
    // A known address's email arrives within a second or two; none comes for this one.
    await expect(mailing.sink.waitFor(sent + 1, 3_000)).rejects.toThrow();

    await page.goto(`/reset-password?token=${"A".repeat(43)}`);
    await expect(page.getByRole("heading", { name: "This reset link does not work" })).toBeVisible();
    await page.goto("/reset-password?token=%3Cscript%3E");
    await expect(page.getByRole("heading", { name: "This reset link does not work" })).toBeVisible();
    await expect(page.getByText("The link is incomplete or was changed")).toBeVisible();
    await expect(page.getByRole("link", { name: "Ask for a new link" })).toBeVisible();
  });
});

test.describe("forgotten-password pages", () => {
  test.describe.configure({ timeout: 150_000 });
  let sink: SmtpSink;
  let server: AppServer;

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    ({ sink, server } = await startMailingServer());
  });

  test.afterAll(async () => {
    await server?.stop();
    await sink?.close();
  });

  test("screenshots at 375 and 1280 px, light and dark", async ({ browser }) => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    for (const colorScheme of ["light", "dark"] as const) {
      for (const width of [375, 1280]) {
        const context = await browser.newContext({
          baseURL: server.url,
          colorScheme,
          viewport: { width, height: 800 },
          extraHTTPHeaders: { "x-forwarded-for": randomVisitorIp() },
        });
        const page = await context.newPage();
        await page.goto("/forgot-password");
        // An address of its own each time: reset emails are limited per address (RATE_LIMIT_RESET_ACCOUNT).
        await page.getByLabel("Email", { exact: true }).fill(`someone-${width}-${colorScheme}-${Date.now()}@example.test`);
        await page.getByRole("button", { name: "Email me a link" }).click();
        await expect(page.getByRole("main").getByRole("status")).toBeVisible();
        await page.screenshot({ path: `${SCREENSHOTS}/forgot-password-${width}-${colorScheme}.png`, fullPage: true });
        await page.goto(`/reset-password?token=${"A".repeat(43)}`);
        await expect(page.getByRole("heading", { name: "This reset link does not work" })).toBeVisible();
        await page.screenshot({ path: `${SCREENSHOTS}/reset-password-unusable-${width}-${colorScheme}.png`, fullPage: true });
        await context.close();
      }
    }
  });
});

test("without email configured, the forgotten-password page says plainly that reset needs email", async ({ page }) => {
  await page.goto("/signin");
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(page.getByRole("heading", { name: "Forgot your password?" })).toBeVisible();
  await expect(page.getByText("Password reset needs email, and this forum has not set up email.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Email me a link" })).toHaveCount(0);
  await expect(accountNav(page)).toBeVisible();
});
