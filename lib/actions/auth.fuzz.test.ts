// Property-based fuzzing of the account actions (sign up, sign in, GitHub sign-in, sign out) and of Auth.js's own
// routes (app/api/auth/[...nextauth], the credentials callback included), with the real Auth.js and the real
// database: whatever is sent, the answer is a written refusal, a redirect inside Agora or a 4xx, never a thrown
// error (a 500), and a refusal stores nothing but the rate limiter's count of attempts.
import fc from "fast-check";
import { NextRequest } from "next/server";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

// next-auth's server-action helpers read the request's headers and write its cookies through next/headers.
const request = vi.hoisted(() => {
  process.env.AUTH_SECRET = "fuzzing-secret-fuzzing-secret-fuzzing-secret";
  return { headers: new Headers(), cookies: new Map<string, string>() };
});
vi.mock("next/headers", async () => {
  const { cookieJar } = await import("@/lib/testing/cookie-jar");
  return {
    headers: async () => request.headers,
    cookies: async () => cookieJar(request.cookies),
  };
});

import { GET, POST } from "@/app/api/auth/[...nextauth]/route";
import { throughProxy } from "@/lib/testing/through-proxy";
import { db } from "@/lib/db";
import { hashPassword } from "@/lib/password";
import { createUserWithPassword } from "@/lib/queries/users";
import { callAction, databaseChanges, DatabaseTracker, expectClearRefusal, formDataFrom, type Fields } from "@/lib/testing/action-harness";
import { fileValue, hostileForm, hostileText, MEGABYTE_VALUES } from "@/lib/testing/hostile-input";
import { signInAction, signInWithGitHubAction, signInWithOidcAction, signUpAction } from "@/lib/actions/auth";
import { POST as signOutRoute } from "@/app/signout/route";
import { useEnv } from "@/lib/testing/env";

const ORIGIN = "http://localhost:3000";
const PASSWORD = "a long enough password";
// Generous: every accepted form costs an argon2 hash, slow on a busy machine.
const TIMEOUT_MS = 180_000;

const database = new DatabaseTracker();
let member: { id: string; email: string };
const outcomes = { accepted: 0, refused: 0 };
// Limits high enough that runs are refused for what they send (the limits have their own tests).
useEnv({
  RATE_LIMIT_SIGNIN_ACCOUNT: "100000/900",
  RATE_LIMIT_SIGNIN_IP: "100000/900",
  RATE_LIMIT_SIGNIN_ACCOUNT_IP: "100000/900",
  RATE_LIMIT_SIGNUP_IP: "100000/900",
  ADMIN_EMAILS: undefined,
});

beforeAll(async () => {
  const user = await createUserWithPassword({ name: "Member", email: "member@example.test", passwordHash: await hashPassword(PASSWORD) });
  member = { id: user.id, email: user.email! };
  // Auth.js reports every refused sign-in on console.error; the properties below check the answers instead.
  vi.spyOn(console, "error").mockImplementation(() => {});
});

beforeEach(() => {
  request.headers = new Headers({ host: "localhost:3000", "x-forwarded-proto": "http", "x-forwarded-for": "10.1.2.3" });
  request.cookies.clear();
  database.reset();
  outcomes.accepted = outcomes.refused = 0;
});

/** A redirect Agora may answer with: a path, or a URL on its own origin; never somewhere else. */
function expectInsideAgora(location: string) {
  expect(new URL(location, ORIGIN).origin).toBe(ORIGIN);
}

const callbackUrl = fc.oneof(
  fc.constantFrom(
    "/",
    "/t/abc#c-1",
    "//evil.example/",
    "https://evil.example/",
    "/\\evil.example",
    "javascript:alert(1)",
    "http://localhost:3000.evil.example/",
  ),
  hostileText,
);

