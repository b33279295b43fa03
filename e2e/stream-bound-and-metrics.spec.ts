import { randomBytes } from "node:crypto";
import { randomVisitorIp, startAppServer, type AppServer } from "./app-server";
import { expect, openThread, postComment, signUp, test, unique } from "./helpers";

// Two operator-facing edges of an instance: the bound on open live-update streams (LIVE_UPDATES_MAX_STREAMS: past
// it the events route answers 503 with Retry-After and the page polls instead), and /api/metrics behind
// METRICS_TOKEN (404 when unset, 401 with a wrong token, Prometheus text with the right one).

const METRICS_TOKEN = randomBytes(24).toString("hex");

test.describe("an instance's stream bound and metrics endpoint", () => {
  test.describe.configure({ timeout: 90_000 });
  let server: AppServer | undefined;

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    server = await startAppServer({ LIVE_UPDATES_MAX_STREAMS: "1", LIVE_UPDATES_POLL_SECONDS: "1", METRICS_TOKEN });
  });

  test.afterAll(async () => {
    await server?.stop();
  });

  test("past LIVE_UPDATES_MAX_STREAMS the events route answers 503 with Retry-After, and the page polls instead", async ({ browser, page }) => {
    const thread = await openThread(page, 4);
    const events = `${server!.url}/api/threads/${thread.id}/events?since=${encodeURIComponent(new Date().toISOString())}`;

    // One reader takes the only place: its stream is open and has said where things stand.
    const holder = new AbortController();
    const held = await fetch(events, { signal: holder.signal, headers: { "x-forwarded-for": randomVisitorIp() } });
    expect(held.status).toBe(200);
    expect(held.headers.get("content-type")).toContain("text/event-stream");
    const reader = held.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toContain("event: update");

    try {
      const refused = await fetch(events, { headers: { "x-forwarded-for": randomVisitorIp() } });
      expect(refused.status).toBe(503);
      expect(refused.headers.get("retry-after")).toBe("30");
      expect(refused.headers.get("cache-control")).toContain("no-store");
      expect(await refused.json()).toEqual({ error: { code: "unavailable", message: expect.stringContaining("/new-comments") } });

      // A reader who opens the thread now is refused a stream, asks /new-comments instead, and still hears of a comment.
      const readerContext = await browser.newContext({ baseURL: server!.url, extraHTTPHeaders: { "x-forwarded-for": randomVisitorIp() } });
      const readerPage = await readerContext.newPage();
      const streamRefused = readerPage.waitForResponse((response) => response.url().includes(`/api/threads/${thread.id}/events`));
      const polled = readerPage.waitForResponse((response) => response.url().includes(`/api/threads/${thread.id}/new-comments`));
      await readerPage.goto(thread.path);
      expect((await streamRefused).status()).toBe(503);
      expect((await polled).status()).toBe(200);

      const writerContext = await browser.newContext({ baseURL: server!.url, extraHTTPHeaders: { "x-forwarded-for": randomVisitorIp() } });
      const writerPage = await writerContext.newPage();
      await signUp(writerPage);
      await writerPage.goto(thread.path);
      await postComment(writerPage, unique("Heard by polling"));
      await expect(readerPage.getByRole("button", { name: "1 new comment — show" })).toBeVisible({ timeout: 10_000 });
      await Promise.all([readerContext.close(), writerContext.close()]);
    } finally {
      holder.abort();
    }

    // Once the first stream is closed, its place is free again.
    await expect
      .poll(async () => {
        const again = new AbortController();
        const response = await fetch(events, { signal: again.signal, headers: { "x-forwarded-for": randomVisitorIp() } });
        again.abort();
        return response.status;
      })
      .toBe(200);
  });

  test("/api/metrics answers 404 where METRICS_TOKEN is not set", async ({ request }) => {
    // The suite's own server runs without a token.
    const response = await request.get("/api/metrics", { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(response.status()).toBe(404);
    expect(await response.json()).toEqual({ error: { code: "not_found", message: "Not found." } });
  });

  test("/api/metrics answers 401 without the right token, and Prometheus text with it", async ({ request }) => {
    const url = `${server!.url}/api/metrics`;
    for (const authorization of [undefined, "Bearer wrong-token-of-some-length", `Bearer ${METRICS_TOKEN}x`, `Basic ${METRICS_TOKEN}`, METRICS_TOKEN]) {
      const response = await request.get(url, { headers: authorization ? { authorization } : {} });
      expect(response.status(), `Authorization: ${authorization}`).toBe(401);
      expect(response.headers()["www-authenticate"]).toBe('Bearer realm="metrics"');
      expect((await response.json()).error.code).toBe("unauthorized");
    }

    const response = await request.get(url, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toMatch(/^text\/plain/);
    expect(response.headers()["cache-control"]).toBe("no-store");
    const text = await response.text();
    for (const metric of ["agora_http_request_duration_seconds", "agora_comments_posted_total", "agora_errors_total"]) {
      expect(text).toContain(`# TYPE ${metric} `);
    }
    // A counter without labels is always there, at 0 before the first comment.
    expect(text).toMatch(/^agora_comments_posted_total \d+$/m);
  });
});
