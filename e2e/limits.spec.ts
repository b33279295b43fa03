// Request size limits on the production server: an oversized body to a server action or to an API route, declared
// or chunked, is refused with a 413 in the house error shape before anything reads it; nothing is stored; the
// server keeps serving; and the largest legitimate form still gets through.
import http from "node:http";
import type { Page } from "@playwright/test";
import { expect, newCommentBox, openThread, signUp, submitAndGetCommentId, test, unique } from "./helpers";

const MEGABYTE = 1024 * 1024;

/** The server action request a real comment form sends: its URL and the headers that name the action. */
async function captureCommentAction(page: Page): Promise<{ url: string; headers: Record<string, string> }> {
  const request = page.waitForRequest((r) => r.method() === "POST" && r.headers()["next-action"] !== undefined);
  await newCommentBox(page).fill(unique("Captured"));
  await submitAndGetCommentId(page, () => page.getByRole("button", { name: "Post comment" }).click());
  const sent = await request;
  const headers = await sent.allHeaders();
  const keep = ["next-action", "next-router-state-tree", "accept", "origin", "cookie", "x-forwarded-for"];
  return { url: sent.url(), headers: Object.fromEntries(Object.entries(headers).filter(([name]) => keep.includes(name))) };
}

/** A multipart body shaped like the comment form's, with a body field of `size` bytes. */
function commentMultipart(threadId: string, text: string): { body: Buffer; contentType: string } {
  const boundary = "----agoraLimitTest";
  const part = (name: string, value: string) => `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  const body = Buffer.from(`${part("1_threadId", threadId)}${part("1_body", text)}${part("0", '["$K1"]')}--${boundary}--\r\n`);
  return { body, contentType: `multipart/form-data; boundary=${boundary}` };
}

/** POSTs with Transfer-Encoding: chunked (no Content-Length), in 64 KB pieces, and returns status and body. */
function postChunked(url: string, headers: Record<string, string>, size: number): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: "POST", headers: { ...headers, "transfer-encoding": "chunked" } }, (response) => {
      let text = "";
      response.setEncoding("utf8");
      response.on("data", (chunk) => (text += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, text }));
    });
    // The server may answer and close before the whole body is sent: that is the point, not a failure.
    request.on("error", (error: NodeJS.ErrnoException) => (error.code === "EPIPE" || error.code === "ECONNRESET" ? undefined : reject(error)));
    let sent = 0;
    const piece = Buffer.alloc(64 * 1024, "a");
    const pump = () => {
      while (sent < size) {
        sent += piece.length;
        if (!request.write(piece)) return void request.once("drain", pump);
      }
      request.end();
    };
    pump();
  });
}

type HouseError = { error: { code: string; message: string } };

function expectTooLarge(status: number, json: HouseError) {
  expect(status).toBe(413);
  expect(json.error.code).toBe("payload_too_large");
  expect(json.error.message).toMatch(/^The request is too large: at most \d+ KB\.$/);
}

test.describe("request size limits", () => {
  test("a server action sent a megabyte is refused with a clear 413; nothing is stored and the forum keeps serving", async ({ page, baseURL }) => {
    await signUp(page);
    const thread = await openThread(page, 1);
    const action = await captureCommentAction(page);
    const token = unique("Oversized");
    const { body, contentType } = commentMultipart(thread.id, `${token} ${"x".repeat(MEGABYTE)}`);

    const declared = await page.request.post(action.url, { headers: { ...action.headers, "content-type": contentType }, data: body });
    expectTooLarge(declared.status(), await declared.json());

    const chunked = await postChunked(action.url, { ...action.headers, "content-type": contentType }, 2 * MEGABYTE);
    expectTooLarge(chunked.status, JSON.parse(chunked.text));

    await page.goto(thread.path);
    await expect(page.getByText(token)).toHaveCount(0);
    expect((await page.request.get(`${baseURL}/`)).status()).toBe(200);
  });

  test("an API route sent a megabyte, declared or chunked, is refused with a clear 413 and signs nobody in", async ({ page, request, baseURL }) => {
    const account = await signUp(page);
    const csrf = await request.get("/api/auth/csrf");
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const form = { csrfToken, email: account.email, password: account.password, callbackUrl: "/", padding: "p".repeat(MEGABYTE) };

    const declared = await request.post("/api/auth/callback/credentials", { headers: { origin: baseURL! }, form, maxRedirects: 0 });
    expectTooLarge(declared.status(), await declared.json());
    expect((await request.get("/api/auth/session")).ok()).toBe(true);
    expect(await (await request.get("/api/auth/session")).json()).toBeNull();

    const chunked = await postChunked(
      `${baseURL}/api/auth/callback/credentials`,
      { origin: baseURL!, "content-type": "application/x-www-form-urlencoded" },
      2 * MEGABYTE,
    );
    expectTooLarge(chunked.status, JSON.parse(chunked.text));
    expect((await request.get("/api/health")).status()).toBe(200);
  });

  test("the largest legitimate form gets through: a comment of 10,000 three-byte characters, after a refused 20,000", async ({ page }) => {
    await signUp(page);
    await openThread(page, 2);
    // 20,000 characters is the textarea's own limit: refused by the schema, and echoed back in the form state,
    // which useActionState sends again with the next submission.
    const tooLong = "€".repeat(20_000);
    await newCommentBox(page).fill(tooLong);
    await page.getByRole("button", { name: "Post comment" }).click();
    await expect(page.locator("form.comment-form").getByRole("alert")).toHaveText("Comments are at most 10,000 characters (this one has 20,000).");

    const body = `${unique("Longest")} ${"€".repeat(9_900)}`;
    await newCommentBox(page).fill(body);
    const posted = page.waitForResponse((r) => r.request().method() === "POST" && r.request().headers()["next-action"] !== undefined);
    const id = await submitAndGetCommentId(page, () => page.getByRole("button", { name: "Post comment" }).click());
    expect((await posted).request().postDataBuffer()!.length).toBeGreaterThan(80 * 1024);
    await expect(page.locator(`article#c-${id}`)).toContainText("€€€€");
  });
});

