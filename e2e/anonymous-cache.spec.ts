import type { APIRequestContext, Page } from "@playwright/test";
import { E2E_ADMIN } from "./accounts";
import { E2E_DATABASE, randomVisitorIp, startAppServer, type AppServer } from "./app-server";
import {
  commentParts,
  expect,
  expectSignedInAs,
  homeCommentCount,
  openAt,
  openThread,
  postComment,
  signInAsAdmin,
  signUp,
  test,
  threadPageCommentCount,
  unique,
} from "./helpers";

// The anonymous cache (lib/anonymous-page-cache.ts): signed-out readers get pages rendered at most
// ANONYMOUS_CACHE_SECONDS ago, each answer with its own CSP nonce; members always get fresh pages.

const TTL_SECONDS = 20;

test.describe("the anonymous cache", () => {
  test.describe.configure({ timeout: 150_000 });
  let server: AppServer;

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    server = await startAppServer({ ANONYMOUS_CACHE_SECONDS: String(TTL_SECONDS), LIVE_UPDATES_POLL_SECONDS: "1", ADMIN_EMAILS: E2E_ADMIN.email });
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
      // The open thread opens its live-updates stream (or polls): only a page whose scripts run does that.
      const polled = page.waitForRequest(/\/api\/threads\/[^/]+\/(events|new-comments)/, { timeout: 20_000 });
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
    await expect.poll(() => homeCommentCount(visitor, thread.title), { timeout: (TTL_SECONDS + 40) * 1000, intervals: [2_000] }).toBe(before + 1);
    await Promise.all([visitorContext.close(), memberContext.close()]);
  });

  test("a member's page is cached for signed-out readers, and gone for them at once when the member deletes their account", async ({ browser }) => {
    const visitorContext = await browser.newContext({ baseURL: server.url, extraHTTPHeaders: { "x-forwarded-for": randomVisitorIp() } });
    const visitor = await visitorContext.newPage();
    const memberContext = await browser.newContext({ baseURL: server.url, extraHTTPHeaders: { "x-forwarded-for": randomVisitorIp() } });
    const member = await memberContext.newPage();
    const account = await signUp(member);
    const thread = await openThread(member, 2);
    const words = unique("Soon to be deleted with its account");
    await postComment(member, words);
    const profile = (await member.getByRole("navigation", { name: "Account" }).getByRole("link", { name: account.name, exact: true }).getAttribute("href"))!;

    await visitor.goto(profile);
    await expect(visitor.getByText(words)).toBeVisible();
    // A second comment is not on the visitor's copy yet: the page came from the cache.
    const later = unique("Posted after the visitor's copy was made");
    await member.goto(thread.path);
    await postComment(member, later);
    await visitor.reload();
    await expect(visitor.getByText(words)).toBeVisible();
    await expect(visitor.getByText(later)).toHaveCount(0);

    await member.goto("/settings");
    const form = member.getByRole("form", { name: "Delete account" });
    await form.getByLabel("Your password").fill(account.password);
    await form.getByLabel(/cannot be restored/).check();
    await form.getByRole("button", { name: "Delete my account" }).click();
    await member.waitForURL("/settings/deleted");
    const deletedAt = Date.now();
    await visitor.goto(profile);
    await expect(visitor.getByRole("heading", { level: 1 })).toHaveText("[deleted account]");
    await expect(visitor.getByText(words)).toHaveCount(0);
    expect(Date.now() - deletedAt).toBeLessThan(5_000);
    await Promise.all([visitorContext.close(), memberContext.close()]);
  });

  test("a comment a moderator hides is gone for signed-out readers within a second, though their copy was fresh", async ({ browser }) => {
    const { author, moderator, visitor, path, commentId, body, close } = await hideScene(browser, server);
    // The visitor's copy holds the comment, and would for TTL_SECONDS without a purge.
    expect(await pageText(visitor, path)).toContain(body);
    await hide(moderator, path, commentId);
    const hiddenAt = Date.now();
    await expect.poll(() => pageText(visitor, path), { timeout: 1_000, intervals: [50] }).not.toContain(body);
    expect(Date.now() - hiddenAt).toBeLessThan(1_000);
    // And on the pages that were not open when it was hidden either.
    expect(await pageText(visitor, path.replace(/\?.*$/, ""))).not.toContain(body);
    await expect(author.getByText(body)).toHaveCount(1);
    await close();
  });
});

