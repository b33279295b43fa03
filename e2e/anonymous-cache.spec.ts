import { randomVisitorIp, startAppServer, type AppServer } from "./app-server";
import { expect, expectSignedInAs, homeCommentCount, openThread, postComment, signUp, test, threadPageCommentCount, unique } from "./helpers";

// The anonymous cache (lib/anonymous-page-cache.ts): signed-out readers get pages rendered at most
// ANONYMOUS_CACHE_SECONDS ago, each answer with its own CSP nonce; members always get fresh pages.

const TTL_SECONDS = 20;

test.describe("the anonymous cache", () => {
  test.describe.configure({ timeout: 150_000 });
  let server: AppServer;

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    server = await startAppServer({ ANONYMOUS_CACHE_SECONDS: String(TTL_SECONDS), LIVE_UPDATES_POLL_SECONDS: "1" });
  });

  test.afterAll(async () => {
    await server?.stop();
  });

  test("a signed-out reader's cached thread page still runs its scripts under a fresh nonce each time", async ({ browser }) => {
    const context = await browser.newContext({ baseURL: server.url, extraHTTPHeaders: { "x-forwarded-for": randomVisitorIp() } });
    const page = await context.newPage();
    const violations: string[] = [];
    page.on("console", (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
    });
    const thread = await openThread(page, 2);

    const nonces: string[] = [];
    const requestIds: string[] = [];
    for (let visit = 0; visit < 3; visit++) {
      // The open thread asks for new comments every second: only a page whose scripts run does that.
      const polled = page.waitForRequest(/\/api\/threads\/[^/]+\/new-comments/, { timeout: 20_000 });
      const response = (await page.goto(thread.path))!;
      expect(response.status()).toBe(200);
      const policy = response.headers()["content-security-policy"] ?? "";
      const nonce = /'nonce-([^']+)'/.exec(policy)?.[1] ?? "";
      nonces.push(nonce);
      requestIds.push(response.headers()["x-request-id"] ?? "");
      // Every script carries this answer's nonce, none the cached copy's.
      const scriptNonces = await page.locator("script[nonce]").evaluateAll((scripts) => scripts.map((script) => (script as HTMLScriptElement).nonce));
      expect(scriptNonces.length).toBeGreaterThan(0);
      expect(new Set(scriptNonces)).toEqual(new Set([nonce]));
      await polled;
    }
    expect(new Set(nonces).size).toBe(3);
    expect(new Set(requestIds).size).toBe(3);
    expect(violations).toEqual([]);
    await context.close();
  });

  test("signed-out readers see a comment within the cache's lifetime; its author sees it at once", async ({ browser }) => {
    const visitorContext = await browser.newContext({ baseURL: server.url, extraHTTPHeaders: { "x-forwarded-for": randomVisitorIp() } });
    const visitor = await visitorContext.newPage();
    const memberContext = await browser.newContext({ baseURL: server.url, extraHTTPHeaders: { "x-forwarded-for": randomVisitorIp() } });
    const member = await memberContext.newPage();

    const account = await signUp(member);
    const thread = await openThread(member, 4);
    const before = await homeCommentCount(visitor, thread.title);
    const cachedAt = Date.now();

    await member.goto(thread.path);
    const countBefore = await threadPageCommentCount(member);
    await postComment(member, unique("Posted while visitors read a cached page"));
    // The member is never served a cached page: their own name, and the new count, at once.
    await member.goto(thread.path);
    await expectSignedInAs(member, account.name);
    expect(await threadPageCommentCount(member)).toBe(countBefore + 1);
    expect(await homeCommentCount(member, thread.title)).toBe(before + 1);

    // The visitor's copy of the home page is the cached one until it expires...
    const seen = await homeCommentCount(visitor, thread.title);
    if (Date.now() - cachedAt < TTL_SECONDS * 1000) expect(seen).toBe(before);
    // ...and then the comment shows up for them too.
    await expect
      .poll(() => homeCommentCount(visitor, thread.title), { timeout: (TTL_SECONDS + 40) * 1000, intervals: [2_000] })
      .toBe(before + 1);
    await Promise.all([visitorContext.close(), memberContext.close()]);
  });
});
