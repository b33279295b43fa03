import { existsSync } from "node:fs";
import type { APIRequestContext, Browser, Response } from "@playwright/test";
import { E2E_DATABASE, startAppServer, type AppServer } from "./app-server";
import { hiddenFields, newFormVisitor } from "./form-visitor";
import { NGINX_BINARY, clientOf, startNginx, type Client, type Nginx } from "./nginx-server";
import { comment, commentParts, expect, expectSignedInAs, newAccount, openAt, openThread, postComment, signUp, test, unique } from "./helpers";

// Agora as deployed: nginx (docs/nginx/agora-locations.conf, the file docs/deploy.md describes) round-robin in
// front of two instances on one PostgreSQL database, each trusting one proxy hop (TRUST_PROXY=1). Every client
// here reaches nginx from an address of its own (e2e/nginx-server.ts), as visitors on the internet do.

const SIGNUPS_PER_ADDRESS = 2;
const moderator = newAccount();

test.describe("behind nginx, two instances", () => {
  test.skip(
    E2E_DATABASE !== "postgres",
    "needs PostgreSQL (E2E_DATABASE=postgres): a SQLite database is one file on one machine, so Agora on SQLite runs as one instance and has nothing to balance",
  );
  test.skip(!existsSync(NGINX_BINARY), `needs nginx at ${NGINX_BINARY} (apt-get install nginx; .ci/run installs it)`);
  test.describe.configure({ timeout: 90_000 });

  let first: AppServer | undefined;
  let second: AppServer | undefined;
  let nginx: Nginx | undefined;
  const clients: Client[] = [];
  const upstreamOf = (response: Response | { headers(): Record<string, string> }) => response.headers()["x-upstream"] ?? "";

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    const env = {
      TRUST_PROXY: "1",
      RATE_LIMIT_SIGNUP_IP: `${SIGNUPS_PER_ADDRESS}/3600`,
      // Signed-out pages are cached long enough that only a purge can empty them within the test's second.
      ANONYMOUS_CACHE_SECONDS: "30",
      // Polling so slow that only the event stream can bring a comment within 2 s.
      LIVE_UPDATES_POLL_SECONDS: "60",
      ADMIN_EMAILS: moderator.email,
      DATABASE_POOL_SIZE: "3",
    };
    [first, second] = await Promise.all([startAppServer(env), startAppServer(env)]);
    nginx = await startNginx([first.url, second.url], process.env.E2E_NGINX_PORT ? Number(process.env.E2E_NGINX_PORT) : undefined);
  });

  test.afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await nginx?.stop();
    await Promise.all([first?.stop(), second?.stop()]);
  });

  const upstreams = () => [first!, second!].map((server) => new URL(server.url).host);

  /** A new visitor: a browser context whose requests reach nginx from an address of its own. */
  async function visitor(browser: Browser) {
    const client = await clientOf(nginx!.url);
    clients.push(client);
    const context = await browser.newContext({ baseURL: client.url });
    return { context, page: await context.newPage(), client };
  }

  /** One request that shifts nginx's round-robin by one. */
  const nudge = (request: APIRequestContext) => request.get("/api/health");

  test("a member signs up and posts through nginx, and both instances serve their session", async ({ browser }) => {
    const { context, page } = await visitor(browser);
    const account = await signUp(page);
    const thread = await openThread(page, 1);
    const body = unique("Posted through nginx");
    const id = await postComment(page, body);

    const served = new Set<string>();
    for (let visit = 0; visit < 10 && served.size < 2; visit++) {
      const response = (await page.goto(`${thread.path}?at=${id}`))!;
      expect(response.status()).toBe(200);
      const upstream = upstreamOf(response);
      await expectSignedInAs(page, account.name);
      await expect(comment(page, id)).toContainText(body);
      // A page load is several requests: when the page came from the same instance again, shift the rotation.
      if (served.has(upstream)) await nudge(context.request);
      served.add(upstream);
    }
    expect([...served].sort()).toEqual(upstreams().sort());
    await context.close();
  });

  test("per-IP limits key on the address nginx saw, whatever X-Forwarded-For the client sends", async () => {
    const attempt = async (client: Client, forwardedFor: string) => {
      const form = await newFormVisitor(client.url, { forwardedFor });
      try {
        const hidden = hiddenFields(await form.page("/signup"), /name="password"/);
        const account = newAccount();
        const response = await form.submit("/signup", hidden, { name: account.name, email: account.email, password: account.password });
        return { status: response.status(), text: await response.text() };
      } finally {
        await form.close();
      }
    };
    const client = await clientOf(nginx!.url);
    const other = await clientOf(nginx!.url);
    clients.push(client, other);

    // The limit is spent by one address that claims to be someone else each time...
    for (let i = 1; i <= SIGNUPS_PER_ADDRESS; i++) expect((await attempt(client, "198.51.100.23")).status).toBe(303);
    const refused = await attempt(client, "198.51.100.23");
    expect(refused.status).toBe(200);
    expect(refused.text).toContain("Too many new accounts from your address.");
    // ...and another forged value does not make it a new visitor (the attempts went to both instances in turn).
    for (const forged of ["203.0.113.77", "10.1.2.3, 192.0.2.1"]) {
      expect((await attempt(client, forged)).text).toContain("Too many new accounts from your address.");
    }
    // A visitor from another address, though it forges the same header, is not held back.
    expect((await attempt(other, "198.51.100.23")).status).toBe(303);
  });

  test("a moderator's hide through one instance empties the anonymous cache of the other within a second", async ({ browser, playwright }) => {
    const author = await visitor(browser);
    await signUp(author.page);
    const thread = await openThread(author.page, 3);
    const body = unique("Hidden through nginx");
    const commentId = await postComment(author.page, body);
    const path = `${thread.path}?at=${commentId}`;

    // A signed-out reader whose copies, cached by both instances, hold the comment.
    const readerClient = await clientOf(nginx!.url);
    clients.push(readerClient);
    const reader = await playwright.request.newContext({ baseURL: readerClient.url });
    const read = async () => {
      const response = await reader.get(path, { headers: { accept: "text/html" } });
      expect(response.status()).toBe(200);
      return { upstream: upstreamOf(response), text: await response.text() };
    };
    const cached = new Set<string>();
    for (let i = 0; i < 10 && cached.size < 2; i++) {
      const { upstream, text } = await read();
      expect(text).toContain(body);
      cached.add(upstream);
    }
    expect(cached.size).toBe(2);

    const mod = await visitor(browser);
    await signUp(mod.page, moderator);
    await openAt(mod.page, thread.path, commentId);
    const parts = commentParts(mod.page, commentId);
    await parts.button("Moderate").click();
    await parts.article
      .getByLabel(/^Reason/)
      .first()
      .fill("Testing the purge through nginx");
    const hidden = mod.page.waitForResponse((response) => response.request().method() === "POST");
    await parts.button("Hide").click();
    const hideUpstream = upstreamOf(await hidden);
    const hiddenAt = Date.now();
    const otherUpstream = upstreams().find((upstream) => upstream !== hideUpstream);
    expect(otherUpstream).toBeTruthy();

    // The other instance's answers lose the comment within a second (the reader's requests alternate).
    await expect
      .poll(
        async () => {
          const { upstream, text } = await read();
          return upstream === otherUpstream && !text.includes(body);
        },
        { timeout: 1_000, intervals: [50] },
      )
      .toBe(true);
    expect(Date.now() - hiddenAt).toBeLessThan(1_000);
    await expect(parts.article.getByRole("status").first()).toContainText("Comment hidden.");
    await reader.dispose();
    await Promise.all([author.context.close(), mod.context.close()]);
  });

  test("a comment posted through one instance reaches a reader streaming from the other within 2 s", async ({ browser }) => {
    const reader = await visitor(browser);
    await signUp(reader.page);
    const streamed = reader.page.waitForResponse((response) => /\/api\/threads\/[^/]+\/events\?/.test(response.url()));
    const thread = await openThread(reader.page, 5);
    const stream = await streamed;
    expect(stream.status()).toBe(200);
    expect(stream.headers()["content-type"]).toContain("text/event-stream");
    const streamUpstream = upstreamOf(stream);

    const writer = await visitor(browser);
    await signUp(writer.page);
    await writer.page.goto(thread.path);
    const notice = (count: number) => reader.page.getByRole("button", { name: `${count} new comment${count === 1 ? "" : "s"} — show` });
    // Posts until one goes through the instance the reader is not streaming from; a post through the reader's own
    // instance is waited for too, so the last count can only come from the other instance's notification.
    for (let count = 1; count <= 6; count++) {
      const posted = writer.page.waitForResponse((response) => response.request().method() === "POST");
      await postComment(writer.page, unique(`Streamed through nginx ${count}`));
      const postUpstream = upstreamOf(await posted);
      const postedAt = Date.now();
      if (postUpstream !== streamUpstream) {
        await expect(notice(count)).toBeVisible({ timeout: 2_000 });
        expect(Date.now() - postedAt).toBeLessThan(2_000);
        await Promise.all([reader.context.close(), writer.context.close()]);
        return;
      }
      await expect(notice(count)).toBeVisible({ timeout: 2_000 });
      await nudge(writer.context.request);
    }
    throw new Error(`every post went to the reader's instance ${streamUpstream}`);
  });
});