test.describe("malformed callback URLs", () => {
  test("Auth.js never answers a malformed callbackUrl with a 500: query refused with a 400, forged cookie dropped", async ({
    page,
    request,
    context,
    baseURL,
  }) => {
    const query = await request.get("/api/auth/session?callbackUrl=not%20a%20url");
    expect(query.status()).toBe(400);
    expect(await query.json()).toEqual({ error: { code: "bad_request", message: "Invalid callback URL." } });

    // Auth.js's own error page answers "Configuration" with a 500; Agora sends it to the sign-in page.
    const error = await request.get("/api/auth/error?error=Configuration", { maxRedirects: 0 });
    expect(error.status()).toBe(302);
    expect(new URL(error.headers().location!, baseURL).pathname).toBe("/signin");

    // A cookie Auth.js cannot parse used to break every page that reads the session, for whoever carried it.
    const account = await signUp(page);
    await context.addCookies([{ name: "authjs.callback-url", value: "not-a-url", url: baseURL! }]);
    const home = await page.goto("/");
    expect(home?.status()).toBe(200);
    await expect(page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: account.name, exact: true })).toBeVisible();
    expect((await context.cookies()).find((cookie) => cookie.name === "authjs.callback-url")).toBeUndefined();
  });
});

test.describe("hostile request headers and URLs", () => {
  test("a NUL in a path or a query is refused with a 400, not a database error", async ({ request }) => {
    for (const path of ["/a/%00", "/a/%00/feed.xml", "/t/%00", "/u/%00", "/search?q=%00", "/api/threads/%00/new-comments?since=2026-01-01T00:00:00Z"]) {
      const response = await request.get(path);
      expect(response.status(), path).toBe(400);
      expect((await response.json()).error.code, path).toBe("bad_request");
    }
  });

  test("an X-Forwarded-Host that is no host still gets every page and feed, with links on a real origin", async ({ request, baseURL }) => {
    for (const path of ["/", "/signin", "/a/tiktok-sparks-good/feed.xml"]) {
      const response = await request.get(path, { headers: { "x-forwarded-host": "a b" } });
      expect(response.status(), path).toBe(200);
      if (path.endsWith(".xml")) expect(await response.text()).toContain(`href="${baseURL}/a/tiktok-sparks-good"`);
    }
  });
});