describe("account actions under fuzzing", () => {
  it(
    "signUpAction creates a member (never more) or refuses in writing, storing nothing",
    async () => {
      const takenOrNew = fc.oneof(
        { arbitrary: fc.uuid().map((id) => `${id}@example.test`), weight: 3 },
        { arbitrary: fc.constantFrom(member.email, ` ${member.email.toUpperCase()} `), weight: 1 },
      );
      const form = hostileForm({
        name: fc.oneof({ arbitrary: fc.constantFrom("Ada", "  Grace  "), weight: 2 }, { arbitrary: hostileText, weight: 1 }),
        email: takenOrNew,
        password: fc.oneof({ arbitrary: fc.constant(PASSWORD), weight: 2 }, { arbitrary: hostileText, weight: 1 }),
        callbackUrl,
      });
      await fc.assert(
        fc.asyncProperty(form, async (fields) => {
          const before = await database.before();
          const answer = await callAction(signUpAction, fields);
          if (!answer.ok) {
            expectClearRefusal(answer);
            // A well-formed sign-up spends one of the address's sign-ups, even when refused.
            await database.expectUnchanged({ except: ["rateLimiterFlexible"] });
            outcomes.refused++;
            return;
          }
          expectInsideAgora(answer.redirectedTo!);
          const changes = databaseChanges(before, await database.after());
          for (const change of changes) expect(["user", "session", "rateLimiterFlexible"]).toContain(change.table);
          const created = changes.filter((change) => change.table === "user");
          expect(created).toHaveLength(1);
          // Whatever extra fields the form carried: a plain member, not suspended, not verified, no picture.
          expect(created[0]!.columns).toMatchObject({
            role: { to: "member" },
            suspendedPermanently: { to: false },
            suspendedUntil: { to: null },
            emailVerified: { to: null },
            image: { to: null },
          });
          expect(changes.filter((change) => change.table === "session").map((c) => c.columns.userId!.to)).toEqual([created[0]!.key]);
          outcomes.accepted++;
        }),
        {
          numRuns: 30,
          examples: [
            [{ name: "Ada", email: "ada-example@example.test", password: PASSWORD, role: "admin" }],
            [{ name: "Ada", email: member.email, password: PASSWORD }],
          ],
        },
      );
      expect(outcomes.accepted).toBeGreaterThan(0);
      expect(outcomes.refused).toBeGreaterThan(0);
    },
    TIMEOUT_MS,
  );

  it(
    "signInAction signs in with the right password and returns inside Agora, or refuses in writing, storing only the attempt",
    async () => {
      const form = hostileForm({
        email: fc.oneof({ arbitrary: fc.constant(member.email), weight: 2 }, { arbitrary: fc.constant("nobody@example.test"), weight: 1 }),
        password: fc.oneof(
          { arbitrary: fc.constant(PASSWORD), weight: 2 },
          { arbitrary: fc.constantFrom("wrong password"), weight: 1 },
          { arbitrary: hostileText, weight: 1 },
        ),
        callbackUrl,
      });
      await fc.assert(
        fc.asyncProperty(form, async (fields) => {
          const before = await database.before();
          const answer = await callAction(signInAction, fields);
          if (!answer.ok) {
            expectClearRefusal(answer);
            await database.expectUnchanged({ except: ["rateLimiterFlexible"] });
            outcomes.refused++;
            return;
          }
          expectInsideAgora(answer.redirectedTo!);
          const changes = databaseChanges(before, await database.after());
          for (const change of changes) expect(["session", "rateLimiterFlexible"]).toContain(change.table);
          expect(changes.filter((c) => c.table === "session").map((c) => [c.kind, c.columns.userId!.to])).toEqual([["added", member.id]]);
          outcomes.accepted++;
        }),
        { numRuns: 30, examples: [[{ email: member.email, password: PASSWORD, role: "admin" }], [{ email: member.email, password: "wrong password" }]] },
      );
      expect(outcomes.accepted).toBeGreaterThan(0);
      expect(outcomes.refused).toBeGreaterThan(0);
    },
    TIMEOUT_MS,
  );

  it.each([
    ["signInWithGitHubAction, with GitHub sign-in not configured,", signInWithGitHubAction],
    ["signInWithOidcAction, with no OpenID Connect provider configured,", signInWithOidcAction],
  ])("%s redirects inside Agora whatever it is sent", async (_name, action) => {
    const argument = fc.oneof(
      hostileForm({ callbackUrl }).map((fields) => formDataFrom(fields) as unknown),
      fc.jsonValue(),
      fc.constantFrom(undefined, null, new Blob(["x"])),
    );
    await fc.assert(
      fc.asyncProperty(argument, async (value) => {
        await database.before();
        let location: string | undefined;
        try {
          await action(value as FormData);
        } catch (error) {
          const digest = (error as { digest?: unknown }).digest;
          expect(typeof digest === "string" && digest.startsWith("NEXT_REDIRECT"), String(error)).toBe(true);
          location = (digest as string).split(";")[2];
        }
        expectInsideAgora(location!);
        await database.expectUnchanged();
      }),
      { numRuns: 30 },
    );
  });

  it("signing out (POST /signout), signed out, goes home with a 303 and changes nothing", async () => {
    for (let i = 0; i < 3; i++) {
      await database.before();
      const answer = await signOutRoute();
      expect(answer.status).toBe(303);
      expect(answer.headers.get("location")).toBe("/");
      await database.expectUnchanged();
    }
  });

  it("signing out from another site's page is refused (403) before it reaches the route", async () => {
    const foreign = () =>
      new NextRequest("http://localhost:3000/signout", { method: "POST", headers: { host: "localhost:3000", origin: "https://evil.example" } });
    const answer = await throughProxy(foreign, () => signOutRoute());
    expect(answer.status).toBe(403);
  });
});

