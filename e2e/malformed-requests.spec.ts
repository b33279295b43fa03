import http from "node:http";
import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { expect, test } from "./helpers";

// Unparseable requests against the running production server: a clear 400 (or any other answer below 500) with
// the usual security headers, never a bare 500 (lib/request-gate.ts, proxy.ts). Raw HTTP: a browser or
// Playwright's client would repair the addresses before sending them.

type Answer = { status: number; headers: http.IncomingHttpHeaders; body: string };

function send(baseURL: string, method: string, target: string, headers: Record<string, string> = {}, body?: string): Promise<Answer> {
  const { hostname, port } = new URL(baseURL);
  return new Promise((resolve, reject) => {
    const request = http.request({ host: hostname, port, method, path: target, headers: { origin: baseURL, ...headers } }, (response) => {
      let text = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (text += chunk));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: text }));
    });
    request.on("error", reject);
    request.end(body);
  });
}

function expectHardened(answer: Answer, what: string) {
  expect(answer.status, `${what} → ${answer.status} ${answer.body.slice(0, 200)}`).toBeLessThan(500);
  // Next.js's own redirects ("//" in a path) carry no headers; every other answer does.
  if (answer.status >= 300 && answer.status < 400) return;
  expect(answer.headers["x-content-type-options"], what).toBe("nosniff");
  expect(answer.headers["x-frame-options"], what).toBe("DENY");
}

/** A real server action's id from the build (the fuzz must reach Next.js's decoding of its arguments). */
function someActionId(): string {
  const manifest = JSON.parse(readFileSync(path.join(process.env.NEXT_DIST_DIR || ".next", "server", "server-reference-manifest.json"), "utf8")) as {
    node: Record<string, unknown>;
  };
  return Object.keys(manifest.node)[0]!;
}

test.describe("malformed requests", () => {
  test("the paths from the report answer 400 with the security headers and a friendly page or JSON", async ({ baseURL }) => {
    for (const target of ["/t/%E0%A4%A", "/t/%C0%AF", "/u/%FF", "/a/%ED%A0%80", "/api/threads/%FF/new-comments?since=2026-01-01T00:00:00Z"]) {
      const page = await send(baseURL!, "GET", target, { accept: "text/html" });
      expectHardened(page, target);
      expect(page.status).toBe(400);
      expect(page.headers["content-security-policy"]).toContain("frame-ancestors 'none'");
      if (target.startsWith("/api/")) expect(JSON.parse(page.body)).toMatchObject({ error: { code: "bad_request" } });
      else expect(page.body).toContain("That address doesn’t work");
    }
    const json = await send(baseURL!, "GET", "/u/%FF", { accept: "application/json" });
    expect(json.status).toBe(400);
    expect(JSON.parse(json.body)).toMatchObject({ error: { code: "bad_request" } });
  });

  test("a server action with arguments that are not JSON answers 400", async ({ baseURL }) => {
    const answer = await send(baseURL!, "POST", "/", { "next-action": someActionId(), "content-type": "text/plain;charset=UTF-8" }, "[{");
    expectHardened(answer, "[{");
    expect(answer.status).toBe(400);
  });

  test("fuzz: paths with random percent-encoding and bytes never answer 500", async ({ baseURL }) => {
    test.setTimeout(120_000);
    const prefix = fc.constantFrom("/t/", "/u/", "/a/", "/api/threads/", "/api/comments/", "/search?q=", "/", "/t/x/c/", "/mod/log?before=");
    const piece = fc.oneof(
      fc.constantFrom("%", "%F", "%FF", "%C0%AF", "%ED%A0%80", "%E0%A4%A", "%00", "%2F", "%25", "..", "%u0041", "%F0%9F%98", "%C3%28", "~", "%0A"),
      fc.stringMatching(/^[A-Za-z0-9._-]{0,6}$/),
      fc.integer({ min: 0, max: 255 }).map((byte) => `%${byte.toString(16).padStart(2, "0")}`),
    );
    const suffix = fc.constantFrom("", "/feed.xml", "/new-comments?since=2026-01-01T00:00:00Z", "/events?since=x", "/markdown", "?at=%FF");
    const targets = fc.sample(
      fc.tuple(prefix, fc.array(piece, { minLength: 1, maxLength: 5 }), suffix).map(([a, b, c]) => a + b.join("") + c),
      { numRuns: 150, seed: 16 },
    );
    for (const target of targets) expectHardened(await send(baseURL!, "GET", target, { accept: "text/html" }), target);
  });

  test("fuzz: server-action and route bodies that do not parse never answer 500", async ({ baseURL }) => {
    test.setTimeout(120_000);
    const action = someActionId();
    const body = fc.oneof(
      fc.constantFrom("[{", "{", "[", '["$', '["$K1"]', '"\\u', "null", "[1,", "\u0000", "[]]", '{"a":', "%FF"),
      fc.string({ maxLength: 40 }),
    );
    const kind = fc.constantFrom<{ path: string; headers: Record<string, string> }>(
      { path: "/", headers: { "next-action": action, "content-type": "text/plain;charset=UTF-8" } },
      { path: "/signin", headers: { "next-action": action, "content-type": "multipart/form-data; boundary=----x" } },
      { path: "/api/auth/callback/credentials", headers: { "content-type": "application/x-www-form-urlencoded" } },
      { path: "/api/auth/callback/credentials", headers: { "content-type": "application/json" } },
    );
    for (const [request, text] of fc.sample(fc.tuple(kind, body), { numRuns: 80, seed: 16 })) {
      expectHardened(await send(baseURL!, "POST", request.path, request.headers, text), `${request.path} ${JSON.stringify(text)}`);
    }
  });
});
