import { attemptSignIn, expect, expectSignedInAs, fillSignIn, fillSignUp, newAccount, newContext, signOut, signUpThroughForm, test } from "./helpers";

// Each test runs from its own made-up address (see `test` in helpers.ts), so spending a limit here
// does not affect any other test.
test.describe("rate limits", () => {
  test("after five wrong passwords for one account, sign-in asks to wait instead of checking a sixth", async ({ page }) => {
    const account = await signUpThroughForm(page);
    await signOut(page);
    await page.goto("/signin");
    for (let attempt = 1; attempt <= 5; attempt++) {
      await attemptSignIn(page, { email: account.email, password: `wrong password ${attempt}` });
      await expect(page.getByRole("main").getByRole("alert")).toHaveText("Email or password is incorrect.");
    }
    await fillSignIn(page, { email: account.email, password: account.password });
    await expect(page.getByRole("main").getByRole("alert")).toHaveText(/^Too many sign-in attempts\. Try again in \d+ minutes?\.$/);
  });

  test("wrong passwords from one address never stop the owner signing in from another", async ({ page, browser }, testInfo) => {
    const account = await signUpThroughForm(page);
    await signOut(page);
    await page.goto("/signin");
    for (let attempt = 1; attempt <= 6; attempt++) {
      await attemptSignIn(page, { email: account.email, password: `wrong password ${attempt}` });
    }
    await expect(page.getByRole("main").getByRole("alert")).toHaveText(/^Too many sign-in attempts/);

    // A fresh context comes from another made-up address.
    const owner = await (await newContext(browser, testInfo)).newPage();
    await owner.goto("/signin");
    await fillSignIn(owner, account);
    await owner.waitForURL((url) => url.pathname === "/");
    await expectSignedInAs(owner, account.name);
  });

  // Regression: sign-up used to crash with a server error once the address's sign-in attempts were spent.
  test("when this address has used up its sign-in attempts, signing up explains instead of crashing", async ({ page, baseURL }) => {
    test.setTimeout(90_000);
    // RATE_LIMIT_SIGNIN_IP defaults to 100 per 15 minutes; unknown emails so no single account's limit is hit first.
    // The attempts are the sign-in's own request to Auth.js, from this page's address, without a page for each.
    const { csrfToken } = (await (await page.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
    for (let attempt = 1; attempt <= 120; attempt++) {
      const form = { email: newAccount().email, password: "whatever it is", csrfToken };
      const response = await page.request.post("/api/auth/callback/credentials", { headers: { origin: baseURL! }, form, maxRedirects: 0 });
      const refusal = response.headers()["location"] ?? "";
      expect(refusal).toContain("error=CredentialsSignin");
      if (refusal.includes("rate_limited")) break;
    }
    // The form says so too.
    await page.goto("/signin");
    const alert = page.getByRole("main").getByRole("alert");
    await attemptSignIn(page, { email: newAccount().email, password: "whatever it is" });
    await expect(alert).toContainText("Too many sign-in attempts");

    const account = newAccount();
    await page.goto("/signup");
    const answered = page.waitForResponse((response) => response.request().method() === "POST");
    await fillSignUp(page, account);
    await answered;
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Create an account");
    await expect(page.getByRole("main").getByRole("alert")).toContainText(/Too many|try again/i);
  });
});