// ---------------------------------------------------------------------------------------------------------------
// Auth.js's routes, called as Next.js would call the route handler

const AUTH_PATHS = [
  "providers",
  "csrf",
  "session",
  "signin",
  "signin/credentials",
  "signin/github",
  "signout",
  "callback/credentials",
  "callback/github",
  "error",
  "verify-request",
  "webauthn-options/x",
  "nonsense",
  "callback/%2e%2e",
  "",
];

const SERVED_ACTIONS = new Set(
  ["providers", "csrf", "session", "signin", "signout"]
    .flatMap((path) => [`GET ${path}`, `POST ${path}`])
    .concat("POST signin/credentials", "POST callback/credentials"),
);

/** A fresh CSRF token and its cookie, so a fuzzed credentials callback gets past the CSRF check to authorize(). */
async function csrf(): Promise<{ token: string; cookie: string }> {
  const response = await GET(new NextRequest(`${ORIGIN}/api/auth/csrf`));
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  const cookie = response.headers
    .getSetCookie()
    .map((line) => line.split(";")[0])
    .join("; ");
  return { token: csrfToken, cookie };
}

/** Percent-encodes any text; a lone surrogate (which has no UTF-8) goes as U+FFFD, as a browser would send it. */
const encode = (text: string) => encodeURIComponent(text.replace(/\p{Surrogate}/gu, "\ufffd"));

type RouteCall = {
  method: "GET" | "POST";
  path: string;
  query: string;
  body: Fields | string | Blob | undefined;
  withCsrf: boolean;
  contentType?: string;
  /** A callback-url cookie as a client could forge it. */
  callbackCookie?: string;
  origin: string;
};

const routeCall: fc.Arbitrary<RouteCall> = fc.record({
  method: fc.constantFrom("GET", "POST"),
  path: fc.oneof({ arbitrary: fc.constantFrom(...AUTH_PATHS), weight: 4 }, { arbitrary: fc.webPath(), weight: 1 }),
  query: fc.oneof(
    fc.constant(""),
    hostileText.map((text) => `callbackUrl=${encode(text.slice(0, 3000))}&error=${encode(text.slice(0, 50))}`),
  ),
  body: fc.oneof(
    hostileForm({
      email: fc.oneof(fc.constant("member@example.test"), hostileText),
      password: fc.oneof(fc.constant(PASSWORD), hostileText),
      callbackUrl,
      csrfToken: hostileText,
    }),
    fc.constantFrom('{"email":"member@example.test","password":1}', "%%%", "email=%ZZ", MEGABYTE_VALUES[0]!),
    fileValue,
    fc.constant(undefined),
  ),
  withCsrf: fc.boolean(),
  contentType: fc.option(
    fc.constantFrom(
      "application/x-www-form-urlencoded",
      "application/json",
      "multipart/form-data",
      "text/plain",
      "application/x-www-form-urlencoded; charset=utf-16",
    ),
    { nil: undefined },
  ),
  callbackCookie: fc.option(fc.oneof(callbackUrl, fc.constantFrom("abc", "%E0%A4%A", "")), { nil: undefined }),
  origin: fc.constantFrom(ORIGIN, ORIGIN, ORIGIN, "https://evil.example"),
});