test.describe("the anonymous cache on two instances", () => {
  test.skip(E2E_DATABASE !== "postgres", "needs PostgreSQL (E2E_DATABASE=postgres): on SQLite Agora runs as one instance");
  test.describe.configure({ timeout: 150_000 });
  let first: AppServer;
  let second: AppServer;

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    const env = { ANONYMOUS_CACHE_SECONDS: String(TTL_SECONDS), ADMIN_EMAILS: E2E_ADMIN.email, DATABASE_POOL_SIZE: "3" };
    [first, second] = await Promise.all([startAppServer(env), startAppServer(env)]);
  });

  test.afterAll(async () => {
    await Promise.all([first?.stop(), second?.stop()]);
  });

  test("a comment hidden through one instance is gone for signed-out readers of the other within a second", async ({ browser, playwright }) => {
    const { moderator, visitor, path, commentId, body, close } = await hideScene(browser, first);
    const otherVisitor = await playwright.request.newContext({ baseURL: second.url, extraHTTPHeaders: { "x-forwarded-for": randomVisitorIp() } });
    expect(await pageText(otherVisitor, path)).toContain(body);
    expect(await pageText(visitor, path)).toContain(body);
    await hide(moderator, path, commentId);
    const hiddenAt = Date.now();
    await expect.poll(() => pageText(otherVisitor, path), { timeout: 1_000, intervals: [50] }).not.toContain(body);
    expect(Date.now() - hiddenAt).toBeLessThan(1_000);
    expect(await pageText(visitor, path)).not.toContain(body);
    await otherVisitor.dispose();
    await close();
  });
});

/** A member's fresh comment, a moderator (the suite's admin) and a signed-out visitor, all on `server`. */
async function hideScene(browser: import("@playwright/test").Browser, server: AppServer) {
  const context = () => browser.newContext({ baseURL: server.url, extraHTTPHeaders: { "x-forwarded-for": randomVisitorIp() } });
  const [authorContext, moderatorContext, visitorContext] = await Promise.all([context(), context(), context()]);
  const author = await authorContext.newPage();
  await signUp(author);
  const thread = await openThread(author, 3);
  const body = unique("Soon hidden by a moderator");
  const commentId = await postComment(author, body);
  const moderator = await moderatorContext.newPage();
  await signInAsAdmin(moderator);
  return {
    author,
    moderator,
    visitor: visitorContext.request,
    // Its permalink page: a page the cache has not held before, so the visitor's first copy has the comment.
    path: `${thread.path}?at=${commentId}`,
    commentId,
    body,
    close: () => Promise.all([authorContext.close(), moderatorContext.close(), visitorContext.close()]),
  };
}

/** What a signed-out reader gets for `path` (cached or not). */
async function pageText(visitor: APIRequestContext, path: string): Promise<string> {
  const response = await visitor.get(path, { headers: { accept: "text/html" } });
  expect(response.status()).toBe(200);
  return response.text();
}

/** Hides a comment from its thread page, and waits until the action has answered. */
async function hide(moderator: Page, path: string, commentId: string): Promise<void> {
  await openAt(moderator, path.replace(/\?.*$/, ""), commentId);
  const parts = commentParts(moderator, commentId);
  await parts.button("Moderate").click();
  await parts.article
    .getByLabel(/^Reason/)
    .first()
    .fill("Testing the purge");
  await parts.button("Hide").click();
  await expect(parts.article.getByRole("status").first()).toContainText("Comment hidden.");
}
