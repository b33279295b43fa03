import { Events, OAuth2Server } from "oauth2-mock-server";
import { randomVisitorIp, startAppServer, type AppServer } from "./app-server";
import { accountNav, expect, expectSignedInAs, expectSignedOut, createAccount, signOut, test } from "./helpers";

// Sign-in through an organisation's own OpenID Connect provider (OIDC_ISSUER…), end to end against a real OIDC
// server (oauth2-mock-server: discovery, authorization code with PKCE, signed ID tokens, JWKS), not a stub of
// Auth.js. The Agora server is one of the suite's build, started with the provider configured.

const PROVIDER_NAME = "Example SSO";

/** Who the provider says signs in next: the claims of the ID token it signs. */
type Identity = { sub: string; email: string; name: string };

test.describe("signing in with OpenID Connect", () => {
  test.describe.configure({ timeout: 120_000 });
  let provider: OAuth2Server;
  let app: AppServer;
  let identity: Identity;

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    provider = new OAuth2Server();
    await provider.issuer.keys.generate("RS256");
    await provider.start(0, "127.0.0.1");
    // The address the browser and Agora both reach it at; the ID token's `iss` carries the same.
    const { port } = new URL(provider.issuer.url!);
    provider.issuer.url = `http://127.0.0.1:${port}`;
    provider.service.on(Events.BeforeTokenSigning, (token) => {
      Object.assign(token.payload, { sub: identity.sub, email: identity.email, email_verified: true, name: identity.name });
    });
    app = await startAppServer({
      OIDC_ISSUER: provider.issuer.url,
      OIDC_CLIENT_ID: "agora-e2e",
      OIDC_CLIENT_SECRET: "agora-e2e-secret",
      OIDC_NAME: PROVIDER_NAME,
    });
  });

  test.afterAll(async () => {
    await app?.stop();
    await provider?.stop();
  });

  // Without AUTH_URL, Auth.js builds the callback address from Next's request URL, which names the host
  // "localhost" whatever address the server listens on; the browser uses that name too, so the cookies Auth.js
  // sets (state, PKCE) come back with the provider's redirect. (A deployment sets AUTH_URL: docs/postgres.md.)
  const appOrigin = () => app.url.replace("127.0.0.1", "localhost");

  async function newPage(browser: import("@playwright/test").Browser) {
    const context = await browser.newContext({ baseURL: appOrigin(), extraHTTPHeaders: { "x-forwarded-for": randomVisitorIp() } });
    return context.newPage();
  }

  test("a new member signs in through the provider, and comes back to the same account", async ({ browser }) => {
    const stamp = `${Date.now()}-${Math.random().toString(36).slice(2, 7)}`;
    identity = { sub: `sso-${stamp}`, email: `sso-${stamp}@example.test`, name: `Sso ${stamp.slice(-5)}` };
    const page = await newPage(browser);

    await page.goto("/signin?callbackUrl=%2Fsearch");
    await page.getByRole("button", { name: `Sign in with ${PROVIDER_NAME}` }).click();
    // There and back: the provider's authorize endpoint, Auth.js's callback, then where the reader was going.
    await page.waitForURL((url) => url.origin === appOrigin() && url.pathname === "/search");
    await expectSignedInAs(page, identity.name);
    const profile = await accountNav(page).getByRole("link", { name: identity.name, exact: true }).getAttribute("href");
    expect(profile).toMatch(/^\/u\/\w+$/);

    await signOut(page);
    await expectSignedOut(page);
    await page.goto("/signin");
    await page.getByRole("button", { name: `Sign in with ${PROVIDER_NAME}` }).click();
    await page.waitForURL((url) => url.origin === appOrigin() && url.pathname === "/");
    await expectSignedInAs(page, identity.name);
    // The same member, not a second account with the same name.
    expect(await accountNav(page).getByRole("link", { name: identity.name, exact: true }).getAttribute("href")).toBe(profile);
    await page.context().close();
  });

  test("an identity with a member's email is not linked to that account: the page says why, nobody is signed in", async ({ browser }) => {
    const page = await newPage(browser);
    // A member with a password (signed out)...
    const member = await createAccount();
    // ...and a provider that asserts the same address for someone else.
    identity = { sub: `impostor-${Date.now()}`, email: member.email, name: "Someone Else" };

    await page.goto("/signin");
    await page.getByRole("button", { name: `Sign in with ${PROVIDER_NAME}` }).click();
    await page.waitForURL((url) => url.origin === appOrigin() && url.pathname === "/signin");
    // (Next's route announcer is an empty role="alert" too: the one that speaks is the page's own.)
    await expect(page.getByRole("alert").filter({ hasText: /\S/ })).toHaveText(
      "That email address already belongs to an Agora account. Sign in with its password instead.",
    );
    await expectSignedOut(page);
    await page.context().close();
  });

  test("without a provider configured there is no button", async ({ page }) => {
    // The suite's own server runs without OIDC_ISSUER.
    await page.goto("/signin");
    await expect(page.getByRole("button", { name: /Sign in with/ })).toHaveCount(0);
  });
});
