import { startAppServer, type AppServer } from "./app-server";
import { expect, SEEDED_ARTICLE, test } from "./helpers";

// A server that trusts no proxy (TRUST_PROXY unset, the default): whatever X-Forwarded-* a client sends, links
// come from the address the server was reached at (the suite's own server trusts loopback, as behind nginx).
test.describe("without a trusted proxy", () => {
  test.describe.configure({ timeout: 120_000 });
  let server: AppServer | undefined;
  test.afterAll(async () => {
    await server?.stop();
  });

  test("X-Forwarded-Host: evil.example never reaches a feed's or a page's links", async ({ playwright, request }) => {
    server = await startAppServer({ TRUST_PROXY: "" });
    const home = await request.get(SEEDED_ARTICLE);
    const threadPath = /href="(\/t\/[a-z0-9]+)"/.exec(await home.text())?.[1];
    expect(threadPath).toBeTruthy();
    const visitor = await playwright.request.newContext({ baseURL: server.url });
    const forged = { "x-forwarded-host": "evil.example", "x-forwarded-proto": "https", "x-forwarded-for": "6.6.6.6" };
    const feed = await visitor.get(`${threadPath}/feed.xml`, { headers: forged });
    expect(feed.status()).toBe(200);
    const xml = await feed.text();
    expect(xml).not.toContain("evil.example");
    expect(xml).toContain(`${server.url}${threadPath}`);
    const page = await visitor.get(threadPath!, { headers: forged });
    expect(await page.text()).not.toContain("evil.example");
    await visitor.dispose();
  });
});
