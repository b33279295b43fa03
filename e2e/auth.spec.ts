import {
  expect,
  expectSignedInAs,
  expectSignedOut,
  fillSignIn,
  fillSignUp,
  newAccount,
  newCommentBox,
  newContext,
  openThread,
  signIn,
  signOut,
  signUpThroughForm,
  test,
} from "./helpers";

const BAD_CREDENTIALS = "Email or password is incorrect.";

test.describe("accounts", () => {
  test("signing up signs the new user in and shows their name in the header", async ({ page }) => {
    const account = await signUpThroughForm(page);
    await expect(page).toHaveURL(/\/$/);
    await expectSignedInAs(page, account.name);
  });

  test("after signing out, signing in again with the same credentials works", async ({ page }) => {
    const account = await signUpThroughForm(page);
    await signOut(page);
    await expect(page).toHaveURL(/\/$/);

    await signIn(page, account);
    await expectSignedInAs(page, account.name);
  });

  test("signing out ends the session: a reload stays signed out", async ({ page }) => {
    await signUpThroughForm(page);
    await signOut(page);
    await page.reload();
    await expectSignedOut(page);
  });

  test("a wrong password and an unknown email get the very same error message", async ({ page }) => {
    const account = await signUpThroughForm(page);
    await signOut(page);

    await page.goto("/signin");
    await fillSignIn(page, { email: account.email, password: "not the right password" });
    const wrongPassword = page.getByRole("main").getByRole("alert");
    await expect(wrongPassword).toHaveText(BAD_CREDENTIALS);
    await expect(page.getByLabel("Email", { exact: true })).toHaveValue(account.email);
    await expectSignedOut(page);

    await page.goto("/signin");
    await fillSignIn(page, { email: newAccount().email, password: account.password });
    await expect(page.getByRole("main").getByRole("alert")).toHaveText(BAD_CREDENTIALS);
    await expectSignedOut(page);
  });

  test("signing up with an email that already has an account says it already exists", async ({ page }) => {
    const account = await signUpThroughForm(page);
    await signOut(page);

    await page.goto("/signup");
    await fillSignUp(page, { ...newAccount(), email: account.email });
    const email = page.getByLabel("Email", { exact: true });
    await expect(page.getByRole("main").getByRole("alert")).toContainText(/already exists/i);
    await expect(email).toHaveAccessibleDescription(/already exists/i);
    await expect(email).toHaveValue(account.email);
    await expectSignedOut(page);
  });

  test("a password shorter than 8 characters shows an error next to the field and keeps the typed name and email", async ({ page }) => {
    const account = newAccount({ password: "short" });
    await page.goto("/signup");
    await fillSignUp(page, account);

    const password = page.getByLabel("Password", { exact: true });
    await expect(password).toHaveAttribute("aria-invalid", "true");
    await expect(password).toHaveAccessibleDescription(/Passwords are at least 8 characters\./);
    await expect(page.getByRole("main").getByRole("alert")).toHaveText("Passwords are at least 8 characters.");
    await expect(page.getByLabel("Display name", { exact: true })).toHaveValue(account.name);
    await expect(page.getByLabel("Email", { exact: true })).toHaveValue(account.email);
    await expect(password).toHaveValue("");
    await expect(page).toHaveURL(/\/signup/);
    await expectSignedOut(page);
  });

  test("email addresses are not case-sensitive: signing in with different capitals works", async ({ page }) => {
    const account = await signUpThroughForm(page);
    await signOut(page);
    await signIn(page, { ...account, email: account.email.toUpperCase() });
    await expectSignedInAs(page, account.name);
  });

  test("a signed-in user opening the sign-in page is sent on to where they were going", async ({ page }) => {
    await signUpThroughForm(page);
    const thread = await openThread(page, 1);
    await page.goto(`/signin?callbackUrl=${encodeURIComponent(thread.path)}`);
    await expect(page).toHaveURL(new RegExp(`${thread.path}$`));
  });

  test("a sign-in callbackUrl pointing off-site is ignored and lands on the home page", async ({ page, browser }, testInfo) => {
    const setup = await newContext(browser, testInfo);
    const account = await signUpThroughForm(await setup.newPage());
    await setup.close();

    await page.goto(`/signin?callbackUrl=${encodeURIComponent("//example.com/phish")}`);
    await fillSignIn(page, account);
    await page.waitForURL((url) => url.pathname === "/");
    expect(new URL(page.url()).host).toBe(new URL(testInfo.project.use.baseURL ?? "").host);
    await expectSignedInAs(page, account.name);
  });
});

test.describe("signing in from a thread", () => {
  test("a signed-out reader sees an invitation to sign in instead of the comment box", async ({ page }) => {
    await openThread(page, 2);
    const prompt = page.getByText(/to join\s+the discussion/);
    await expect(prompt).toBeVisible();
    await expect(prompt.getByRole("link", { name: "Sign in" })).toBeVisible();
    await expect(prompt.getByRole("link", { name: "create an account" })).toBeVisible();
    await expect(newCommentBox(page)).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Reply" })).toHaveCount(0);
  });

  test("following the sign-in invitation and signing in returns to the same thread", async ({ page, browser }, testInfo) => {
    const setup = await newContext(browser, testInfo);
    const account = await signUpThroughForm(await setup.newPage());
    await setup.close();

    const thread = await openThread(page, 2);
    await page
      .getByText(/to join\s+the discussion/)
      .getByRole("link", { name: "Sign in" })
      .click();
    await expect(page).toHaveURL(/\/signin\?callbackUrl=/);
    await fillSignIn(page, account);

    await page.waitForURL((url) => url.pathname === thread.path);
    await expectSignedInAs(page, account.name);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(thread.title);
    await expect(newCommentBox(page)).toBeVisible();
  });

  test("following the create-an-account invitation and signing up returns to the same thread", async ({ page }) => {
    const thread = await openThread(page, 4);
    await page
      .getByText(/to join\s+the discussion/)
      .getByRole("link", { name: "create an account" })
      .click();
    await expect(page).toHaveURL(/\/signup\?callbackUrl=/);
    const account = newAccount();
    await fillSignUp(page, account);

    await page.waitForURL((url) => url.pathname === thread.path);
    await expectSignedInAs(page, account.name);
    await expect(newCommentBox(page)).toBeVisible();
  });

  test("from the sign-in page, the create-an-account link keeps the return address", async ({ page }) => {
    const thread = await openThread(page, 5);
    await page
      .getByText(/to join\s+the discussion/)
      .getByRole("link", { name: "Sign in" })
      .click();
    await page.getByRole("main").getByRole("link", { name: "Create an account" }).click();
    await expect(page).toHaveURL(/\/signup\?callbackUrl=/);
    const account = newAccount();
    await fillSignUp(page, account);

    await page.waitForURL((url) => url.pathname === thread.path);
    await expectSignedInAs(page, account.name);
  });
});
