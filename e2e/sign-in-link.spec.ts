import { signUpAndConfirm, useMailingServer } from "./mail-server";
import { expect, expectSignedInAs, expectSignedOut, test } from "./helpers";

// Sign-in by emailed link through a real SMTP conversation: a server of this build with SMTP_URL pointing at a
// local sink (lib/testing/smtp-sink.ts), its AUTH_URL its own address, so the emailed link opens on it.

const LINK = /(http:\/\/127\.0\.0\.1:\d+\/api\/auth\/callback\/nodemailer\?\S+)/;
const SENT = /^If an account uses that address, we have emailed it a sign-in link\. The link works once, for 15 minutes\.$/;

test.describe("sign-in by emailed link", () => {
  test.describe.configure({ timeout: 150_000 });
  const mailing = useMailingServer();
  const visitor = mailing.visitor;

  test("a member asks for a link on the sign-in page, follows it once and is signed in; the used link then says so", async ({ browser }) => {
    const account = await signUpAndConfirm(await visitor(browser), mailing.sink);

    const page = await visitor(browser);
    await page.goto("/signin?callbackUrl=%2Fsearch");
    await page.getByRole("link", { name: "Email me a sign-in link" }).click();
    await expect(page.getByRole("heading", { name: "Sign in by email" })).toBeVisible();
    const sent = mailing.sink.messages.length;
    await page.getByLabel("Email", { exact: true }).fill(account.email.toUpperCase());
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
    await expect(page.getByRole("main").getByRole("status")).toHaveText(SENT);

    const mail = (await mailing.sink.waitFor(sent + 1))[sent]!;
    expect(mail.to).toEqual([account.email]);
    expect(mail.subject).toBe("Your Agora sign-in link");
    const link = LINK.exec(mail.text)?.[1];
    expect(link, mail.text).toBeDefined();

    await page.goto(link!);
    await page.waitForURL((url) => url.pathname === "/search");
    await expectSignedInAs(page, account.name);

    // The link worked once: followed again, elsewhere, it signs nobody in and says why.
    const again = await visitor(browser);
    await again.goto(link!);
    await again.waitForURL((url) => url.pathname === "/signin");
    await expect(again.getByRole("main").getByRole("alert").first()).toHaveText(
      "That sign-in link has expired or was already used. Sign in below, or ask for a new link.",
    );
    await expectSignedOut(again);
  });

  test("without JavaScript, an unknown address gets the same answer and no email, and a forged link signs nobody in", async ({ browser }) => {
    const page = await visitor(browser, { javaScriptEnabled: false });
    await page.goto("/signin/email");
    const sent = mailing.sink.messages.length;
    const nobody = `nobody-${Date.now()}@example.test`;
    await page.getByLabel("Email", { exact: true }).fill(nobody);
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
    await expect(page.getByRole("main").getByRole("status")).toHaveText(SENT);
    // A known address's email arrives within a second or two; none comes for this one.
    await expect(mailing.sink.waitFor(sent + 1, 3_000)).rejects.toThrow();

    // Not an email address: the form says so.
    await page.goto("/signin/email");
    await page.getByLabel("Email", { exact: true }).fill("not an address");
    await page.getByRole("button", { name: "Email me a sign-in link" }).click();
    await expect(page.getByRole("main").getByRole("alert").first()).toBeVisible();
    await expect(page.getByRole("heading", { name: "Sign in by email" })).toBeVisible();

    await page.goto(`/api/auth/callback/nodemailer?token=${"a".repeat(64)}&email=${encodeURIComponent(nobody)}&callbackUrl=%2F`);
    await page.waitForURL((url) => url.pathname === "/signin");
    await expect(page.getByRole("main").getByRole("alert").first()).toHaveText(/expired or was already used/);
    await expectSignedOut(page);
  });
});

test("the sign-in page offers no emailed link, and its page says why, where email is not configured", async ({ page }) => {
  await page.goto("/signin");
  await expect(page.getByRole("link", { name: "Email me a sign-in link" })).toHaveCount(0);
  await page.goto("/signin/email");
  await expect(page.getByRole("main").getByRole("status")).toHaveText(/Sign-in links need email, and this forum has not set up email/);
});
