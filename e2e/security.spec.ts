import { accountNav, expect, expectSignedInAs, openThread, signUp, test } from "./helpers";

test.describe("security headers", () => {
  for (const path of ["/", "/signin", "/signup"]) {
    test(`${path} sends a nonce-based CSP and the hardening headers`, async ({ request }) => {
      const response = await request.get(path);
      const headers = response.headers();
      const csp = headers["content-security-policy"] ?? "";
      expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
      expect(csp).not.toContain("unsafe-inline");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(headers["x-content-type-options"]).toBe("nosniff");
      expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
      expect(headers["permissions-policy"]).toContain("camera=()");
    });
  }

  test("a thread page gets a fresh nonce on every request and still runs its scripts", async ({ page }) => {
    const first = (await page.request.get("/")).headers()["content-security-policy"];
    const second = (await page.request.get("/")).headers()["content-security-policy"];
    expect(first).not.toBe(second);
    const violations: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    await signUp(page);
    await openThread(page, 1);
    // Reply and Report are client components: they only respond if hydration ran under the CSP.
    await page.getByRole("button", { name: "Report this thread" }).click();
    await expect(page.getByRole("button", { name: "Send report" })).toBeVisible();
    expect(violations).toEqual([]);
  });
});

test.describe("forged requests", () => {
  test("a POST from a foreign Origin is refused", async ({ request }) => {
    const response = await request.post("/", { headers: { origin: "https://evil.example", "next-action": "x" }, data: "{}" });
    expect(response.status()).toBe(403);
  });

  test("a POST with no Origin and no Sec-Fetch-Site is refused", async ({ request }) => {
    const response = await request.post("/", { headers: { "next-action": "x" }, data: "{}" });
    expect(response.status()).toBe(403);
  });

  test("a request carrying x-middleware-subrequest reaches nothing", async ({ request }) => {
    const response = await request.get("/mod", { headers: { "x-middleware-subrequest": "proxy:proxy:proxy:proxy:proxy" } });
    expect(response.status()).toBe(400);
  });

  test("signing out without Auth.js's CSRF token leaves the member signed in", async ({ page, baseURL }) => {
    const account = await signUp(page);
    const response = await page.request.post("/api/auth/signout", {
      headers: { origin: baseURL! },
      form: { callbackUrl: "/" },
      maxRedirects: 0,
    });
    expect(response.status()).toBeLessThan(500);
    await page.goto("/");
    await expectSignedInAs(page, account.name);
  });

  test("the session cookie is HttpOnly and SameSite=Lax", async ({ page, context }) => {
    await signUp(page);
    const cookie = (await context.cookies()).find((c) => c.name.endsWith("authjs.session-token"));
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe("Lax");
  });

  test("behind HTTPS the session cookie is Secure as well, with the __Secure- prefix", async ({ page, request, baseURL }) => {
    const account = await signUp(page);
    // A TLS-terminating proxy in front of `next start` says so with X-Forwarded-Proto (AUTH_TRUST_HOST).
    const https = { "x-forwarded-proto": "https" };
    const csrf = await request.get("/api/auth/csrf", { headers: https });
    const csrfCookie = csrf.headersArray().find((h) => h.name.toLowerCase() === "set-cookie" && h.value.startsWith("__Host-authjs.csrf-token="));
    expect(csrfCookie?.value).toMatch(/; Secure/i);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const response = await request.post("/api/auth/callback/credentials", {
      headers: { ...https, origin: baseURL!, cookie: csrfCookie!.value.split(";")[0]! },
      form: { email: account.email, password: account.password, csrfToken },
      maxRedirects: 0,
    });
    const session = response.headersArray().find((h) => h.name.toLowerCase() === "set-cookie" && h.value.startsWith("__Secure-authjs.session-token="));
    expect(session, "a session cookie is set").toBeTruthy();
    expect(session!.value).toMatch(/; Secure/i);
    expect(session!.value).toMatch(/; HttpOnly/i);
    expect(session!.value).toMatch(/; SameSite=Lax/i);
  });

  test("signing out ends the session on the server, not just in this browser", async ({ page, context, browser }) => {
    await signUp(page);
    await page.goto("/");
    const cookies = await context.cookies();
    await accountNav(page).getByRole("button", { name: "Sign out" }).click();
    await expect(accountNav(page).getByRole("link", { name: "Sign in", exact: true })).toBeVisible();
    // A copy of the old cookie, replayed from elsewhere, no longer signs anyone in.
    const replay = await browser.newContext();
    await replay.addCookies(cookies);
    const replayPage = await replay.newPage();
    await replayPage.goto("/");
    await expect(accountNav(replayPage).getByRole("link", { name: "Sign in", exact: true })).toBeVisible();
    await replay.close();
  });
});