async function send(call: RouteCall): Promise<Response> {
  const headers = new Headers({ "x-forwarded-for": "10.9.8.7", origin: call.origin });
  const cookies: string[] = [];
  if (call.callbackCookie !== undefined) {
    // Sent raw when a cookie can hold it (so broken percent-encodings arrive as such), encoded otherwise.
    const raw = /^[\x21-\x7e]*$/.test(call.callbackCookie) && !/[;,"\\]/.test(call.callbackCookie);
    cookies.push(`authjs.callback-url=${raw ? call.callbackCookie : encode(call.callbackCookie)}`);
  }
  let body: BodyInit | undefined;
  if (call.method === "POST" && call.body !== undefined) {
    if (typeof call.body === "string" || call.body instanceof Blob) body = call.body;
    else {
      const form = new URLSearchParams();
      for (const [name, value] of Object.entries(call.body)) {
        for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value]) form.append(name, typeof item === "string" ? item : "[file]");
      }
      if (call.withCsrf) {
        const { token, cookie } = await csrf();
        form.set("csrfToken", token);
        cookies.push(cookie);
      }
      body = form;
    }
  }
  if (call.contentType) headers.set("content-type", call.contentType);
  if (cookies.length) headers.set("cookie", cookies.join("; "));
  const url = `${ORIGIN}/api/auth/${call.path.replace(/^\//, "")}${call.query ? `?${call.query}` : ""}`;
  // A body buffered once, so the proxy and the route can each read their own copy.
  const bytes = body === undefined ? undefined : await new Response(body).arrayBuffer();
  if (bytes !== undefined && !headers.has("content-type") && body instanceof URLSearchParams) headers.set("content-type", "application/x-www-form-urlencoded");
  if (bytes !== undefined) headers.set("content-length", String(bytes.byteLength));
  return throughProxy(() => new NextRequest(url, { method: call.method, headers, body: bytes }), call.method === "GET" ? GET : POST);
}

describe("Auth.js routes under fuzzing", () => {
  it(
    "every request, through proxy.ts, gets a 2xx, a redirect inside Agora or a 4xx, and stores no more than an attempt or a valid sign-in",
    async () => {
      const call = (overrides: Partial<RouteCall>): [RouteCall] => [
        { method: "GET", path: "providers", query: "", body: undefined, withCsrf: false, origin: ORIGIN, ...overrides },
      ];
      // Requests that answered 500 before proxy.ts and lib/auth.ts guarded them, then a real sign-in.
      const examples = [
        call({ path: "providers", query: "callbackUrl=abc" }),
        call({ path: "session", callbackCookie: "abc" }),
        call({ path: "error", query: "error=Configuration" }),
        call({ method: "POST", path: "signin/credentials", body: { callbackUrl: "abc" }, withCsrf: true }),
        call({ method: "POST", path: "callback/credentials", body: { email: "member@example.test", password: PASSWORD, callbackUrl: "abc" }, withCsrf: true }),
      ];
      const statuses = new Set<number>();
      await fc.assert(
        fc.asyncProperty(routeCall, async (call) => {
          const before = await database.before();
          const response = await send(call);
          statuses.add(Math.floor(response.status / 100));
          expect(response.status, `${call.method} ${call.path}`).toBeLessThan(500);
          const location = response.headers.get("location");
          if (location) expectInsideAgora(location);
          // Auth.js's name for "something threw": never the answer to an action Agora serves, whatever its fields.
          // (A provider Agora does not have, or GET on a POST-only action, Auth.js also calls "Configuration":
          // that lands on the sign-in page, a 200, and is left to it.)
          if (SERVED_ACTIONS.has(`${call.method} ${call.path}`)) expect(location ?? "").not.toContain("error=Configuration");
          const changes = databaseChanges(before, await database.after());
          for (const change of changes) expect(["rateLimiterFlexible", "session"]).toContain(change.table);
          // A session only for the right password, sent with a valid CSRF token to the credentials callback.
          for (const change of changes.filter((c) => c.table === "session")) {
            expect(change.columns.userId!.to).toBe(member.id);
            expect(call).toMatchObject({ method: "POST", path: "callback/credentials", withCsrf: true });
          }
        }),
        { numRuns: 60, examples },
      );
      expect([...statuses].sort()).toEqual([2, 3, 4]);
      expect(await db.session.count({ where: { userId: member.id } })).toBeGreaterThan(0);
    },
    TIMEOUT_MS,
  );
});
